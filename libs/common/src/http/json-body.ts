import type { NextFunction, Request, Response } from 'express';
import { DomainError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors/domain-error';
import { deferBodyError, deferredBodyError } from './deferred-body-error';

/** Deeper JSON than any route takes; class-transformer and class-validator recurse, so depth is capped first. */
export const MAX_JSON_DEPTH = 32;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** An error of express's body parsers: `type` names what went wrong. */
interface BodyParserError {
  type?: unknown;
  limit?: unknown;
}

/** The contract error for a body the JSON parser refused. The parser's own wording (positions, tokens) is not shown. */
export function bodyParserDomainError(error: unknown, req: Request): DomainError {
  const { type, limit } = (error ?? {}) as BodyParserError;
  switch (type) {
    case 'entity.too.large':
      return new PayloadTooLargeError(typeof limit === 'number' ? limit : undefined);
    case 'charset.unsupported':
      return new UnsupportedMediaTypeError('JSON bodies must be UTF-8: send Content-Type: application/json or application/json; charset=utf-8', {
        charset: req.headers['content-type'] ?? null,
      });
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError('Unsupported Content-Encoding: send gzip, deflate, br or no encoding', {
        content_encoding: req.headers['content-encoding'] ?? null,
      });
    case 'entity.parse.failed':
      return new ValidationError('Malformed JSON body');
    default:
      // A decompression stream that failed (bytes that are not gzip, deflate or br), a length mismatch, an abort.
      return req.headers['content-encoding']
        ? new ValidationError('The body could not be decoded: its bytes do not match its Content-Encoding')
        : new ValidationError('The request body could not be read');
  }
}

/**
 * Express error middleware placed right after the JSON parser: the parser's refusal is kept on the request
 * (deferBodyError) and routing goes on, so the pipeline raises it after authentication; an unknown route
 * still answers 404.
 */
export function deferJsonParserError(error: unknown, req: Request, _res: Response, next: NextFunction): void {
  deferBodyError(req, bodyParserDomainError(error, req));
  next();
}

/**
 * A JSON route must get a JSON object (not an array, a string, another content type), nested at most
 * MAX_JSON_DEPTH levels, with no NUL character in any string (PostgreSQL cannot store one in text).
 * A body that fails is kept for the pipeline to raise, like a parser error.
 */
export function requireJsonObject(req: Request, _res: Response, next: NextFunction): void {
  if (!BODY_METHODS.has(req.method) || req.is('multipart/form-data') || deferredBodyError(req)) return next();
  const body: unknown = req.body;
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    deferBodyError(req, new ValidationError('Expected a JSON object body with Content-Type: application/json'));
    return next();
  }
  const problem = inspectJson(body, '', 1);
  if (problem) deferBodyError(req, problem);
  next();
}

/** The first problem of a parsed JSON value, depth-first; recursion stops at MAX_JSON_DEPTH + 1 frames. */
function inspectJson(value: unknown, path: string, depth: number): ValidationError | undefined {
  if (typeof value === 'string') {
    if (!value.includes('\0')) return undefined;
    return new ValidationError('Text must not contain NUL characters', { fields: { [path || '(body)']: ['must not contain a NUL character (U+0000)'] } });
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_JSON_DEPTH) {
    return new ValidationError(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`, { max_depth: MAX_JSON_DEPTH });
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  for (const [key, item] of entries) {
    const keyPath = path ? `${path}.${key}` : key;
    if (key.includes('\0')) {
      return new ValidationError('Text must not contain NUL characters', { fields: { [keyPath.replace(/\0/g, '\\u0000')]: ['field names must not contain a NUL character'] } });
    }
    const problem = inspectJson(item, keyPath, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** No resource has a NUL in its name, and PostgreSQL cannot compare one: a URL holding %00 is refused (after auth). */
export function rejectNulInUrl(req: Request, _res: Response, next: NextFunction): void {
  if (/%00/.test(req.originalUrl)) deferBodyError(req, new ValidationError('The URL must not contain a NUL character (%00)'));
  next();
}
