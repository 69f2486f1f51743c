import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { HeaderObject, OperationObject, ReferenceObject, ResponseObject, TagObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { API_KEY_BEARER_SCHEME, API_KEY_HEADER_SCHEME, CLIENT_SECRET_SCHEME, ERROR_STATUS, ErrorResponseDto } from '@faceauth/common';
import { projectRoot } from '@faceauth/config';

const errorTable = [...new Set(Object.values(ERROR_STATUS))]
  .sort((a, b) => a - b)
  .map((status) => `| ${status} | ${Object.entries(ERROR_STATUS).filter(([, s]) => s === status).map(([code]) => `\`${code}\``).join(', ')} |`)
  .join('\n');

const DESCRIPTION = `Passwordless face authentication: register for an API key, enroll your users' faces, then verify a login attempt with one photo.

**Try it here.** Call \`POST /register\` (no key needed) and copy \`api_key\` from the response. Click **Authorize**, paste the key into
either scheme and close the dialog; it is kept across reloads of this page. Then \`POST /enroll\` one to three photos under a name,
\`POST /verify\` another photo against that name, and \`GET /usage\` to see the calls counted.

**Authentication.** Send your key in one of three ways (first found wins): the \`X-API-Key\` header, \`Authorization: Bearer <key>\`,
or a body field \`api_key\` (JSON or multipart). The body field cannot be expressed as an OpenAPI security scheme; it is accepted on
every route that needs a key. Keys look like \`fa_...\`; only a hash is stored, so a lost key cannot be shown again.

**Errors.** Every error has the same envelope, \`{"success": false, "error": {"code", "message", "details"}, "request_id"}\`, with a
stable \`code\`; \`details\` is optional (for example the per-field messages of a \`VALIDATION_ERROR\`). Every response carries
\`X-Request-Id\` (yours, when you send a well-formed one). The codes:

| HTTP status | codes |
|---|---|
${errorTable}

**Limits.** Per key and plan (by default free: 100 calls a minute, 1,000 a month; pro: 1,000 and 10,000; enterprise: 10,000 and unlimited).
\`/enroll\`, \`/verify\` and \`/match\` are counted and answer with \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and
\`X-RateLimit-Reset\`; over a limit they answer 429 with \`Retry-After\`.`;

/** Tag descriptions, in the order the console shows them; a tag no route uses is left out. */
const TAGS: TagObject[] = [
  { name: 'Accounts', description: 'Sign up for an API key.' },
  { name: 'Faces', description: 'Enroll faces under your own user ids, verify a photo against one, compare two photos.' },
  { name: 'Enrolled users', description: 'List, inspect and delete the users your account has enrolled (their face templates only: photos are never stored).' },
  { name: 'Usage', description: 'Calls counted against your plan, recent calls and limits.' },
  { name: 'Health', description: 'Liveness of the service, its models and database.' },
  { name: 'Keys', description: 'Secret keys (your server: every route) and publishable keys (web pages: only starting login sessions); create, restrict to origins, rotate and revoke.' },
  { name: 'Login sessions', description: "Passwordless login: start a short-lived session for a user id, attempt it with the session's client secret, confirm the signed single-use token from your backend." },
  { name: 'Enrollment sessions', description: "Enrollment through the widget: your backend starts a session for a user id, the widget sends 3 guided photos with the session's client secret, each checked before it is kept, and the last one enrolls them." },
  { name: 'Login tokens', description: 'Public keys (JWKS) to verify signed login tokens offline.' },
];

const GENERIC_HANDLER_NAMES = new Set(['list', 'get', 'create', 'update', 'delete', 'remove']);

/**
 * The handler's name (`enroll`, `deleteSample`), unique across the API; a bare verb gets the controller's
 * resource added (UsersController.list -> `listUsers`, .get -> `getUser`) so generated clients read well.
 */
function operationId(controllerKey: string, methodKey: string): string {
  if (!GENERIC_HANDLER_NAMES.has(methodKey)) return methodKey;
  const resource = controllerKey.replace(/Controller$/, '');
  return methodKey === 'list' ? `list${resource}` : `${methodKey}${resource.replace(/s$/, '')}`;
}

function apiVersion(): string {
  return JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')).version;
}

