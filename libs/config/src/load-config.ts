import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseEnv } from 'node:util';
import { AppConfig } from './app-config';

type Env = Record<string, string | undefined>;
type Plain = Record<string, any>;

type EnvType = 'string' | 'number' | 'nullable' | 'open-closed' | 'boolean' | 'number-or-off';

/** Environment variables and the config path each one overrides. */
export const ENV_OVERRIDES: Record<string, { path: string; type: EnvType }> = {
  PORT: { path: 'port', type: 'number' },
  DATABASE_URL: { path: 'databaseUrl', type: 'string' },
  DATABASE_BUSY_TIMEOUT_MS: { path: 'database.busyTimeoutMs', type: 'number' },
  REDIS_URL: { path: 'redisUrl', type: 'nullable' },
  LOG_LEVEL: { path: 'logLevel', type: 'string' },
  CORS_ORIGINS: { path: 'corsOrigins', type: 'string' },
  RATE_LIMIT_WINDOW_MS: { path: 'rateLimitWindowMs', type: 'number' },
  MATCH_DISTANCE_THRESHOLD: { path: 'match.distanceThreshold', type: 'number' },
  MATCH_CONFIDENCE_THRESHOLD: { path: 'match.confidenceThreshold', type: 'number' },
  MATCH_TEMPLATE: { path: 'match.template', type: 'string' },
  MATCH_EARLY_MARGIN: { path: 'match.earlyMatchMargin', type: 'number-or-off' },
  ENROLL_CONSISTENCY_THRESHOLD: { path: 'enrollment.consistencyThreshold', type: 'number' },
  REENROLL_THRESHOLD: { path: 'enrollment.reenrollThreshold', type: 'number' },
  QUALITY_MIN_SHARPNESS: { path: 'enrollment.quality.minSharpness', type: 'number' },
  QUALITY_MIN_BRIGHTNESS: { path: 'enrollment.quality.minBrightness', type: 'number' },
  QUALITY_MAX_BRIGHTNESS: { path: 'enrollment.quality.maxBrightness', type: 'number' },
  QUALITY_MAX_OVEREXPOSED: { path: 'enrollment.quality.maxOverexposed', type: 'number' },
  QUALITY_MAX_YAW: { path: 'enrollment.quality.maxYaw', type: 'number' },
  MAX_UPLOAD_BYTES: { path: 'uploads.maxFileBytes', type: 'number' },
  MAX_IMAGE_PIXELS: { path: 'uploads.maxPixels', type: 'number' },
  MAX_JSON_BYTES: { path: 'uploads.maxJsonBytes', type: 'number' },
  MODELS_DIR: { path: 'inference.modelsDir', type: 'string' },
  INFERENCE_RECOGNISER_MODEL: { path: 'inference.recogniserModel', type: 'string' },
  INFERENCE_PIXEL_KERNELS: { path: 'inference.pixelKernels', type: 'string' },
  MIN_EYE_DISTANCE_PX: { path: 'inference.minEyeDistancePx', type: 'number' },
  DETECT_SCORE_THRESHOLD: { path: 'inference.detectScoreThreshold', type: 'number' },
  INFERENCE_CONCURRENCY: { path: 'inference.concurrency', type: 'number' },
  INFERENCE_MAX_QUEUE: { path: 'inference.maxQueue', type: 'number' },
  INFERENCE_INTRA_OP_THREADS: { path: 'inference.session.intraOpThreads', type: 'number' },
  INFERENCE_GRAPH_OPTIMIZATION: { path: 'inference.session.graphOptimization', type: 'string' },
  INFERENCE_EXECUTION_MODE: { path: 'inference.session.executionMode', type: 'string' },
  INFERENCE_SPINNING: { path: 'inference.session.allowSpinning', type: 'boolean' },
  INFERENCE_MEM_ARENA: { path: 'inference.session.memArena', type: 'boolean' },
  INFERENCE_MEM_PATTERN: { path: 'inference.session.memPattern', type: 'boolean' },
  SHUTDOWN_GRACE_MS: { path: 'shutdownGraceMs', type: 'number' },
  USAGE_RETENTION_DAYS: { path: 'usage.retentionDays', type: 'number' },
  USAGE_PRUNE_INTERVAL_MS: { path: 'usage.pruneIntervalMs', type: 'number' },
  REDIS_PREFIX: { path: 'usage.redisPrefix', type: 'nullable' },
  LOGIN_SESSION_LIFETIME_SECONDS: { path: 'loginSessions.lifetimeSeconds', type: 'number' },
  LOGIN_MAX_ATTEMPTS: { path: 'loginSessions.maxAttempts', type: 'number' },
  LOGIN_LOCK_MAX_FAILURES: { path: 'loginSessions.lockMaxFailures', type: 'number' },
  LOGIN_LOCK_WINDOW_SECONDS: { path: 'loginSessions.lockWindowSeconds', type: 'number' },
  LIVENESS_DEFAULT: { path: 'loginSessions.defaultLiveness', type: 'string' },
  LOGIN_SESSION_RETENTION_DAYS: { path: 'loginSessions.retentionDays', type: 'number' },
  ENROLL_SESSION_LIFETIME_SECONDS: { path: 'enrollSessions.lifetimeSeconds', type: 'number' },
  ENROLL_SESSION_MAX_MISMATCHES: { path: 'enrollSessions.maxMismatches', type: 'number' },
  ENROLL_SESSION_RETENTION_DAYS: { path: 'enrollSessions.retentionDays', type: 'number' },
  FACEAUTH_SECRET: { path: 'secret', type: 'nullable' },
  PUBLIC_URL: { path: 'publicUrl', type: 'nullable' },
  LOGIN_TOKEN_TTL_SECONDS: { path: 'loginTokens.ttlSeconds', type: 'number' },
  USAGE_BUFFER_MAX: { path: 'usage.bufferMax', type: 'number' },
  USAGE_RECORD_DELAY_MS: { path: 'usage.recordDelayMs', type: 'number' },
  REGISTRATION: { path: 'registration.open', type: 'open-closed' },
  REGISTRATION_RATE_LIMIT: { path: 'registration.perWindow', type: 'number' },
  REGISTRATION_RATE_LIMIT_WINDOW_MS: { path: 'registration.windowMs', type: 'number' },
  METRICS_TOKEN: { path: 'metricsToken', type: 'nullable' },
};

