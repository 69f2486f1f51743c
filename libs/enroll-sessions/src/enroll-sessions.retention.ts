import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { loggableError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { EnrollSessionsRepository } from './enroll-sessions.repository';

/**
 * Every usage.pruneIntervalMs: drops the kept templates of sessions that expired unfinished (biometric data
 * that will never be enrolled), and deletes sessions older than enrollSessions.retentionDays.
 */
@Injectable()
export class EnrollSessionsRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('enroll-sessions');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: EnrollSessionsRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.prune().catch((error) => this.logger.warn({ msg: 'pruning enrollment sessions failed', ...loggableError(error) })), this.config.usage.pruneIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async prune(now = new Date()): Promise<{ dropped: number; deleted: number }> {
    const dropped = await this.sessions.dropExpiredSamples(now);
    const deleted = await this.sessions.pruneBefore(new Date(now.getTime() - this.config.enrollSessions.retentionDays * 86_400_000));
    if (dropped + deleted > 0) this.logger.log({ msg: 'pruned enrollment sessions', dropped, deleted });
    return { dropped, deleted };
  }
}
