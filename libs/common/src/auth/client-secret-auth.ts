import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../swagger/api-errors.decorator';
import type { AuthContext } from './auth-context';

export const REQUIRES_CLIENT_SECRET = 'faceauth:requires-client-secret';
export const CLIENT_SECRET_SCHEME = 'ClientSecret';

/**
 * Marks a route authorized by a login session's `client_secret` (Authorization: Bearer), not by an API
 * key. The request pipeline asks the ClientSecretAuthenticator who the caller is.
 */
export function ClientSecretAuth(): MethodDecorator {
  return applyDecorators(SetMetadata(REQUIRES_CLIENT_SECRET, true), ApiBearerAuth(CLIENT_SECRET_SCHEME), ApiErrors('INVALID_TOKEN'));
}

/** Implemented by the login-sessions feature: the account behind a session's client secret, or an error. */
export abstract class ClientSecretAuthenticator {
  abstract authenticate(req: Request, secret: string | undefined): Promise<AuthContext>;
}
