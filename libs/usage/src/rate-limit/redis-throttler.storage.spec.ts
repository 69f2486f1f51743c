import type Redis from 'ioredis';
import { RedisThrottlerStorage } from './redis-throttler.storage';

function fakeRedis(status: string, reply?: [number, number] | Error) {
  const throttleIncrement = jest.fn(async () => {
    if (reply instanceof Error) throw reply;
    return reply;
  });
  return { status, defineCommand: jest.fn(), throttleIncrement } as unknown as Redis & { throttleIncrement: jest.Mock };
}

describe(RedisThrottlerStorage.name, () => {
  it('counts in Redis under the prefix and reports the window in seconds', async () => {
    const redis = fakeRedis('ready', [3, 41_200]);
    const storage = new RedisThrottlerStorage(redis, 'fa:test');
    const record = await storage.increment('default:key-7', 60_000, 100);
    expect(redis.throttleIncrement).toHaveBeenCalledWith('fa:test:rate:default:key-7', 60_000);
    expect(record).toEqual({ totalHits: 3, timeToExpire: 42, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('blocks the hit over the limit until the window ends', async () => {
    const storage = new RedisThrottlerStorage(fakeRedis('ready', [101, 9_001]), 'fa:test');
    expect(await storage.increment('k', 60_000, 100)).toEqual({ totalHits: 101, timeToExpire: 10, isBlocked: true, timeToBlockExpire: 10 });
  });

  it('falls back to per-process counters while Redis is down, without calling it', async () => {
    const redis = fakeRedis('reconnecting');
    const storage = new RedisThrottlerStorage(redis, 'fa:test');
    const first = await storage.increment('k', 60_000, 1);
    const second = await storage.increment('k', 60_000, 1);
    expect(redis.throttleIncrement).not.toHaveBeenCalled();
    expect([first.isBlocked, second.isBlocked]).toEqual([false, true]);
  });

  it('falls back when a Redis call fails', async () => {
    const storage = new RedisThrottlerStorage(fakeRedis('ready', new Error('Command timed out')), 'fa:test');
    expect((await storage.increment('k', 60_000, 5)).totalHits).toBe(1);
  });
});
