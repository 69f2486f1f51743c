import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { deferredBodyError } from './deferred-body-error';

/**
 * Raises the body error kept by deferBodyError once the route's earlier global guards (the API-key guard)
 * have passed: an unauthenticated request gets 401 whatever its body, a public route gets the body error
 * at once. Unknown routes never reach a guard, so they answer 404 whatever their body.
 */
@Injectable()
export class RaiseDeferredBodyErrorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const error = deferredBodyError(context.switchToHttp().getRequest<Request>());
    if (error) throw error;
    return true;
  }
}
