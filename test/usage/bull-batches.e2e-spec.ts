import { getQueueToken } from '@nestjs/bull';
import type { Job, Queue } from 'bull';
import { randomUUID } from 'node:crypto';
import { RECORD_CALL_JOB, RECORD_CALLS_JOB, USAGE_QUEUE, UsageEvent } from '@faceauth/usage';
import { registerAccount } from '../factories/accounts';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';
import { MeteredProbeModule } from './metered-probe.module';
import { burst, OK, waitForUsage } from './usage-helpers';

const onRedis = process.env.TEST_REDIS_URL ? describe : describe.skip;

onRedis('Usage events on Redis: one Bull job per batch', () => {
  let t: TestApp;
  let queue: Queue;
  const completed: Job[] = [];
  beforeAll(async () => {
    // A delay long enough that a burst's calls land in a few batches on a loaded machine.
    t = await startTestApp({ ...NO_FACES, usage: { recordDelayMs: 200 } }, [MeteredProbeModule]);
    queue = t.app.get<Queue>(getQueueToken(USAGE_QUEUE));
    queue.on('completed', (job: Job) => completed.push(job));
  });
  afterAll(() => t.close());

  it('queues the calls of one delay as one job and records every call once', async () => {
    const a = await registerAccount(t.http);
    completed.length = 0;
    const statuses = await burst(40, 10, () => t.http.post(OK).set('X-API-Key', a.apiKey).send({}));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls >= 40);
    expect(body.usage.total_calls).toBe(40);
    const batches = completed.filter((job) => job.name === RECORD_CALLS_JOB && job.data.events.some((e: UsageEvent) => e.accountId === a.id));
    const events = batches.flatMap((job) => job.data.events as UsageEvent[]).filter((e) => e.accountId === a.id);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(40);
    expect(batches.length).toBeLessThan(40);
  });

  it('queues what is still waiting when the process stops gracefully: another process records it', async () => {
    // The longest delay the config allows: the calls are still in the producer's buffer when the app closes.
    const first = await startTestApp({ ...NO_FACES, usage: { recordDelayMs: 1000 } }, [MeteredProbeModule]);
    let firstOpen = true;
    let second: TestApp | undefined;
    try {
      const a = await registerAccount(first.http);
      await burst(5, 5, () => first.http.post(OK).set('X-API-Key', a.apiKey).send({}));
      await first.app.close();
      firstOpen = false;
      second = await startTestApp({ ...NO_FACES }, [MeteredProbeModule], { database: first.database });
      const body = await waitForUsage(second.http, a.apiKey, (b) => b.usage.total_calls >= 5);
      expect(body.usage.total_calls).toBe(5);
    } finally {
      if (firstOpen) await first.app.close();
      await second?.app.close();
      await first.database.drop();
    }
  });

  it('still records a job of one event, as a version before batching queued it', async () => {
    const a = await registerAccount(t.http);
    const event: UsageEvent = {
      eventId: randomUUID(), requestId: randomUUID(), accountId: a.id, keyId: a.id, endpoint: 'verify', statusCode: 200,
      success: true, errorCode: null, latencyMs: 9, time: new Date().toISOString(),
    };
    await queue.add(RECORD_CALL_JOB, event, { jobId: event.eventId });
    const body = await waitForUsage(t.http, a.apiKey, (b) => b.usage.total_calls >= 1);
    expect(body.usage).toMatchObject({ total_calls: 1, success_rate: 100 });
  });
});
