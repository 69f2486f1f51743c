import { Injectable, Optional } from '@nestjs/common';
import { newSessionCredentials } from '@faceauth/api-keys';
import { AuthContext, ForbiddenError, NotFoundError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { StartSessionDto, StartSessionResponseDto } from './dto/start-session.dto';
import { SessionStatusResponseDto } from './dto/session-status.dto';
import { LoginSession } from './entities/login-session.entity';
import { LoginLockService } from './login-lock.service';
import { drawChallenge } from './liveness/challenge';
import { LoginMetrics } from './login-metrics';
import { LoginSessionsRepository } from './login-sessions.repository';

/** Starting a login session, and its state for the site's audit. */
@Injectable()
export class LoginSessionsService {
  constructor(
    private readonly sessions: LoginSessionsRepository,
    private readonly lock: LoginLockService,
    private readonly config: AppConfig,
    @Optional() private readonly metrics?: LoginMetrics,
  ) {}

  /**
   * A publishable key is public: it may not lower the liveness bar, and the answer must not tell whether
   * the user id is enrolled (an unknown user fails later, like a wrong face), so nothing is looked up here.
   */
  async start(auth: AuthContext, dto: StartSessionDto): Promise<StartSessionResponseDto> {
    const settings = this.config.loginSessions;
    if (dto.liveness?.mode === 'off' && auth.keyKind === 'publishable') {
      throw new ForbiddenError('Only a secret key (from your server) may start a session with liveness off');
    }
    const mode = dto.liveness?.mode ?? settings.defaultLiveness;
    await this.lock.assertUnlocked(auth.accountId, dto.user_id);
    const now = new Date();
    const challenge = mode === 'active' ? drawChallenge(now) : null;
    const { id, secret, hash } = newSessionCredentials('ls_', 'lss_');
    const session = new LoginSession();
    Object.assign(session, {
      id,
      accountId: auth.accountId,
      keyId: auth.keyId,
      startedWith: auth.keyKind,
      userId: dto.user_id,
      nonce: dto.nonce ?? null,
      clientSecretHash: hash,
      livenessMode: mode,
      challenge,
      maxAttempts: settings.maxAttempts,
      createdAt: now,
      expiresAt: new Date(now.getTime() + settings.lifetimeSeconds * 1000),
    });
    await this.sessions.insert(session);
    this.metrics?.sessionStarted(mode);
    return {
      success: true,
      session_id: session.id,
      client_secret: secret,
      user_id: session.userId,
      expires_at: session.expiresAt.toISOString(),
      liveness: { mode, challenge },
    };
  }

  async status(auth: AuthContext, sessionId: string): Promise<SessionStatusResponseDto> {
    const session = await this.sessions.findOwned(auth.accountId, sessionId);
    if (!session) throw new NotFoundError(`No login session ${sessionId} in this account`);
    const attempts = await this.sessions.attempts(session.id);
    const expired = session.state === 'pending' && session.expiresAt.getTime() <= Date.now();
    return {
      success: true,
      session_id: session.id,
      user_id: session.userId,
      state: expired ? 'expired' : session.state,
      started_with: session.startedWith,
      liveness_mode: session.livenessMode,
      attempts: session.attempts,
      attempts_left: Math.max(0, session.maxAttempts - session.attempts),
      attempt_log: attempts.map((attempt) => ({ outcome: attempt.outcome, created_at: attempt.createdAt.toISOString() })),
      created_at: session.createdAt.toISOString(),
      expires_at: session.expiresAt.toISOString(),
      succeeded_at: session.succeededAt?.toISOString() ?? null,
      confirmed_at: session.confirmedAt?.toISOString() ?? null,
    };
  }
}
