import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_STATUS, ErrorCode } from '../errors/error-codes';
import { ErrorResponseDto } from './error-response.dto';

const EXAMPLE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  MISSING_API_KEY: 'API key not provided: send X-API-Key, Authorization: Bearer, or api_key',
  INVALID_API_KEY: 'API key not found or revoked',
  VALIDATION_ERROR: 'Invalid request body',
  MISSING_IMAGE: 'No image in request: the file field "image" is required',
  INVALID_IMAGE: 'The file is not a readable JPEG, PNG or WebP image',
  PAYLOAD_TOO_LARGE: 'Request body or file too large',
  NO_FACE: 'No face detected in image',
  MULTIPLE_FACES: 'Expected one face, found 3',
  FACE_TOO_SMALL: 'Face too small to recognise reliably: use a closer or larger photo',
  LOW_QUALITY: 'Photo not good enough to enroll: too blurred',
  ENROLL_MISMATCH: 'The photos of one enrollment do not show the same person',
  IDENTITY_MISMATCH: 'The new photos do not match the faces enrolled as "101"; send replace=true to replace them',
  NO_ENROLLED_FACES: 'No faces enrolled under "101" for this key',
  NOT_FOUND: 'Not found',
  RATE_LIMIT: 'Per-minute rate limit of 100 calls exceeded',
  MONTHLY_LIMIT: 'Monthly quota of 1000 calls exceeded',
  EMAIL_EXISTS: 'Email already registered',
  PROCESSING_ERROR: 'Internal server error',
  SERVICE_UNAVAILABLE: 'Service temporarily unavailable',
  FORBIDDEN: 'Publishable keys may only start login sessions (POST /login-sessions); use a secret key on your server',
  LAST_SECRET_KEY: 'This is the last active secret key of the account: create its successor first',
  SESSION_EXPIRED: 'This login session has expired: start a new one',
  SESSION_CLOSED: 'This login session is closed: it succeeded or ran out of attempts',
  TOKEN_ALREADY_USED: 'This login token has already been confirmed',
  INVALID_TOKEN: 'Login token invalid or expired',
  LOGIN_LOCKED: 'Too many failed logins for this user: try again later',
  UNSUPPORTED_MEDIA_TYPE: 'JSON bodies must be UTF-8: send Content-Type: application/json or application/json; charset=utf-8',
};

/** Documents the error responses a route can give, grouped by status, each code as a named example. */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses = [...byStatus.entries()].map(([status, group]) =>
    ApiResponse({
      status,
      description: group.join(', '),
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(ErrorResponseDto) },
          examples: Object.fromEntries(
            group.map((code) => [
              code,
              { value: { success: false, error: { code, message: EXAMPLE_MESSAGES[code] }, request_id: '3f1c9a0e-8d5b-4a57-9a55-2b1f0d3c7e21' } },
            ]),
          ),
        },
      },
    }),
  );
  return applyDecorators(ApiExtraModels(ErrorResponseDto), ...responses);
}
