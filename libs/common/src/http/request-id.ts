import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request's id: the caller's X-Request-Id when well-formed, else a new UUID; set once on the request (`req.id`)
 * and on the response header. Also pino-http's genReqId, so the log lines carry the same id.
 */
export function assignRequestId(req: Request, res: Response): string {
  const known = (req as Partial<RequestWithId>).id;
  if (typeof known === 'string') return known;
  const given = req.header(REQUEST_ID_HEADER);
  const id = given && WELL_FORMED.test(given) ? given : randomUUID();
  (req as RequestWithId).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** Echoes the caller's X-Request-Id when well-formed, else makes one; every response carries it. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  assignRequestId(req, res);
  next();
}

export interface RequestWithId extends Request {
  id: string;
}

export function requestIdOf(req: Request): string {
  return (req as Partial<RequestWithId>).id ?? 'unknown';
}
