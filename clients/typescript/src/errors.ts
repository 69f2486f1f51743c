import type { components } from './schema.js';

/** An error code of the FaceAuth contract (the `error.code` of every error response). */
export type ApiErrorCode = components['schemas']['ErrorBodyDto']['code'];
/**
 * `error.code` of a FaceAuthError: a contract code, or one of the client's own when no FaceAuth error body
 * arrived (`NETWORK_ERROR`: the request failed; `UNEXPECTED_RESPONSE`: an answer that is not FaceAuth's, e.g. a proxy page).
 */
export type FaceAuthErrorCode = ApiErrorCode | 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';

export interface FaceAuthErrorInit {
  code: FaceAuthErrorCode;
  message: string;
  status: number;
  details?: Record<string, unknown>;
  requestId?: string;
  retryAfter?: number;
  cause?: unknown;
}

/** Every failed call throws one: `code` is the contract's stable code, `status` the HTTP status (0 without a response). */
export class FaceAuthError extends Error {
  readonly code: FaceAuthErrorCode;
  readonly status: number;
  readonly details?: Record<string, unknown>;
  /** The X-Request-Id of the failed call: quote it when reporting a problem. */
  readonly requestId?: string;
  /** Seconds to wait before retrying, from Retry-After (RATE_LIMIT, MONTHLY_LIMIT, LOGIN_LOCKED, SERVICE_UNAVAILABLE). */
  readonly retryAfter?: number;

  constructor(init: FaceAuthErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

/** The init of an error class whose code is fixed. */
type CodedInit = Omit<FaceAuthErrorInit, 'code'>;

/** 403: a publishable key used beyond `POST /login-sessions`, or from an origin it does not allow. */
export class ForbiddenError extends FaceAuthError {
  declare readonly code: 'FORBIDDEN';
  constructor(init: CodedInit) {
    super({ ...init, code: 'FORBIDDEN' });
  }
}

/** 409: the account's last active secret key cannot be revoked; create its successor first. */
export class LastSecretKeyError extends FaceAuthError {
  declare readonly code: 'LAST_SECRET_KEY';
  constructor(init: CodedInit) {
    super({ ...init, code: 'LAST_SECRET_KEY' });
  }
}

/** 410: the login session's lifetime is over; start a new one. */
export class SessionExpiredError extends FaceAuthError {
  declare readonly code: 'SESSION_EXPIRED';
  constructor(init: CodedInit) {
    super({ ...init, code: 'SESSION_EXPIRED' });
  }
}

/** 409: the login session already succeeded or has no attempts left. */
export class SessionClosedError extends FaceAuthError {
  declare readonly code: 'SESSION_CLOSED';
  constructor(init: CodedInit) {
    super({ ...init, code: 'SESSION_CLOSED' });
  }
}

/** 409: this login token was confirmed before (tokens are single use): refuse the login. */
export class TokenAlreadyUsedError extends FaceAuthError {
  declare readonly code: 'TOKEN_ALREADY_USED';
  constructor(init: CodedInit) {
    super({ ...init, code: 'TOKEN_ALREADY_USED' });
  }
}

/** Why `verifyLoginToken` refused a token (offline checks only; the server says no more than INVALID_TOKEN). */
export type InvalidTokenReason = 'malformed' | 'signature' | 'expired' | 'claims' | 'audience' | 'issuer' | 'nonce';

/**
 * 401 from the server (bad signature, expired, another account's token, a bad client secret), or thrown by
 * `verifyLoginToken` (`status` 0, `reason` set) when a token fails an offline check.
 */
export class InvalidTokenError extends FaceAuthError {
  declare readonly code: 'INVALID_TOKEN';
  /** Set by `verifyLoginToken`: which check failed. */
  readonly reason?: InvalidTokenReason;
  constructor(init: CodedInit & { reason?: InvalidTokenReason }) {
    super({ ...init, code: 'INVALID_TOKEN' });
    this.reason = init.reason;
  }
}

/** 429: too many failed logins for this user id; `retryAfter` says when to let them try again. */
export class LoginLockedError extends FaceAuthError {
  declare readonly code: 'LOGIN_LOCKED';
  declare readonly retryAfter: number;
  constructor(init: CodedInit) {
    super({ ...init, code: 'LOGIN_LOCKED', retryAfter: init.retryAfter ?? 0 });
  }
}

/** 503: the service cannot take the call now (e.g. its inference queue is full); retry after `retryAfter` seconds when given. */
export class ServiceUnavailableError extends FaceAuthError {
  declare readonly code: 'SERVICE_UNAVAILABLE';
  constructor(init: CodedInit) {
    super({ ...init, code: 'SERVICE_UNAVAILABLE' });
  }
}

const ERROR_CLASSES: Partial<Record<ApiErrorCode, new (init: CodedInit) => FaceAuthError>> = {
  FORBIDDEN: ForbiddenError,
  LAST_SECRET_KEY: LastSecretKeyError,
  SESSION_EXPIRED: SessionExpiredError,
  SESSION_CLOSED: SessionClosedError,
  TOKEN_ALREADY_USED: TokenAlreadyUsedError,
  INVALID_TOKEN: InvalidTokenError,
  LOGIN_LOCKED: LoginLockedError,
  SERVICE_UNAVAILABLE: ServiceUnavailableError,
};

type ErrorEnvelope = components['schemas']['ErrorResponseDto'];

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as ErrorEnvelope | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Retry-After in seconds (a number of seconds or an HTTP date), or undefined. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/**
 * The FaceAuthError for a response that is not a success, from its error envelope when it has one: an instance of
 * the code's own class where there is one (`instanceof TokenAlreadyUsedError`), else a FaceAuthError.
 */
export function errorFromResponse(response: Response, body: unknown): FaceAuthError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));
  if (isErrorEnvelope(body)) {
    const { code, message, details } = body.error;
    const init = { message, details, status: response.status, requestId: body.request_id ?? requestId, retryAfter };
    const ErrorClass = ERROR_CLASSES[code];
    return ErrorClass ? new ErrorClass(init) : new FaceAuthError({ ...init, code });
  }
  return new FaceAuthError({
    code: 'UNEXPECTED_RESPONSE',
    message: `Unexpected HTTP ${response.status} response from ${response.url || 'the server'}`,
    status: response.status,
    requestId,
    details: body === undefined ? undefined : { body },
  });
}
