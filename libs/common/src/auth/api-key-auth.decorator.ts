import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ApiErrors } from '../swagger/api-errors.decorator';

export const REQUIRES_API_KEY = 'faceauth:requires-api-key';
/** Security scheme names in the OpenAPI document. */
export const API_KEY_HEADER_SCHEME = 'ApiKeyHeader';
export const API_KEY_BEARER_SCHEME = 'BearerKey';

export interface ApiKeyRequirement {
  /** Publishable keys are accepted too (only POST /login-sessions). */
  publishable: boolean;
}

/**
 * Marks a route as needing an API key: read by the request pipeline, and documented in Swagger with both
 * header schemes (either one) and the 401/403 errors. Secret keys only, unless `publishable` is set.
 */
export function ApiKeyAuth(options: Partial<ApiKeyRequirement> = {}): MethodDecorator & ClassDecorator {
  const requirement: ApiKeyRequirement = { publishable: options.publishable ?? false };
  return applyDecorators(
    SetMetadata(REQUIRES_API_KEY, requirement),
    ApiSecurity(API_KEY_HEADER_SCHEME),
    ApiSecurity(API_KEY_BEARER_SCHEME),
    ApiErrors('MISSING_API_KEY', 'INVALID_API_KEY', 'FORBIDDEN'),
  );
}
