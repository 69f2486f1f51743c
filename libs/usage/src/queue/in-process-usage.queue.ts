import { loggableError } from '@faceauth/common';
import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';
import { UsageRetention } from '../retention/usage-retention.service';
import { UsageEvent } from '../usage-event';
import { UsageRecorder } from '../usage-recorder.service';
import { EventBuffer } from './event-buffer';
import { usageEventBound } from './usage-event-bound';
import { UsageQueue } from './usage-queue';

/**
 * The embedded mode (no REDIS_URL): events are recorded by the same UsageRecorder the Bull processor calls,
 * in batches, `usage.recordDelayMs` after the response. The delay moves the write (a database transaction run from
 * the event loop) off the path of the next request: at concurrency 1 it lands while that request's photo is on its
 * inference thread instead of before the request is read (docs/performance.md). Retention runs on a timer.
 * Nothing is shared between processes.
 */
@Injectable()
export class InProcessUsageQueue extends UsageQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('usage');
  private readonly buffer: EventBuffer<UsageEvent>;
  private pruneTimer?: NodeJS.Timeout;

  constructor(
    private readonly recorder: UsageRecorder,
    private readonly retention: UsageRetention,
    private readonly config: AppConfig,
  ) {
    super();
    this.buffer = new EventBuffer((batch) => this.recorder.record(batch).then(() => undefined), {
      batchSize: 200,
      retryMs: 1000,
      delayMs: config.usage.recordDelayMs,
      onError: (error, pending) => this.logger.warn({ msg: 'recording usage failed, will retry', pending, ...loggableError(error) }),
      ...usageEventBound(config, this.logger),
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

  /** A failed delivery stays pending (it is retried): settle() does not wait for the database to come back. */
  settle(): Promise<void> {
    return this.buffer.flush();
  }

  onApplicationBootstrap(): void {
    this.pruneTimer = setInterval(() => void this.prune(), this.config.usage.pruneIntervalMs).unref();
    void this.prune();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.pruneTimer);
    await this.buffer.flush();
    this.buffer.stop();
    if (this.buffer.size) this.logger.error({ msg: 'usage events not recorded at shutdown', lost: this.buffer.size });
  }

  private async prune(): Promise<void> {
    try {
      const removed = await this.retention.prune();
      if (removed) this.logger.log({ msg: 'call log pruned', removed, retention_days: this.config.usage.retentionDays });
    } catch (error) {
      this.logger.warn({ msg: 'call log pruning failed', ...loggableError(error) });
    }
  }
}
