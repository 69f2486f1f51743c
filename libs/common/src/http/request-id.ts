import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes the caller's X-Request-Id when well-formed, else makes one; every response carries it. */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header(REQUEST_ID_HEADER);
  const id = given && WELL_FORMED.test(given) ? given : randomUUID();
  (req as RequestWithId).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}

export interface RequestWithId extends Request {
  id: string;
}

export function requestIdOf(req: Request): string {
  return (req as Partial<RequestWithId>).id ?? 'unknown';
}
