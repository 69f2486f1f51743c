import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../swagger/api-errors.decorator';

export const REQUIRES_API_KEY = 'faceauth:requires-api-key';
/** Security scheme names in the OpenAPI document. */
export const API_KEY_HEADER_SCHEME = 'ApiKeyHeader';
export const API_KEY_BEARER_SCHEME = 'BearerKey';

/**
 * Marks a route as needing an API key: read by the global ApiKeyGuard, and documented in Swagger with
 * both header schemes (either one) and the 401 errors.
 */
export function ApiKeyAuth(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(REQUIRES_API_KEY, true),
    ApiSecurity(API_KEY_HEADER_SCHEME),
    ApiSecurity(API_KEY_BEARER_SCHEME),
    ApiErrors('MISSING_API_KEY', 'INVALID_API_KEY'),
  );
}