const HEADER_COMPONENTS: Record<string, HeaderObject> = {
  RequestId: {
    description: "Correlation id of this request: the caller's X-Request-Id when well-formed, else a generated UUID.",
    schema: { type: 'string', example: '3f1c9a0e-8d5b-4a57-9a55-2b1f0d3c7e21' },
  },
  RateLimitLimit: { description: "Calls allowed per minute on the key's plan", schema: { type: 'integer', example: 100 } },
  RateLimitRemaining: { description: 'Calls left in the current minute window', schema: { type: 'integer', example: 99 } },
  RateLimitReset: { description: 'Seconds until the current window ends', schema: { type: 'integer', example: 60 } },
  RetryAfter: { description: 'Seconds to wait before calling again.', schema: { type: 'integer', example: 30 } },
};

/** Any route can fail unexpectedly: the filter answers 500 PROCESSING_ERROR, with a generic message. */
const PROCESSING_ERROR_RESPONSE: ResponseObject = {
  description: 'PROCESSING_ERROR',
  content: {
    'application/json': {
      schema: { $ref: getSchemaPath(ErrorResponseDto) },
      examples: {
        PROCESSING_ERROR: {
          value: { success: false, error: { code: 'PROCESSING_ERROR', message: 'Internal server error' }, request_id: '3f1c9a0e-8d5b-4a57-9a55-2b1f0d3c7e21' },
        },
      },
    },
  },
};

function operationsOf(document: OpenAPIObject): OperationObject[] {
  return Object.values(document.paths).flatMap((item) =>
    (['get', 'put', 'post', 'delete', 'patch'] as const).map((method) => item[method]).filter((op): op is OperationObject => !!op),
  );
}

/**
 * What the contract promises of every route but no decorator declares once for all: public routes say so
 * (`security: []`); any route may answer 500 PROCESSING_ERROR; X-Request-Id on every response; the
 * rate-limit headers on every response of a counted route (one that can answer 429) and Retry-After on its 429.
 */
function completeOperations(document: OpenAPIObject): void {
  const used = new Set<string>();
  const ref = (name: string): ReferenceObject => (used.add(name), { $ref: `#/components/headers/${name}` });
  for (const operation of operationsOf(document)) {
    operation.security ??= [];
    operation.responses['500'] ??= structuredClone(PROCESSING_ERROR_RESPONSE);
    const counted = '429' in operation.responses;
    for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) {
      const wanted: Record<string, string> = {
        'X-Request-Id': 'RequestId',
        ...(counted && { 'X-RateLimit-Limit': 'RateLimitLimit', 'X-RateLimit-Remaining': 'RateLimitRemaining', 'X-RateLimit-Reset': 'RateLimitReset' }),
        ...(status === '429' && { 'Retry-After': 'RetryAfter' }),
      };
      // Headers a decorator declared win: these only fill the gaps.
      for (const [header, component] of Object.entries(wanted)) {
        response.headers ??= {};
        response.headers[header] ??= ref(component);
      }
    }
  }
  const headers = Object.entries(HEADER_COMPONENTS).filter(([name]) => used.has(name));
  if (headers.length) document.components!.headers = Object.fromEntries(headers);
}

/** The top-level tag list: the tags the routes use, described, in the order of TAGS. */
function describeTags(document: OpenAPIObject): TagObject[] {
  const used = new Set(operationsOf(document).flatMap((operation) => operation.tags ?? []));
  const known = TAGS.filter((tag) => used.has(tag.name));
  const unknown = [...used].filter((name) => !TAGS.some((tag) => tag.name === name)).sort();
  return [...known, ...unknown.map((name) => ({ name }))];
}

/** The OpenAPI document, generated from the controllers and DTOs (served at /docs-json, written to openapi.json). */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('FaceAuth API')
    .setDescription(DESCRIPTION)
    .setVersion(apiVersion())
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    // Relative: the console calls the server it was loaded from; paths carry the /api/v1 prefix.
    .addServer('/', 'This server')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'Your API key, fa_...' }, API_KEY_HEADER_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'Authorization: Bearer fa_...' }, API_KEY_BEARER_SCHEME)
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: "Authorization: Bearer lss_... or ess_... (a login session's client secret: its attempts and frames only; an enrollment session's: its photos only)" }, CLIENT_SECRET_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
  document.tags = describeTags(document);
  completeOperations(document);
  return document;
}
