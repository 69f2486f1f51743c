import type { Request } from 'express';

const BODY_ERROR = Symbol('faceauth:deferred-body-error');

/**
 * Body parsing runs as middleware, before authentication. A body that cannot be parsed is not answered
 * there: its error is kept on the request and raised by the request pipeline once the caller is
 * authenticated, so an unauthenticated request gets 401 whatever its body.
 */
export function deferBodyError(req: Request, error: Error): void {
  (req as Request & { [BODY_ERROR]?: Error })[BODY_ERROR] = error;
}

/** The body error kept by deferBodyError, if any. */
export function deferredBodyError(req: Request): Error | undefined {
  return (req as Request & { [BODY_ERROR]?: Error })[BODY_ERROR];
}
