import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export type AuthKeyKind = 'secret' | 'publishable';

/** Who is calling: set on the request by the request pipeline once the key (or session secret) is checked. */
export interface AuthContext {
  accountId: number;
  /** The account's public id (`acct_...`), the audience of its login tokens. */
  accountPublicId: string;
  keyId: number;
  keyKind: AuthKeyKind;
  plan: string;
  /** The key as shown in responses: fa_abcd...wxyz. */
  maskedKey: string;
}

export interface AuthenticatedRequest extends Request {
  auth: AuthContext;
}

/** Injects the caller's AuthContext into a handler parameter. */
export const Auth = createParamDecorator((_data: unknown, ctx: ExecutionContext): AuthContext => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth;
});
