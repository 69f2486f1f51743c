import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeysService } from '@faceauth/api-keys';
import { AuthContext, ClientSecretAuthenticator, InvalidTokenError } from '@faceauth/common';
import { LoginSessionsRepository } from './login-sessions.repository';

/**
 * The caller of an attempt route: the account of the session named in the path, when the Bearer token is
 * that session's client secret. Unknown sessions and wrong secrets answer alike. The attempts are metered
 * against the key that started the session.
 */
@Injectable()
export class SessionClientSecretAuthenticator extends ClientSecretAuthenticator {
  constructor(
    private readonly sessions: LoginSessionsRepository,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  async authenticate(req: Request, secret: string | undefined): Promise<AuthContext> {
    if (!secret) throw new InvalidTokenError(false, "Send the login session's client secret: Authorization: Bearer <client_secret>");
    const id = typeof req.params.id === 'string' ? req.params.id : '';
    const session = id.length <= 40 ? await this.sessions.find(id) : null;
    // The key's account, plan and kind come from the api-keys feature: the same two queries as before.
    const caller = session && (await this.apiKeys.sessionCaller(session, secret));
    if (!caller) throw new InvalidTokenError(false, 'Client secret invalid for this login session');
    return caller;
  }
}
