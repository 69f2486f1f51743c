import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppConfig } from './app-config';

type Env = Record<string, string | undefined>;
type Plain = Record<string, any>;

/** Environment variables and the config path each one overrides. */
export const ENV_OVERRIDES: Record<string, { path: string; type: 'string' | 'number' | 'nullable' }> = {
  PORT: { path: 'port', type: 'number' },
  DATABASE_URL: { path: 'databaseUrl', type: 'string' },
  REDIS_URL: { path: 'redisUrl', type: 'nullable' },
  LOG_LEVEL: { path: 'logLevel', type: 'string' },
  CORS_ORIGINS: { path: 'corsOrigins', type: 'string' },
  RATE_LIMIT_WINDOW_MS: { path: 'rateLimitWindowMs', type: 'number' },
  MATCH_DISTANCE_THRESHOLD: { path: 'match.distanceThreshold', type: 'number' },
  MATCH_CONFIDENCE_THRESHOLD: { path: 'match.confidenceThreshold', type: 'number' },
  MATCH_TEMPLATE: { path: 'match.template', type: 'string' },
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
  MIN_EYE_DISTANCE_PX: { path: 'inference.minEyeDistancePx', type: 'number' },
  DETECT_SCORE_THRESHOLD: { path: 'inference.detectScoreThreshold', type: 'number' },
  INFERENCE_CONCURRENCY: { path: 'inference.concurrency', type: 'number' },
  USAGE_RETENTION_DAYS: { path: 'usage.retentionDays', type: 'number' },
  USAGE_PRUNE_INTERVAL_MS: { path: 'usage.pruneIntervalMs', type: 'number' },
  REDIS_PREFIX: { path: 'usage.redisPrefix', type: 'nullable' },
};

export class ConfigValidationError extends Error {}

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

function parseEnvValue(name: string, raw: string, type: 'string' | 'number' | 'nullable'): unknown {
  if (type === 'nullable') return raw === '' ? null : raw;
  if (type === 'string') return raw;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new ConfigValidationError(`Invalid configuration: ${name}=${JSON.stringify(raw)} is not a number`);
  }
  return value;
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
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
  const dir = env.FACEAUTH_CONFIG_DIR ?? join(projectRoot(), 'config');
  let plain = readJson(join(dir, 'default.json'));
  plain.calibration = readJson(join(dir, 'calibration.json'));
  delete plain.calibration.note;
  for (const [name, { path, type }] of Object.entries(ENV_OVERRIDES)) {
    const raw = env[name];
    if (raw !== undefined) setPath(plain, path, parseEnvValue(name, raw, type));
  }
  plain = deepMerge(plain, overrides);
  const config = plainToInstance(AppConfig, plain);
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new ConfigValidationError(`Invalid configuration:\n  ${describe(errors).join('\n  ')}`);
  }
  return config;
}