/** The environment variable of each config path, to name it in error messages. */
const ENV_OF_PATH = Object.fromEntries(Object.entries(ENV_OVERRIDES).map(([name, { path }]) => [path, name]));

/** A configuration that cannot be used; `problems` holds one line per problem, each naming its variable. */
export class ConfigValidationError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [message],
  ) {
    super(message);
  }
}

/**
 * Default inference queue places per worker thread. A request holds up to 3 photos (enroll) of 25-150 ms each
 * on one core (docs/performance.md: 24 ms for 640x480, more for big or many-face photos), so 8 requests are
 * about 0.2-3.6 s of work per core: the last caller in the queue still gets its answer within a few seconds,
 * and beyond that an immediate 503 with Retry-After serves a client better than waiting towards its timeout.
 */
export const DEFAULT_QUEUE_PER_WORKER = 8;

/** What the database module accepts (see databaseKind there). */
const DATABASE_URL_FORMAT = /^(postgres(ql)?:\/\/|sqlite:)/;

/**
 * Reads `.env` of the working directory into the environment when the file exists, with Node's own parser
 * (that of `process.loadEnvFile` and `node --env-file`); a variable already set in the environment wins over
 * the file. Call it first thing in an entry point (API, CLI), before anything reads the configuration.
 * Returns the file read, or null.
 */
export function loadDotEnv(file = join(process.cwd(), '.env'), env: Env = process.env): string | null {
  if (!existsSync(file)) return null;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (env[name] === undefined) env[name] = value;
  }
  return file;
}

