import { ERROR_STATUS, ErrorCode } from './error-codes';

export type ErrorDetails = Record<string, unknown>;

/** An error the API reports to the caller as it is: a contract code, a message and optional details. */
export class DomainError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetails,
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_STATUS[code];
  }
}

export class MissingApiKeyError extends DomainError {
  constructor() {
    super('MISSING_API_KEY', 'API key not provided: send X-API-Key, Authorization: Bearer, or api_key');
  }
}
export class InvalidApiKeyError extends DomainError {
  constructor() {
    super('INVALID_API_KEY', 'API key not found or revoked');
  }
}
export class ValidationError extends DomainError {
  constructor(message = 'Invalid request body', details?: ErrorDetails) {
    super('VALIDATION_ERROR', message, details);
  }
}
export class MissingImageError extends DomainError {
  constructor(field = 'image') {
    super('MISSING_IMAGE', `No image in request: the file field "${field}" is required`, { field });
  }
}
export class InvalidImageError extends DomainError {
  constructor(message = 'The file is not a readable JPEG, PNG or WebP image', details?: ErrorDetails) {
    super('INVALID_IMAGE', message, details);
  }
}
export class PayloadTooLargeError extends DomainError {
  constructor(limitBytes?: number) {
    super('PAYLOAD_TOO_LARGE', 'Request body or file too large', limitBytes ? { limit_bytes: limitBytes } : undefined);
  }
}
export class NoFaceError extends DomainError {
  constructor(details?: ErrorDetails) {
    super('NO_FACE', 'No face detected in image', details);
  }
}
export class MultipleFacesError extends DomainError {
  constructor(faces: number, details?: ErrorDetails) {
    super('MULTIPLE_FACES', `Expected one face, found ${faces}`, { faces, ...details });
  }
}
export class FaceTooSmallError extends DomainError {
  constructor(eyeDistancePx: number, minEyeDistancePx: number, details?: ErrorDetails) {
    super('FACE_TOO_SMALL', 'Face too small to recognise reliably: use a closer or larger photo', {
      eye_distance_px: Math.round(eyeDistancePx * 10) / 10,
      min_eye_distance_px: minEyeDistancePx,
      ...details,
    });
  }
}
export class LowQualityError extends DomainError {
  /** `check` names the measure that failed (sharpness, brightness, overexposed, yaw), with its value and limit. */
  constructor(reason: string, details: { check: string; value: number; limit: number } & ErrorDetails) {
    super('LOW_QUALITY', `Photo not good enough to enroll: ${reason}`, details);
  }
}
export class EnrollMismatchError extends DomainError {
  constructor(details?: ErrorDetails) {
    super('ENROLL_MISMATCH', 'The photos of one enrollment do not show the same person', details);
  }
}
export class IdentityMismatchError extends DomainError {
  constructor(name: string, details?: ErrorDetails) {
    super('IDENTITY_MISMATCH', `The new photos do not match the faces enrolled as "${name}"; send replace=true to replace them`, details);
  }
}
export class NoEnrolledFacesError extends DomainError {
  constructor(name?: string) {
    super('NO_ENROLLED_FACES', name ? `No faces enrolled under "${name}" for this key` : 'No faces enrolled for this key');
  }
}
export class NotFoundError extends DomainError {
  constructor(message = 'Not found', details?: ErrorDetails) {
    super('NOT_FOUND', message, details);
  }
}
export class RateLimitError extends DomainError {
  constructor(retryAfterSeconds: number, limit: number, message = `Per-minute rate limit of ${limit} calls exceeded`) {
    super('RATE_LIMIT', message, { limit, retry_after: retryAfterSeconds }, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
export class MonthlyLimitError extends DomainError {
  constructor(retryAfterSeconds: number, limit: number) {
    super('MONTHLY_LIMIT', `Monthly quota of ${limit} calls exceeded`, { limit, retry_after: retryAfterSeconds }, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
export class EmailExistsError extends DomainError {
  constructor() {
    super('EMAIL_EXISTS', 'Email already registered');
  }
}
export class ProcessingError extends DomainError {
  constructor(message = 'Face processing failed') {
    super('PROCESSING_ERROR', message);
  }
}
export class ServiceUnavailableError extends DomainError {
  constructor(message = 'Service temporarily unavailable', details?: ErrorDetails, headers?: Record<string, string>) {
    super('SERVICE_UNAVAILABLE', message, details, headers);
  }
}
/** The inference queue is full: the caller should come back after `retryAfterSeconds` (at least 1). */
export class InferenceBusyError extends ServiceUnavailableError {
  constructor(retryAfterSeconds: number) {
    const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds));
    super('The face engine is busy: retry later', { retry_after: retryAfter }, { 'Retry-After': String(retryAfter) });
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'This key may not call this route', details?: ErrorDetails) {
    super('FORBIDDEN', message, details);
  }
}
export class LastSecretKeyError extends DomainError {
  constructor() {
    super('LAST_SECRET_KEY', 'This is the last active secret key of the account: create its successor first, then revoke this one');
  }
}
export class SessionExpiredError extends DomainError {
  constructor(message = 'This login session has expired: start a new one') {
    super('SESSION_EXPIRED', message);
  }
}
export class SessionClosedError extends DomainError {
  constructor(state: string, message = 'This login session is closed: it succeeded or ran out of attempts') {
    super('SESSION_CLOSED', message, { state });
  }
}
export class TokenAlreadyUsedError extends DomainError {
  constructor() {
    super('TOKEN_ALREADY_USED', 'This login token has already been confirmed');
  }
}
export class LoginLockedError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('LOGIN_LOCKED', 'Too many failed logins for this user: try again later', { retry_after: retryAfterSeconds }, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
/** A login token that does not verify; the message says only whether it expired, never which check failed. */
export class InvalidTokenError extends DomainError {
  constructor(
    readonly expired = false,
    message = expired ? 'Token expired' : 'Token invalid',
  ) {
    super('INVALID_TOKEN', message);
  }
}
/** A body in a character set or Content-Encoding the API does not read. */
export class UnsupportedMediaTypeError extends DomainError {
  constructor(message = 'Unsupported media type', details?: ErrorDetails) {
    super('UNSUPPORTED_MEDIA_TYPE', message, details);
  }
}
