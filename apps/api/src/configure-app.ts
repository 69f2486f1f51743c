import { ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '@faceauth/config';
import { accessLogMiddleware, AllExceptionsFilter, requestIdMiddleware, ValidationError } from '@faceauth/common';
import { ValidationError as ClassValidatorError } from 'class-validator';
import { buildOpenApiDocument } from './openapi';

export const API_PREFIX = 'api/v1';
/** Routes served outside /api/v1. */
export const UNPREFIXED_ROUTES = ['widget.js', 'demo', '.well-known/jwks.json'];
const EXPOSED_HEADERS = ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After'];

function fieldErrors(errors: ClassValidatorError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out[path] = Object.values(error.constraints);
    Object.assign(out, fieldErrors(error.children ?? [], path));
  }
  return out;
}

function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new ValidationError('Invalid request body', { fields: fieldErrors(errors) }),
  });
}

/** A JSON route reached with a body that is not a JSON object (array, string, wrong content type). */
function requireJsonObject(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = ['POST', 'PUT', 'PATCH'].includes(req.method) && !req.is('multipart/form-data');
  if (hasBody && (req.body === undefined || typeof req.body !== 'object' || Array.isArray(req.body))) {
    return next(new ValidationError('Expected a JSON object body with Content-Type: application/json'));
  }
  next();
}

/** Everything the running API needs beyond its modules: shared by main.ts, tests and the OpenAPI script. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  app.disable('x-powered-by');
  // API answers are not cacheable; /widget.js sets its own versioned ETag.
  app.set('etag', false);
  app.use(requestIdMiddleware);
  app.use(accessLogMiddleware);
  app.enableCors({
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins.split(',').map((origin) => origin.trim()),
    allowedHeaders: ['Content-Type', 'X-API-Key', 'Authorization', 'X-Request-Id'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  app.useBodyParser('json', { limit: config.uploads.maxJsonBytes, strict: false });
  app.use(requireJsonObject);
  app.setGlobalPrefix(API_PREFIX, { exclude: UNPREFIXED_ROUTES });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true, tryItOutEnabled: true, displayRequestDuration: true },
    customSiteTitle: 'FaceAuth API console',
  });
  // No app.enableShutdownHooks(): it closes the modules before the HTTP server; main.ts drains first.
}
