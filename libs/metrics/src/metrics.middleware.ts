import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { routePattern } from '@faceauth/common';
import { MetricsService } from './metrics.service';

/** Counts every response (including 404s of unknown paths and refusals before the controller) once it ends. */
export function metricsMiddleware(metrics: MetricsService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.observeHttp(req.method, routePattern(req), res.statusCode, seconds, res.locals?.errorCode);
    });
    next();
  };
}
