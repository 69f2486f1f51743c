import { loggableError } from '@faceauth/common';
import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';
import { LoginSessionsRepository } from './login-sessions.repository';

/** Deletes sessions (and their attempts) older than loginSessions.retentionDays, every usage.pruneIntervalMs. */
@Injectable()
export class LoginSessionsRetention implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('login-sessions');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sessions: LoginSessionsRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.prune().catch((error) => this.logger.warn({ msg: 'pruning login sessions failed', ...loggableError(error) })), this.config.usage.pruneIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async prune(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.loginSessions.retentionDays * 86_400_000);
    const deleted = await this.sessions.pruneBefore(cutoff);
    if (deleted > 0) this.logger.log({ msg: 'pruned old login sessions', deleted });
    return deleted;
  }
}
