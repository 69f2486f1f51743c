import type { Request } from 'express';

const BEARER = /^\s*Bearer\s+(\S+)\s*$/i;

/** The Bearer token of the Authorization header: undefined when absent, '' when not a Bearer token. */
export function bearerToken(req: Request): string | undefined {
  const authorization = req.header('authorization');
  if (!authorization?.trim()) return undefined;
  return BEARER.exec(authorization)?.[1] ?? '';
}

/** The key from X-API-Key, then Authorization: Bearer; undefined when neither header is sent. */
export function keyFromHeaders(req: Request): string | undefined {
  const header = req.header('x-api-key')?.trim();
  if (header) return header;
  return bearerToken(req);
}

/** A JSON body's `api_key` field (the last place the contract looks). */
export function keyFromJsonBody(req: Request): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' && !Array.isArray(body) ? body.api_key : undefined;
  return typeof field === 'string' && field.trim() ? field.trim() : undefined;
}
