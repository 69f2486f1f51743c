import { getQueueToken } from '@nestjs/bull';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { Queue } from 'bull';
import request from 'supertest';
import { PRUNE_CALL_LOG_JOB, USAGE_QUEUE } from '@faceauth/usage';
import { createApp } from '../../apps/api/src/create-app';
import { registerAccount } from '../factories/accounts';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';
import { MeteredProbeModule } from './metered-probe.module';
import { burst, OK, poll, waitForUsage } from './usage-helpers';

// Long enough for the first test's 100 calls on a loaded machine; no test waits for it to end.
const WINDOW_MS = 10_000;
const onRedis = process.env.TEST_REDIS_URL ? describe : describe.skip;

onRedis('Two API processes on one database and one Redis', () => {
  let t: TestApp;
  let second: NestExpressApplication;
  beforeAll(async () => {
    t = await startTestApp({ ...NO_FACES, rateLimitWindowMs: WINDOW_MS }, [MeteredProbeModule]);
    second = await createApp(
      { databaseUrl: t.database.url, redisUrl: process.env.TEST_REDIS_URL, rateLimitWindowMs: WINDOW_MS, logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' },
      [MeteredProbeModule],
    );
    await second.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('share the per-minute counters of a key: 60 calls on one and 40 on the other leave none for the 101st', async () => {
    const a = await registerAccount(t.http);
    const other = request(second.getHttpServer());
    const first = await burst(60, 10, () => t.http.post(OK).set('X-API-Key', a.apiKey).send({}));
    const then = await burst(40, 10, () => other.post(OK).set('X-API-Key', a.apiKey).send({}));
    expect([...first, ...then].every((s) => s === 200)).toBe(true);
    const refused = await other.post(OK).set('X-API-Key', a.apiKey).send({}).expect(429);
    expect(refused.body.error.code).toBe('RATE_LIMIT');
    await t.http.post(OK).set('X-API-Key', a.apiKey).send({}).expect(429);
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls >= 100);
    expect(body.usage.total_calls).toBe(100);
  });

  it('schedule one repeatable pruning job between them', async () => {
    const queue = t.app.get<Queue>(getQueueToken(USAGE_QUEUE));
    const jobs = await poll('the pruning job scheduled', () => queue.getRepeatableJobs(), (all) => all.some((job) => job.name === PRUNE_CALL_LOG_JOB), {
      deadlineMs: 10_000,
      intervalMs: 100,
    });
    expect(jobs.filter((job) => job.name === PRUNE_CALL_LOG_JOB)).toEqual([expect.objectContaining({ every: 3_600_000 })]);
  });
});
