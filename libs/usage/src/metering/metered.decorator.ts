import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ErrorResponseDto } from '@faceauth/common';
import { CountedEndpoint } from '../usage.constants';

export const METERED_ENDPOINT = 'faceauth:metered-endpoint';

const RATE_HEADERS = {
  'X-RateLimit-Limit': { description: "Calls allowed per minute on the key's plan", schema: { type: 'integer', example: 100 } },
  'X-RateLimit-Remaining': { description: 'Calls left in the current minute window', schema: { type: 'integer', example: 99 } },
  'X-RateLimit-Reset': { description: 'Seconds until the current window ends', schema: { type: 'integer', example: 60 } },
};

const example = (code: string, message: string, retryAfter: number, limit: number) => ({
  value: { success: false, error: { code, message, details: { limit, retry_after: retryAfter } }, request_id: '3f1c9a0e-8d5b-4a57-9a55-2b1f0d3c7e21' },
});

/**
 * Marks a counted route (`enroll`, `verify`, `match`): the per-minute limit of the key's plan and the
 * account's monthly quota are checked before the call is processed (429 RATE_LIMIT / MONTHLY_LIMIT with
 * Retry-After), the response carries X-RateLimit-*, and the call is logged and counted after the response,
 * whether it succeeded or not. Read by the request pipeline, which applies it right after authentication.
 */
export function Metered(endpoint: CountedEndpoint): MethodDecorator {
  return applyDecorators(
    SetMetadata(METERED_ENDPOINT, endpoint),
    ApiExtraModels(ErrorResponseDto),
    ApiResponse({
      status: 429,
      description:
        "RATE_LIMIT: over the plan's calls per minute for this key; MONTHLY_LIMIT: the account's calls for this calendar month (UTC) are used up. Neither is processed or counted.",
      headers: {
        'Retry-After': { description: 'Seconds to wait before calling again', schema: { type: 'integer', example: 42 } },
        ...RATE_HEADERS,
      },
      content: {
        'application/json': {
          schema: { $ref: getSchemaPath(ErrorResponseDto) },
          examples: {
            RATE_LIMIT: example('RATE_LIMIT', 'Per-minute rate limit of 100 calls exceeded', 42, 100),
            MONTHLY_LIMIT: example('MONTHLY_LIMIT', 'Monthly quota of 1000 calls exceeded', 1_209_600, 1000),
          },
        },
      },
    }),
  );
}


export const RATE_LIMITED = 'faceauth:rate-limited';

/**
 * A route under the per-minute limit of the caller's key (the counter counted calls share) that is not
 * itself counted: starting login sessions. Read by the request pipeline after authentication.
 */
export function RateLimited(): MethodDecorator {
  return applyDecorators(SetMetadata(RATE_LIMITED, true));
}
