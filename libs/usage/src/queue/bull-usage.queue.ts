import { loggableError } from '@faceauth/common';
import { InjectQueue } from '@nestjs/bull';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bull';
import { AppConfig } from '@faceauth/config';
import { UsageEvent } from '../usage-event';
import { PRUNE_CALL_LOG_JOB, RECORD_CALLS_JOB, USAGE_QUEUE } from '../usage.constants';
import { batchJobId, RecordCallsJob } from './record-calls-job';
import { EventBuffer } from './event-buffer';
import { usageEventBound } from './usage-event-bound';
import { UsageQueue } from './usage-queue';

const ADD_TIMEOUT_MS = 5000;

/**
 * Usage events as Bull jobs, one job per batch: the events pushed within `usage.recordDelayMs` of the first go
 * together, so Bull's commands per job (add, fetch, lock, finish: about a dozen Redis round trips) and the
 * recorder's transaction are shared by the batch instead of paid per call. Events pass through a local buffer:
 * while Redis is away they wait there (the response does not), and the buffer is flushed as soon as the
 * connection is ready again. A batch re-added after a failed add keeps its job id (a hash of its event ids),
 * and one that overlaps an earlier job is harmless: the recorder counts each event id once.
 */
@Injectable()
export class BullUsageQueue extends UsageQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('usage');
  private readonly buffer: EventBuffer<UsageEvent>;
  private redisDown = false;

  constructor(
    @InjectQueue(USAGE_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    super();
    this.buffer = new EventBuffer((batch) => this.enqueue(batch), {
      batchSize: 500,
      retryMs: 2000,
      delayMs: config.usage.recordDelayMs,
      onError: (error, pending) => this.logger.warn({ msg: 'usage events waiting for Redis', pending, ...loggableError(error) }),
      ...usageEventBound(config, this.logger),
    });
    this.queue.client.on('ready', () => {
      if (this.redisDown) this.logger.log({ msg: 'Redis is back: flushing buffered usage events', pending: this.buffer.size });
      this.redisDown = false;
      void this.buffer.flush();
    });
    // Without a listener an 'error' event would throw; ioredis reconnects by itself.
    this.queue.on('error', (error) => {
      if (!this.redisDown) this.logger.warn({ msg: 'usage queue lost Redis', error: error.message });
      this.redisDown = true;
    });
  }

  add(event: UsageEvent): void {
    this.buffer.push(event);
  }

  pending(): number {
    return this.buffer.size;
  }

  lagSeconds(): number {
    return this.buffer.ageMs() / 1000;
  }

  /** The queue's processors record the events, perhaps in another process: nothing here to wait for. */
  settle(): Promise<void> {
    return Promise.resolve();
  }

  onApplicationBootstrap(): void {
    this.schedulePruning().catch((error) => this.logger.warn({ msg: 'could not schedule call-log pruning', error: error.message }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.buffer.flush();
    this.buffer.stop();
    if (this.buffer.size) this.logger.error({ msg: 'usage events not queued at shutdown (Redis unreachable)', lost: this.buffer.size });
  }

  private async enqueue(batch: UsageEvent[]): Promise<void> {
    // Commands sent now would sit in ioredis's offline queue: keep the events here instead.
    if (this.queue.client.status !== 'ready') throw new Error(`Redis connection is ${this.queue.client.status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('adding usage jobs timed out')), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.queue.add(RECORD_CALLS_JOB, { events: batch } satisfies RecordCallsJob, { jobId: batchJobId(batch) }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** One repeatable job for every API process (Bull deduplicates it); an interval changed since is replaced. */
  private async schedulePruning(): Promise<void> {
    const every = this.config.usage.pruneIntervalMs;
    for (const job of await this.queue.getRepeatableJobs()) {
      if (job.name === PRUNE_CALL_LOG_JOB && Number(job.every) !== every) await this.queue.removeRepeatableByKey(job.key);
    }
    await this.queue.add(PRUNE_CALL_LOG_JOB, {}, { repeat: { every }, attempts: 1, removeOnComplete: true, removeOnFail: 10 });
  }
}
