import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { FixedWindowThrottlerStorage } from './fixed-window.storage';

/** Fixed window: the first hit starts the window, INCR counts atomically across processes. */
const INCREMENT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {hits, ttl}`;

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;
type WithIncrement = Redis & { throttleIncrement(key: string, ttlMs: number): Promise<[number, number]> };

/**
 * Per-minute counters in Redis, shared by every API process. A refused caller waits for the end of the
 * window (the block lasts as long as the window). While Redis is unreachable, each process limits with its
 * own in-memory counters, so the API keeps answering and stays limited.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('rate-limit');
  private readonly local = new FixedWindowThrottlerStorage();
  private readonly redis: WithIncrement;
  private degraded = false;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('throttleIncrement', { numberOfKeys: 1, lua: INCREMENT });
    this.redis = redis as WithIncrement;
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    if (this.redis.status === 'ready') {
      try {
        const [hits, ttlMs] = await this.redis.throttleIncrement(`${this.prefix}:rate:${key}`, ttl);
        this.setDegraded(false);
        const timeToExpire = Math.max(1, Math.ceil(ttlMs / 1000));
        const isBlocked = hits > limit;
        return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
      } catch (error) {
        this.logger.debug({ msg: 'redis rate-limit call failed', error: (error as Error).message });
      }
    }
    this.setDegraded(true);
    return this.local.increment(key, ttl, limit);
  }

  private setDegraded(degraded: boolean): void {
    if (degraded === this.degraded) return;
    this.degraded = degraded;
    if (degraded) this.logger.warn('Redis unreachable: rate limits use per-process counters until it is back');
    else this.logger.log('Redis reachable again: rate limits are shared');
  }
}
