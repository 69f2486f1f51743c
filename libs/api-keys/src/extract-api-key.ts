import type { Request } from 'express';

export type KeySource = 'header' | 'bearer' | 'body';

export interface ExtractedKey {
  key: string;
  source: KeySource;
}

const BEARER = /^\s*Bearer\s+(\S+)\s*$/i;

/**
 * The key from X-API-Key, then Authorization: Bearer, then a body field `api_key` (JSON or multipart).
 * `undefined` means no key was offered; an Authorization header that is not a Bearer token yields '' (invalid).
 */
export function extractApiKey(req: Request): ExtractedKey | undefined {
  const header = req.header('x-api-key')?.trim();
  if (header) return { key: header, source: 'header' };
  const authorization = req.header('authorization');
  if (authorization?.trim()) {
    const match = BEARER.exec(authorization);
    return { key: match ? match[1] : '', source: 'bearer' };
  }
  const body = req.body as Record<string, unknown> | undefined;
  const field = body && typeof body === 'object' && !Array.isArray(body) ? body.api_key : undefined;
  if (typeof field === 'string' && field.trim()) return { key: field.trim(), source: 'body' };
  return undefined;
}
