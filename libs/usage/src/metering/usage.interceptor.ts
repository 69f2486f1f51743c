import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { catchError, Observable, throwError } from 'rxjs';
import { resolveError } from '@faceauth/common';
import { meterOf } from './usage-meter.service';

/**
 * Marks a metered call as processed (it reached its handler's pipeline, so it counts, success or not) and
 * notes the error code it fails with; the meter emits the usage event once the response is written.
 */
@Injectable()
export class UsageInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const meter = meterOf(context.switchToHttp().getRequest<Request>());
    if (!meter) return next.handle();
    meter.processed = true;
    return next.handle().pipe(
      catchError((error: unknown) => {
        meter.errorCode = resolveError(error).code;
        return throwError(() => error);
      }),
    );
  }
}
