import type { LoggerService } from '@nestjs/common';
import { Logger as NestPinoLogger, PinoLogger } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import pino, { Logger as Pino } from 'pino';

/** Every log line of the process: one JSON object per line on stdout. */
export type RootLogger = Pino;

const CENSOR = '[redacted]';
/** Field names that hold a credential wherever a caller might put them (top level, or one object down). */
const SECRET_FIELDS = ['api_key', 'apiKey', 'client_secret', 'clientSecret', 'secret', 'token', 'password', 'authorization', 'cookie'];
const SECRET_HEADERS = ['authorization', 'x-api-key', 'cookie', 'set-cookie'];
export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((field) => `*.${field}`),
  // Bracket notation: pino's paths do not take a quoted name after a dot (`headers."x-api-key"` redacted nothing).
  ...SECRET_HEADERS.flatMap((header) => [`headers["${header}"]`, `req.headers["${header}"]`, `res.headers["${header}"]`]),
];

/**
 * The process's pino logger at LOG_LEVEL (debug|info|warn|error|silent). It writes through process.stdout
 * (not a file descriptor of its own), so everything the process prints goes one way. Line shape:
 * `{"level":"info","time":"<ISO>","pid":..,"hostname":..,"context":"..","msg":"..",...}`.
 */
export function createRootLogger(level: string, stream: NodeJS.WritableStream = process.stdout): RootLogger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: { err: pino.stdSerializers.err },
    },
    stream,
  );
}

/**
 * nestjs-pino's PinoLogger over this application's root logger: inside a request it writes through the
 * request's logger (bound by the HTTP logging middleware, so every line carries `request_id`); outside, through
 * the root. nestjs-pino keeps one root per process; this keeps one per application (tests boot several).
 */
class AppPinoLogger extends PinoLogger {
  constructor(private readonly root: RootLogger) {
    super({ pinoHttp: { logger: root } });
  }

  override get logger(): Pino {
    return storage.getStore()?.logger ?? this.root;
  }
}

/** The Nest LoggerService of the application and the CLI: `new Logger(context).log({msg, ...fields})` lands here. */
export function nestLogger(root: RootLogger): LoggerService {
  return new NestPinoLogger(new AppPinoLogger(root), {});
}

/** One JSON line on stdout before (or without) an application, e.g. a configuration error at boot. */
export function logFatal(fields: Record<string, unknown>): void {
  createRootLogger('info').fatal(fields);
}
