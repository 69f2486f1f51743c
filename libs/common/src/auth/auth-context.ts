import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Who is calling: set on the request by the API key guard. */
export interface AuthContext {
  accountId: number;
  keyId: number;
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
