import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AuthContext, ClientSecretAuthenticator, InvalidTokenError } from '@faceauth/common';
import { LoginSessionsRepository } from './login-sessions.repository';
import { secretMatches } from './session-secrets';

/**
 * The caller of an attempt route: the account of the session named in the path, when the Bearer token is
 * that session's client secret. Unknown sessions and wrong secrets answer alike. The attempts are metered
 * against the key that started the session.
 */
@Injectable()
export class SessionClientSecretAuthenticator extends ClientSecretAuthenticator {
  constructor(private readonly sessions: LoginSessionsRepository) {
    super();
  }

  async authenticate(req: Request, secret: string | undefined): Promise<AuthContext> {
    if (!secret) throw new InvalidTokenError(false, "Send the login session's client secret: Authorization: Bearer <client_secret>");
    const id = typeof req.params.id === 'string' ? req.params.id : '';
    const caller = id.length <= 40 ? await this.sessions.findCaller(id) : null;
    if (!caller || caller.keyRevoked || !secretMatches(secret, caller.session.clientSecretHash)) {
      throw new InvalidTokenError(false, 'Client secret invalid for this login session');
    }
    return {
      accountId: caller.session.accountId,
      accountPublicId: caller.accountPublicId,
      keyId: caller.session.keyId,
      keyKind: caller.keyKind,
      plan: caller.plan,
      maskedKey: caller.maskedKey,
    };
  }
}
