import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { ApiErrors } from '../swagger/api-errors.decorator';
import type { AuthContext } from './auth-context';

export const REQUIRES_CLIENT_SECRET = 'faceauth:requires-client-secret';
export const CLIENT_SECRET_SCHEME = 'ClientSecret';

/** Implemented per kind of session: the account behind a session's client secret, or an error. */
export abstract class ClientSecretAuthenticator {
  abstract authenticate(req: Request, secret: string | undefined): Promise<AuthContext>;
}

/** The provider token of an authenticator: ClientSecretAuthenticator itself (login sessions) or a subclass. */
export type ClientSecretAuthenticatorToken = abstract new (...args: any[]) => ClientSecretAuthenticator;

/**
 * Marks a route authorized by a session's `client_secret` (Authorization: Bearer), not by an API key. The
 * request pipeline asks `authenticator` (default: the login sessions' one) who the caller is, so the secret
 * of one kind of session never opens the routes of another.
 */
export function ClientSecretAuth(authenticator: ClientSecretAuthenticatorToken = ClientSecretAuthenticator): MethodDecorator {
  return applyDecorators(SetMetadata(REQUIRES_CLIENT_SECRET, authenticator), ApiBearerAuth(CLIENT_SECRET_SCHEME), ApiErrors('INVALID_TOKEN'));
}
