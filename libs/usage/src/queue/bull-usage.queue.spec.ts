import { EventEmitter } from 'node:events';
import type { Queue } from 'bull';
import { loadConfig } from '@faceauth/config';
import { UsageEvent } from '../usage-event';
import { RECORD_CALLS_JOB } from '../usage.constants';
import { BullUsageQueue } from './bull-usage.queue';
import { batchJobId } from './record-calls-job';

const event = (n: number): UsageEvent => ({
  eventId: `event-${n}`, requestId: `request-${n}`, accountId: 1, keyId: 1, endpoint: 'verify', statusCode: 200,
  success: true, errorCode: null, latencyMs: 20, time: new Date(1_700_000_000_000 + n).toISOString(),
});

/** The edge: Bull's Queue, recording what is added; `failures` adds reject first. */
function fakeQueue(failures = 0) {
  const added: Array<{ name: string; data: { events: UsageEvent[] }; opts: { jobId: string } }> = [];
  const client = Object.assign(new EventEmitter(), { status: 'ready' });
  const queue = Object.assign(new EventEmitter(), {
    client,
    add: async (name: string, data: { events: UsageEvent[] }, opts: { jobId: string }) => {
      if (failures-- > 0) throw new Error('Redis went away');
      added.push({ name, data, opts });
    },
  });
  return { queue: queue as unknown as Queue, added, client };
}

async function until(condition: () => boolean, deadlineMs = 3000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe(BullUsageQueue.name, () => {
  it('queues the events of one delay as one job, whose id is the hash of their ids', async () => {
    const { queue, added } = fakeQueue();
    const usage = new BullUsageQueue(queue, loadConfig({ USAGE_RECORD_DELAY_MS: '50' }));
    for (let i = 0; i < 5; i++) usage.add(event(i));
    expect(added).toHaveLength(0);
    await until(() => added.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(added).toHaveLength(1);
    expect(added[0].name).toBe(RECORD_CALLS_JOB);
    expect(added[0].data.events.map((e) => e.eventId)).toEqual(['event-0', 'event-1', 'event-2', 'event-3', 'event-4']);
    expect(added[0].opts.jobId).toBe(batchJobId(added[0].data.events));
    expect(usage.pending()).toBe(0);
  });

  it('adds a batch that failed again under the same job id once Redis is back', async () => {
    const { queue, added, client } = fakeQueue(1);
    const usage = new BullUsageQueue(queue, loadConfig({ USAGE_RECORD_DELAY_MS: '0' }));
    usage.add(event(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(added).toHaveLength(0);
    expect(usage.pending()).toBe(1);
    client.emit('ready');
    await until(() => added.length === 1);
    expect(added[0].opts.jobId).toBe(batchJobId([event(1)]));
    await usage.beforeApplicationShutdown();
  });
});

describe(batchJobId.name, () => {
  it('is the same for the same events in the same order, and differs when one event differs or is added', () => {
    const batch = [event(1), event(2)];
    expect(batchJobId(batch)).toBe(batchJobId([event(1), event(2)]));
    expect(batchJobId(batch)).not.toBe(batchJobId([event(1), event(3)]));
    expect(batchJobId(batch)).not.toBe(batchJobId([event(1), event(2), event(3)]));
    expect(batchJobId(batch)).not.toBe(batchJobId([event(2), event(1)]));
    expect(batchJobId(batch)).toMatch(/^calls:[0-9a-f]{32}$/);
  });
});
