import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export const PLAN_NAMES = ['free', 'pro', 'enterprise'] as const;
export type PlanName = (typeof PLAN_NAMES)[number];

export class PlanLimits {
  @IsInt() @Min(1) perMinute: number;
  /** null means unlimited. */
  @IsOptional() @IsInt() @Min(1) perMonth: number | null;
}

export class PlansConfig {
  @ValidateNested() @Type(() => PlanLimits) free: PlanLimits;
  @ValidateNested() @Type(() => PlanLimits) pro: PlanLimits;
  @ValidateNested() @Type(() => PlanLimits) enterprise: PlanLimits;
}

export class MatchConfig {
  /** Calibrated distance at or below which two faces may match. */
  @IsNumber() @Min(0) @Max(2) distanceThreshold: number;
  /** Minimum confidence (0-100) a verify needs to match. */
  @IsNumber() @Min(0) @Max(100) confidenceThreshold: number;
  /** How /verify compares a photo with a user's samples (see @faceauth/face-matching TemplateStrategy). */
  @IsIn(['closest', 'fused', 'blend']) template: 'closest' | 'fused' | 'blend';
  /**
   * Cosine above the rule's acceptance at which the recogniser's first pass decides a verify alone, skipping the
   * mirror passes (@faceauth/face-matching earlyMatchFor); null: every verify runs them.
   */
  @IsOptional() @IsNumber() @Min(0) @Max(2) earlyMatchMargin: number | null;
}

/** Limits of LOW_QUALITY at enrollment (measures of @faceauth/inference quality.ts). */
export class QualityConfig {
  @IsNumber() @Min(0) minSharpness: number;
  @IsNumber() @Min(0) @Max(255) minBrightness: number;
  @IsNumber() @Min(0) @Max(255) maxBrightness: number;
  @IsNumber() @Min(0) @Max(1) maxOverexposed: number;
  @IsNumber() @Min(0) maxYaw: number;
}

export class EnrollmentConfig {
  /** Distance (pair calibration, as POST /match reports it) of a photo to the fused template of the enrollment's other photos above which it is ENROLL_MISMATCH. */
  @IsNumber() @Min(0) @Max(2) consistencyThreshold: number;
  /** Distance to the stored template (as /verify reports it) above which new photos of a name are IDENTITY_MISMATCH. */
  @IsNumber() @Min(0) @Max(2) reenrollThreshold: number;
  @ValidateNested() @Type(() => QualityConfig) quality: QualityConfig;
}

export class UploadsConfig {
  @IsInt() @Min(1024) maxFileBytes: number;
  @IsInt() @Min(1) maxPixels: number;
  @IsInt() @Min(1024) maxJsonBytes: number;
}

export const GRAPH_OPTIMIZATIONS = ['disabled', 'basic', 'extended', 'all'] as const;

/** How each worker opens its onnxruntime sessions (measured in docs/performance.md, "Session options"). */
export class InferenceSessionConfig {
  /** Threads of each session's own pool; 1 runs every model on the worker's thread (one worker per core). */
  @IsInt() @Min(1) intraOpThreads: number;
  @IsIn(GRAPH_OPTIMIZATIONS) graphOptimization: (typeof GRAPH_OPTIMIZATIONS)[number];
  @IsIn(['sequential', 'parallel']) executionMode: 'sequential' | 'parallel';
  /** Whether idle pool threads spin waiting for work (`session.intra_op.allow_spinning`); only with intraOpThreads > 1. */
  @IsBoolean() allowSpinning: boolean;
  @IsBoolean() memArena: boolean;
  @IsBoolean() memPattern: boolean;
}

export class InferenceConfig {
  @IsString() modelsDir: string;
  /** The recogniser's file in modelsDir (the int8 one of `npm run models:quantize` to compare it). */
  @IsString() recogniserModel: string;
  /** The resize and warp kernels: `native` (the C++ addon; JavaScript, with a warning, where it is not built) or `javascript`. */
  @IsIn(['native', 'javascript']) pixelKernels: 'native' | 'javascript';
  @IsNumber() @Min(1) minEyeDistancePx: number;
  @IsNumber() @Min(0) @Max(1) detectScoreThreshold: number;
  /** How many images are decoded and run through the models at once (one worker thread each). */
  @IsInt() @Min(1) concurrency: number;
  /**
   * How many requests may hold a place in the inference queue (running or waiting); one more gets 503
   * SERVICE_UNAVAILABLE with Retry-After before its upload is read. null in config/default.json:
   * loadConfig derives it from `concurrency` (see DEFAULT_QUEUE_PER_WORKER).
   */
  @IsInt() @Min(1) maxQueue: number;
  /**
   * false starts no inference workers (face routes answer 503, /health is unhealthy): for processes that
   * serve no faces, such as the test suites of accounts, keys and usage.
   */
  @IsBoolean() loadModels: boolean;
  @ValidateNested() @Type(() => InferenceSessionConfig) session: InferenceSessionConfig;
}

export class UsageConfig {
  @IsInt() @Min(1) retentionDays: number;
  /** How often call-log rows older than retentionDays are pruned. */
  @IsInt() @Min(1000) pruneIntervalMs: number;
  /** Prefix of every Redis key (queue, rate limits); null derives one from databaseUrl. */
  @IsOptional() @IsString() redisPrefix: string | null;
  /** Most usage events a process holds while they cannot be delivered (Redis down); beyond it the oldest are dropped. */
  @IsInt() @Min(1) bufferMax: number;
  /**
   * In-process mode: ms from a response to the write of its usage event (0: at once). Calls meanwhile join the
   * same transaction, and the write leaves the next request's path; GET /usage records what is pending first.
   */
  @IsInt() @Min(0) @Max(1000) recordDelayMs: number;
}

