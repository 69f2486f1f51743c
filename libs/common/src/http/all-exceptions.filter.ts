import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { driverErrorFacts } from './driver-error';
import { envelope, resolveError } from './error-envelope';
import { requestIdOf } from './request-id';

/** The one place that turns any error into the contract's envelope. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    sendError(exception, req, res, this.logger);
  }
}

/** Also used by the express error handler for errors raised before Nest routing (body parsers). */
export function sendError(exception: unknown, req: Request, res: Response, logger: Logger): void {
  const resolved = resolveError(exception);
  const requestId = requestIdOf(req);
  if (resolved.unexpected) {
    // request_id comes from the request's logger (the HTTP logging middleware binds it to every line of the request).
    const driver = driverErrorFacts(exception);
    if (driver) {
      // By class and code only: a driver error's message and stack hold the SQL and the caller's values.
      logger.error({ msg: 'database error', code: resolved.code, error_class: driver.errorClass, error_code: driver.errorCode });
    } else {
      const cause = exception instanceof Error ? exception.stack : String(exception);
      logger.error({ msg: 'unexpected error', code: resolved.code, cause });
    }
  }
  // Read by the usage meter: the call log records the contract code of a failed call.
  res.locals.errorCode = resolved.code;
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(resolved.headers)) res.setHeader(name, value);
  res.status(resolved.status).json(envelope(resolved, requestId));
}
