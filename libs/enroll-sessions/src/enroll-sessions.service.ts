import { Injectable } from '@nestjs/common';
import { newSessionCredentials } from '@faceauth/api-keys';
import { AuthContext, NotFoundError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { EnrollSessionStatusResponseDto } from './dto/enroll-session-status.dto';
import { StartEnrollSessionDto, StartEnrollSessionResponseDto } from './dto/start-enroll-session.dto';
import { EnrollSession } from './entities/enroll-session.entity';
import { EnrollSessionsRepository } from './enroll-sessions.repository';
import { ENROLL_POSES } from './enroll-steps';

/** Starting an enrollment session, and its state for the site's backend. */
@Injectable()
export class EnrollSessionsService {
  constructor(
    private readonly sessions: EnrollSessionsRepository,
    private readonly config: AppConfig,
  ) {}

  async start(auth: AuthContext, dto: StartEnrollSessionDto): Promise<StartEnrollSessionResponseDto> {
    const now = new Date();
    const { id, secret, hash } = newSessionCredentials('es_', 'ess_');
    const session = new EnrollSession();
    Object.assign(session, {
      id,
      accountId: auth.accountId,
      keyId: auth.keyId,
      userId: dto.user_id,
      replaceSamples: dto.replace ?? false,
      clientSecretHash: hash,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.enrollSessions.lifetimeSeconds * 1000),
    });
    await this.sessions.insert(session);
    return {
      success: true,
      session_id: session.id,
      client_secret: secret,
      user_id: session.userId,
      expires_at: session.expiresAt.toISOString(),
      steps: ENROLL_POSES.map((pose) => ({ pose })),
    };
  }

  async status(auth: AuthContext, sessionId: string): Promise<EnrollSessionStatusResponseDto> {
    const session = await this.sessions.findOwned(auth.accountId, sessionId);
    if (!session) throw new NotFoundError(`No enrollment session ${sessionId} in this account`);
    // `enrolling` lasts one request, which may end past the expiry: until its answer the session is collecting.
    const expired = session.status === 'collecting' && session.expiresAt.getTime() <= Date.now();
    const status = expired ? 'expired' : session.status === 'enrolling' ? 'collecting' : session.status;
    return {
      success: true,
      session_id: session.id,
      user_id: session.userId,
      status,
      steps_kept: session.stepsKept,
      created_at: session.createdAt.toISOString(),
      expires_at: session.expiresAt.toISOString(),
      completed_at: session.completedAt?.toISOString() ?? null,
    };
  }
}
