import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestIdOf } from '../http/request-id';

const logger = new Logger('http');

/** Logs method, route pattern, status, latency and request id once the response is sent. Never the body. */
export function accessLogMiddleware(req: Request, res: Response, next: NextFunction): void {
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const latencyMs = Number(process.hrtime.bigint() - start) / 1e6;
    logger.log({
      msg: 'request',
      method: req.method,
      // The route pattern, not the URL: /usage/{api_key} must not put a key in the log.
      route: req.route?.path ? `${req.baseUrl}${req.route.path}` : 'unmatched',
      status: res.statusCode,
      latency_ms: Math.round(latencyMs * 10) / 10,
      request_id: requestIdOf(req),
    });
  });
  next();
}
