import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeysService } from '@faceauth/api-keys';
import { AuthContext, ClientSecretAuthenticator, InvalidTokenError } from '@faceauth/common';
import { EnrollSessionsRepository } from './enroll-sessions.repository';

/**
 * The caller of a photo route: the account of the enrollment session named in the path, when the Bearer
 * token is that session's client secret (a login session's secret is not: it is looked up in its own table).
 * Unknown sessions and wrong secrets answer alike, as on the login-session routes. The photos are limited,
 * and the enrollment counted, against the key that started the session.
 */
@Injectable()
export class EnrollSecretAuthenticator extends ClientSecretAuthenticator {
  constructor(
    private readonly sessions: EnrollSessionsRepository,
    private readonly apiKeys: ApiKeysService,
  ) {
    super();
  }

  async authenticate(req: Request, secret: string | undefined): Promise<AuthContext> {
    if (!secret) throw new InvalidTokenError(false, "Send the enrollment session's client secret: Authorization: Bearer <client_secret>");
    const id = typeof req.params.id === 'string' ? req.params.id : '';
    const session = id.length <= 40 ? await this.sessions.find(id) : null;
    const caller = session && (await this.apiKeys.sessionCaller(session, secret));
    if (!caller) throw new InvalidTokenError(false, 'Client secret invalid for this enrollment session');
    return caller;
  }
}
