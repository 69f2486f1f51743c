import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_BEARER_SCHEME, API_KEY_HEADER_SCHEME } from '@faceauth/common';

const DESCRIPTION = `Passwordless face authentication: register for an API key, enroll your users' faces, then verify a login attempt with one photo.

**Authentication.** Send your key in one of three ways (first found wins): the \`X-API-Key\` header, \`Authorization: Bearer <key>\`, or a body field \`api_key\` (JSON or multipart). The body field cannot be expressed as an OpenAPI security scheme; it is accepted on every route that needs a key.

**Errors.** Every error has the same envelope: \`{"success": false, "error": {"code", "message", "details"}, "request_id"}\`, with a stable \`code\`. Every response carries \`X-Request-Id\`.`;

export const OPENAPI_SERVER_PATH = '/';

/** The OpenAPI document, generated from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('FaceAuth API')
    .setDescription(DESCRIPTION)
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Your API key, fa_...' }, API_KEY_HEADER_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Authorization: Bearer fa_...' }, API_KEY_BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
}