export const LIVENESS_MODES = ['off', 'active'] as const;
export type LivenessMode = (typeof LIVENESS_MODES)[number];

export class LoginSessionsConfig {
  /** Seconds from start until a session can no longer be attempted. */
  @IsInt() @Min(1) @Max(3600) lifetimeSeconds: number;
  /** Attempts per session. */
  @IsInt() @Min(1) @Max(10) maxAttempts: number;
  /** Failed login attempts per user id within lockWindowSeconds before LOGIN_LOCKED. */
  @IsInt() @Min(1) lockMaxFailures: number;
  @IsInt() @Min(1) lockWindowSeconds: number;
  /** The liveness mode of sessions that do not ask for one. */
  @IsIn(LIVENESS_MODES) defaultLiveness: LivenessMode;
  /** Sessions and their attempts are kept this long for audit, then pruned. */
  @IsInt() @Min(1) retentionDays: number;
}

export class EnrollSessionsConfig {
  /** Seconds from start until an enrollment session takes no more photos. */
  @IsInt() @Min(1) @Max(3600) lifetimeSeconds: number;
  /** Enrollments refused as ENROLL_MISMATCH (the photos start over) before the session is closed as failed. */
  @IsInt() @Min(1) @Max(10) maxMismatches: number;
  /** Sessions are kept this long for the site's backend to check, then pruned. */
  @IsInt() @Min(1) retentionDays: number;
}

export class LogisticFit {
  /** confidence = 100 / (1 + exp(-a * (distance - b))) */
  @IsNumber() a: number;
  @IsNumber() b: number;
}

export class CalibrationFit {
  /** distance = distanceScale * (1 - cos). */
  @IsNumber() @Min(0) distanceScale: number;
  @ValidateNested() @Type(() => LogisticFit) logistic: LogisticFit;
}

/** Largest lifetime of a login token the contract allows. */
export const MAX_LOGIN_TOKEN_TTL_SECONDS = 60;

export class LoginTokensConfig {
  /** Seconds from iat to exp of a login token. */
  @IsInt() @Min(1) @Max(MAX_LOGIN_TOKEN_TTL_SECONDS) ttlSeconds: number;
}

export class RegistrationConfig {
  /** false closes POST /register (403 FORBIDDEN): env REGISTRATION=closed. */
  @IsBoolean() open: boolean;
  /** Registrations allowed per client address per window (a fixed window). */
  @IsInt() @Min(1) perWindow: number;
  @IsInt() @Min(100) windowMs: number;
}

export class DatabaseConfig {
  /** How long a SQLite statement waits for another writer before failing (503 SERVICE_UNAVAILABLE). */
  @IsInt() @Min(0) @Max(60000) busyTimeoutMs: number;
}

/** The pair calibration (POST /match, enrollment consistency) and that of the N-sample decision of /verify. */
export class CalibrationConfig extends CalibrationFit {
  @ValidateNested() @Type(() => CalibrationFit) template: CalibrationFit;
}

/** The whole validated configuration, injected by class. */
export class AppConfig {
  @IsInt() @Min(0) @Max(65535) port: number;
  @IsString() databaseUrl: string;
  @ValidateNested() @Type(() => DatabaseConfig) database: DatabaseConfig;
  @IsOptional() @IsString() redisUrl: string | null;
  @IsIn(['debug', 'info', 'warn', 'error', 'silent']) logLevel: string;
  /** On SIGTERM/SIGINT, how long requests already accepted may take to finish before they are cut. */
  @IsInt() @Min(0) shutdownGraceMs: number;
  /** '*' or a comma-separated list of origins allowed by CORS. */
  @IsString() corsOrigins: string;
  @ValidateNested() @Type(() => PlansConfig) plans: PlansConfig;
  @IsInt() @Min(100) rateLimitWindowMs: number;
  @ValidateNested() @Type(() => MatchConfig) match: MatchConfig;
  @ValidateNested() @Type(() => EnrollmentConfig) enrollment: EnrollmentConfig;
  @ValidateNested() @Type(() => UploadsConfig) uploads: UploadsConfig;
  @ValidateNested() @Type(() => InferenceConfig) inference: InferenceConfig;
  @ValidateNested() @Type(() => UsageConfig) usage: UsageConfig;
  @ValidateNested() @Type(() => LoginSessionsConfig) loginSessions: LoginSessionsConfig;
  @ValidateNested() @Type(() => EnrollSessionsConfig) enrollSessions: EnrollSessionsConfig;
  @ValidateNested() @Type(() => CalibrationConfig) calibration: CalibrationConfig;
  /**
   * Encrypts the stored token-signing keys (FACEAUTH_SECRET). Required in production; null in development
   * means the login-tokens module generates one and keeps it in a file (see dev-secret.ts there).
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'FACEAUTH_SECRET (secret) must be at least 32 characters' })
  @MaxLength(1024, { message: 'FACEAUTH_SECRET (secret) must be at most 1024 characters' })
  secret: string | null;
  /** The API's public base URL (PUBLIC_URL), the `iss` of login tokens; defaults to http://localhost:<port>. */
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] }, { message: 'PUBLIC_URL (publicUrl) must be an http(s) URL' })
  publicUrl: string;
  @ValidateNested() @Type(() => LoginTokensConfig) loginTokens: LoginTokensConfig;
  @ValidateNested() @Type(() => RegistrationConfig) registration: RegistrationConfig;
  /**
   * METRICS_TOKEN: null turns GET /metrics off (404); set, a scrape must send `Authorization: Bearer <token>`.
   */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN (metricsToken) must be at least 16 characters' })
  metricsToken: string | null;
}
