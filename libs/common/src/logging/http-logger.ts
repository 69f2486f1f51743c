import type { RequestHandler, Request, Response } from 'express';
import { Store, storage } from 'nestjs-pino/storage';
import { pinoHttp } from 'pino-http';
import type { AuthContext } from '../auth/auth-context';
import { assignRequestId } from '../http/request-id';
import type { RootLogger } from './app-logger';
import { REQUEST_ID_FIELD } from './request-context';

/** `fa_...` and `fa_pub_...` keys anywhere in a path (GET /usage/{api_key}). */
const KEY_IN_PATH = /fa_(pub_)?[A-Za-z0-9_-]+/g;

/** The request's path without its query, keys masked: `/api/v1/usage/fa_***`. */
export function maskedPath(url: string): string {
  return url.split('?')[0].replace(KEY_IN_PATH, (_key, pub) => `fa_${pub ?? ''}***`);
}

/** The route pattern (`/api/v1/users/:name`), or `unmatched`: never the URL, whose segments are the caller's values. */
export function routePattern(req: Request): string {
  const path = req.route?.path;
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched';
  return `${req.baseUrl}${path}`;
}

/** Probes and scrapes, every few seconds from each replica: at debug level, not info. */
const QUIET_ROUTES = /^\/(health\/(live|ready)|metrics)$/;

function accessFields(req: Request, res: Response, latencyMs: number): Record<string, unknown> {
  const auth = (req as Request & { auth?: AuthContext }).auth;
  return {
    method: req.method,
    route: routePattern(req),
    path: maskedPath(req.originalUrl ?? req.url),
    status: res.statusCode,
    error_code: res.locals?.errorCode ?? null,
    latency_ms: latencyMs,
    ...(auth ? { account_id: auth.accountId, key_prefix: auth.maskedKey.split('...')[0] } : {}),
  };
}

/**
 * pino-http: one `request` line per response (method, route pattern, masked path, status, contract error code,
 * latency, account and key prefix, request id), and the request's logger bound for the lines logged while it
 * runs (nestjs-pino's storage), so service logs carry `request_id` too. Never headers or bodies.
 */
export function httpLogger(root: RootLogger): RequestHandler[] {
  const middleware = pinoHttp({
    logger: root,
    genReqId: (req, res) => assignRequestId(req as Request, res as Response),
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { reqId: REQUEST_ID_FIELD },
    customLogLevel: (req, res) => (res.statusCode >= 500 ? 'error' : QUIET_ROUTES.test(maskedPath((req as Request).originalUrl ?? req.url ?? '')) ? 'debug' : 'info'),
    customSuccessObject: (req, res, fields) => accessFields(req as Request, res as Response, fields.responseTime),
    customErrorObject: (req, res, _error, fields) => accessFields(req as Request, res as Response, fields.responseTime),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
  });
  const bind: RequestHandler = (req, _res, next) => storage.run(new Store(req.log), next);
  return [middleware, bind];
}