function setPath(target: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop()!;
  let node = target;
  for (const key of keys) node = node[key] ??= {};
  node[last] = value;
}

function deepMerge(base: Plain, extra: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const isObject = value && typeof value === 'object' && !Array.isArray(value);
    out[key] = isObject && out[key] && typeof out[key] === 'object' ? deepMerge(out[key], value) : value;
  }
  return out;
}

function parseEnvValue(name: string, raw: string, type: EnvType): unknown {
  if (type === 'nullable') return raw === '' ? null : raw;
  if (type === 'number-or-off' && raw === 'off') return null;
  if (type === 'open-closed') {
    if (raw === 'open' || raw === 'closed') return raw === 'open';
    throw new ConfigValidationError(`Invalid configuration: ${name}=${JSON.stringify(raw)} must be "open" or "closed"`, [`${name}=${JSON.stringify(raw)} must be "open" or "closed"`]);
  }
  if (type === 'string') return raw;
  if (type === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new ConfigValidationError(`Invalid configuration: ${name}=${JSON.stringify(raw)} must be "true" or "false"`, [`${name}=${JSON.stringify(raw)} must be "true" or "false"`]);
  }
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new ConfigValidationError(`Invalid configuration: ${name}=${JSON.stringify(raw)} is not a number`, [`${name}=${JSON.stringify(raw)} is not a number`]);
  }
  return value;
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const variable = ENV_OF_PATH[path];
    const own = Object.values(error.constraints ?? {}).map((message) =>
      variable && !message.startsWith(variable) ? `${variable} (${path}): ${message}` : `${path}: ${message}`,
    );
    return [...own, ...describe(error.children ?? [], path)];
  });
}

/** The project root: the nearest folder above this file that holds config/default.json (source or dist). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'config', 'default.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new ConfigValidationError('config/default.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

function readJson(file: string): Plain {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * Reads config/default.json and config/calibration.json, applies environment variables, then
 * `overrides` (used by tests), and validates the result. Throws with every problem listed.
 */
export function loadConfig(env: Env = process.env, overrides: Plain = {}): AppConfig {
  // An empty value (a .env copied from .env.example) means the default, as for every other variable.
  const dir = env.FACEAUTH_CONFIG_DIR || join(projectRoot(), 'config');
  let plain = readJson(join(dir, 'default.json'));
  plain.calibration = readJson(join(dir, 'calibration.json'));
  delete plain.calibration.note;
  for (const [name, { path, type }] of Object.entries(ENV_OVERRIDES)) {
    const raw = env[name];
    if (raw !== undefined) setPath(plain, path, parseEnvValue(name, raw, type));
  }
  plain = deepMerge(plain, overrides);
  if (plain.inference && plain.inference.maxQueue == null) plain.inference.maxQueue = DEFAULT_QUEUE_PER_WORKER * plain.inference.concurrency;
  // An issuer compares as an exact string: one spelling, without a trailing slash.
  plain.publicUrl = typeof plain.publicUrl === 'string' ? plain.publicUrl.replace(/\/+$/, '') : `http://localhost:${plain.port}`;
  const config = plainToInstance(AppConfig, plain);
  const problems = describe(validateSync(config, { whitelist: true, forbidNonWhitelisted: true }));
  // Development may run on a generated secret; production must not: another host could not decrypt the stored keys.
  if (env.NODE_ENV === 'production' && !config.secret) {
    problems.push('secret: FACEAUTH_SECRET must be set (at least 32 characters) when NODE_ENV=production');
  }
  if (typeof config.databaseUrl === 'string' && !DATABASE_URL_FORMAT.test(config.databaseUrl)) {
    // The scheme only: the rest of a URL may hold a password.
    problems.push(`DATABASE_URL (databaseUrl): must start with postgres://, postgresql:// or sqlite: (got "${config.databaseUrl.split(':')[0]}:...")`);
  }
  if (problems.length > 0) {
    throw new ConfigValidationError(`Invalid configuration:\n  ${problems.join('\n  ')}`, problems);
  }
  return config;
}
