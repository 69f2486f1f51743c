import { Injectable } from '@nestjs/common';
import { AuthContext, InvalidTokenError, TokenAlreadyUsedError } from '@faceauth/common';
import { LoginTokenService } from '@faceauth/login-tokens';
import { LivenessResultDto } from './dto/attempt.dto';
import { ConfirmTokenResponseDto } from './dto/confirm.dto';
import { LoginSessionsRepository } from './login-sessions.repository';

/** POST /login-sessions/confirm: the site's backend spends a login token, once. */
@Injectable()
export class LoginConfirmService {
  constructor(
    private readonly sessions: LoginSessionsRepository,
    private readonly tokens: LoginTokenService,
  ) {}

  async confirm(auth: AuthContext, token: string): Promise<ConfirmTokenResponseDto> {
    const claims = await this.tokens.verify(token);
    // Another account's token answers exactly like a forged one.
    if (claims.aud !== auth.accountPublicId) throw new InvalidTokenError();
    if (!(await this.sessions.confirm(auth.accountId, claims.sid, claims.jti, new Date()))) {
      const session = await this.sessions.findOwned(auth.accountId, claims.sid);
      if (session?.tokenJti === claims.jti && session.confirmedAt) throw new TokenAlreadyUsedError();
      throw new InvalidTokenError();
    }
    const session = (await this.sessions.findOwned(auth.accountId, claims.sid))!;
    return {
      success: true,
      valid: true,
      user_id: session.userId,
      session_id: session.id,
      nonce: session.nonce,
      verified_at: session.succeededAt!.toISOString(),
      liveness: session.livenessResult as unknown as LivenessResultDto,
      confidence: session.confidence!,
    };
  }
}
