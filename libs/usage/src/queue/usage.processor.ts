import { loggableError } from '@faceauth/common';
import { Process, Processor } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { UsageRetention } from '../retention/usage-retention.service';
import { UsageEvent } from '../usage-event';
import { UsageRecorder } from '../usage-recorder.service';
import { PRUNE_CALL_LOG_JOB, RECORD_CALL_JOB, RECORD_CALLS_JOB, USAGE_QUEUE } from '../usage.constants';
import { RecordCallsJob } from './record-calls-job';

/** Bull worker of the usage queue: hands each job to its service, logs timing, rethrows so Bull retries. */
@Processor(USAGE_QUEUE)
export class UsageProcessor {
  private readonly logger = new Logger('usage');

  constructor(
    private readonly recorder: UsageRecorder,
    private readonly retention: UsageRetention,
  ) {}

  @Process({ name: RECORD_CALLS_JOB, concurrency: 4 })
  async recordCalls(job: Job<RecordCallsJob>): Promise<void> {
    await this.timed(job, () => this.recorder.record(job.data.events));
  }

  /** A job of one event, queued by a version before batching (a rolling upgrade): recorded the same way. */
  @Process({ name: RECORD_CALL_JOB, concurrency: 1 })
  async recordCall(job: Job<UsageEvent>): Promise<void> {
    await this.timed(job, () => this.recorder.record([job.data]));
  }

  @Process(PRUNE_CALL_LOG_JOB)
  async pruneCallLog(job: Job): Promise<void> {
    const removed = await this.timed(job, () => this.retention.prune());
    if (removed) this.logger.log({ msg: 'call log pruned', removed });
  }

  private async timed<T>(job: Job, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await work();
      this.logger.debug({ msg: 'job done', job: job.name, id: job.id, ms: Math.round(performance.now() - started) });
      return result;
    } catch (error) {
      this.logger.warn({ msg: 'job failed', job: job.name, id: job.id, attempt: job.attemptsMade + 1, ...loggableError(error) });
      throw error;
    }
  }
}
