import { AccountsService } from '@faceauth/accounts';
import { UsageQueue } from '@faceauth/usage';
import { registerAccount } from '../factories/accounts';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';
import { MeteredProbeModule } from './metered-probe.module';
import { OwnRedis } from './redis-server';
import { burst, OK, until, waitForUsage } from './usage-helpers';

describe('Redis stopped in the middle of a burst', () => {
  let redis: OwnRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({ ...NO_FACES, redisUrl: redis.url }, [MeteredProbeModule]);
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  it('keeps answering, buffers the events, and loses no counted call once Redis is back and the queue drains', async () => {
    const a = await registerAccount(t.http);
    await t.app.get(AccountsService).setPlan(a.email, 'pro');
    const queue = t.app.get(UsageQueue);
    let done = 0;
    let withoutHeaders = 0;
    const total = 120;
    const running = burst(total, 4, async () => {
      const res = await t.http.post(OK).set('X-API-Key', a.apiKey).send({});
      if (!res.headers['x-ratelimit-limit']) withoutHeaders++;
      done++;
      return res;
    });

    await until('30 calls answered', () => done >= 30);
    await redis.kill();
    await until('80 calls answered', () => done >= 80);
    // Events of calls answered during the outage wait in the local buffer, not in Redis.
    expect(queue.pending()).toBeGreaterThan(0);
    await redis.up();

    const statuses = await running;
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(withoutHeaders).toBe(0);
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls >= total, 45_000);
    expect(body.usage).toMatchObject({ total_calls: total, monthly_calls: total, success_rate: 100 });
    expect(queue.pending()).toBe(0);
  });
});
