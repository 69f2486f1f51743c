import { HttpException } from '@nestjs/common';
import { DomainError, ErrorDetails } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-codes';
import { driverErrorFacts } from './driver-error';

export interface ErrorEnvelope {
  success: false;
  error: { code: ErrorCode; message: string; details?: ErrorDetails };
  request_id: string;
}

/** What the caller sees for any thrown value: known errors keep their code, everything else is a generic 500. */
export interface ResolvedError {
  status: number;
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
  headers: Record<string, string>;
  /** True when the error is a bug or an outage, not the caller's fault: logged with its stack. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_ERROR',
  401: 'INVALID_API_KEY',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMIT',
  503: 'SERVICE_UNAVAILABLE',
};

/** Errors thrown by express's body parsers carry `type` and `status`. */
interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as BodyParserError).type === 'string' && typeof (error as BodyParserError).status === 'number';
}

function fromBodyParser(error: BodyParserError): ResolvedError | undefined {
  const base = { headers: {}, unexpected: false };
  switch (error.type) {
    case 'entity.parse.failed':
      return { ...base, status: 400, code: 'VALIDATION_ERROR', message: 'Malformed JSON body' };
    case 'entity.too.large':
      return { ...base, status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { ...base, status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported body encoding' };
    default:
      return error.status >= 400 && error.status < 500
        ? { ...base, status: 400, code: 'VALIDATION_ERROR', message: 'Unreadable request body' }
        : undefined;
  }
}

function fromHttpException(error: HttpException): ResolvedError {
  const status = error.getStatus();
  const code = CODE_BY_STATUS[status];
  if (!code) {
    return { status: 500, code: 'PROCESSING_ERROR', message: 'Internal server error', headers: {}, unexpected: true };
  }
  // Nest turns body-parser and URL-decoding failures into bare 400s carrying the parser's wording.
  const messages: Record<number, string> = { 400: 'Malformed request: invalid JSON body or URL encoding', 404: 'Route not found', 405: 'Method not allowed' };
  const message = messages[status] ?? error.message;
  return { status: status === 405 ? 404 : status, code, message, headers: {}, unexpected: false };
}

export function resolveError(error: unknown): ResolvedError {
  if (error instanceof DomainError) {
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      details: error.details,
      headers: error.headers,
      unexpected: error.status >= 500,
    };
  }
  if (error instanceof HttpException) return fromHttpException(error);
  if (isBodyParserError(error)) {
    const resolved = fromBodyParser(error);
    if (resolved) return resolved;
  }
  if (driverErrorFacts(error)?.transient) {
    const message = 'The database is busy or unreachable: retry shortly';
    return { status: 503, code: 'SERVICE_UNAVAILABLE', message, headers: { 'Retry-After': '1' }, unexpected: true };
  }
  return { status: 500, code: 'PROCESSING_ERROR', message: 'Internal server error', headers: {}, unexpected: true };
}

export function envelope(resolved: ResolvedError, requestId: string): ErrorEnvelope {
  const error: ErrorEnvelope['error'] = { code: resolved.code, message: resolved.message };
  if (resolved.details) error.details = resolved.details;
  return { success: false, error, request_id: requestId };
}
