import type { components } from './schema';

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
  /** Seconds to wait before retrying, from Retry-After (RATE_LIMIT and MONTHLY_LIMIT answers). */
  readonly retryAfter?: number;

  constructor(init: FaceAuthErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'FaceAuthError';
    this.code = init.code;
    this.status = init.status;
    this.details = init.details;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
  }
}

type ErrorEnvelope = components['schemas']['ErrorResponseDto'];

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as ErrorEnvelope | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** The FaceAuthError for a response that is not a success, from its error envelope when it has one. */
export function errorFromResponse(response: Response, body: unknown): FaceAuthError {
  const requestId = response.headers.get('x-request-id') ?? undefined;
  const retryAfter = Number(response.headers.get('retry-after') ?? NaN);
  if (isErrorEnvelope(body)) {
    const { code, message, details } = body.error;
    return new FaceAuthError({
      code,
      message,
      details,
      status: response.status,
      requestId: body.request_id ?? requestId,
      retryAfter: Number.isFinite(retryAfter) ? retryAfter : undefined,
    });
  }
  return new FaceAuthError({
    code: 'UNEXPECTED_RESPONSE',
    message: `Unexpected HTTP ${response.status} response from ${response.url || 'the server'}`,
    status: response.status,
    requestId,
    details: body === undefined ? undefined : { body },
  });
}
