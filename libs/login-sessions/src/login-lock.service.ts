import { Injectable } from '@nestjs/common';
import { LoginLockedError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { LoginSessionsRepository } from './login-sessions.repository';

/**
 * Failed logins per user id, across sessions: at `lockMaxFailures` failures within `lockWindowSeconds`
 * the user's logins are refused (429 LOGIN_LOCKED) until the oldest of them leaves the window. Counted
 * from attempt rows in the database, so every API process applies the same lock.
 */
@Injectable()
export class LoginLockService {
  constructor(
    private readonly sessions: LoginSessionsRepository,
    private readonly config: AppConfig,
  ) {}

  async assertUnlocked(accountId: number, userId: string, now = new Date()): Promise<void> {
    const { lockMaxFailures, lockWindowSeconds } = this.config.loginSessions;
    const windowMs = lockWindowSeconds * 1000;
    const failures = await this.sessions.failuresSince(accountId, userId, new Date(now.getTime() - windowMs));
    if (failures.length < lockMaxFailures) return;
    // The lock lifts when enough failures have left the window to bring the count under the limit.
    const lifting = failures[failures.length - lockMaxFailures];
    throw new LoginLockedError(Math.max(1, Math.ceil((lifting.getTime() + windowMs - now.getTime()) / 1000)));
  }
}
