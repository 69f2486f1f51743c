import { ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@faceauth/config';
import {
  AllExceptionsFilter,
  createRootLogger,
  httpLogger,
  RootLogger,
  deferJsonParserError,
  rejectNulInUrl,
  requestIdMiddleware,
  requireJsonObject,
  ValidationError,
} from '@faceauth/common';
import { PROBE_ROUTES } from '@faceauth/health';
import { METRICS_ROUTE, MetricsService, metricsMiddleware } from '@faceauth/metrics';
import { ValidationError as ClassValidatorError } from 'class-validator';
import { buildOpenApiDocument } from './openapi';

export const API_PREFIX = 'api/v1';
/** Routes served outside /api/v1. */
export const UNPREFIXED_ROUTES = ['widget.js', 'demo', '.well-known/jwks.json', ...PROBE_ROUTES, METRICS_ROUTE];
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

/**
 * Everything the running API needs beyond its modules: shared by main.ts, tests and the OpenAPI script.
 * `logger` is the application's root logger (createApp makes it before the modules, so boot lines are JSON too).
 */
export function configureApp(app: NestExpressApplication, logger: RootLogger = createRootLogger(app.get(AppConfig).logLevel)): void {
  const config = app.get(AppConfig);
  app.disable('x-powered-by');
  // API answers are not cacheable; /widget.js sets its own versioned ETag.
  app.set('etag', false);
  app.use(requestIdMiddleware);
  app.use(...httpLogger(logger));
  app.use(metricsMiddleware(app.get(MetricsService)));
  // The root is the API console.
  app.use((req: Request, res: Response, next: NextFunction) => (req.method === 'GET' && req.path === '/' ? res.redirect(302, '/docs') : next()));
  app.enableCors({
    origin: config.corsOrigins === '*' ? '*' : config.corsOrigins.split(',').map((origin) => origin.trim()),
    allowedHeaders: ['Content-Type', 'X-API-Key', 'Authorization', 'X-Request-Id'],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });
  // Input that cannot be read (URL with NUL, unparsable or hostile JSON) is not answered here: it is kept on the
  // request and raised by the request pipeline, after authentication (see deferBodyError and RequestPipelineGuard).
  app.use(rejectNulInUrl);
  app.useBodyParser('json', { limit: config.uploads.maxJsonBytes, strict: false });
  app.use(deferJsonParserError);
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
