import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
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
}

export class UploadsConfig {
  @IsInt() @Min(1024) maxFileBytes: number;
  @IsInt() @Min(1) maxPixels: number;
  @IsInt() @Min(1024) maxJsonBytes: number;
}

export class InferenceConfig {
  @IsString() modelsDir: string;
  @IsNumber() @Min(1) minEyeDistancePx: number;
  @IsNumber() @Min(0) @Max(1) detectScoreThreshold: number;
  /** How many images are decoded and run through the models at once. */
  @IsInt() @Min(1) concurrency: number;
}

export class UsageConfig {
  @IsInt() @Min(1) retentionDays: number;
  /** How often call-log rows older than retentionDays are pruned. */
  @IsInt() @Min(1000) pruneIntervalMs: number;
  /** Prefix of every Redis key (queue, rate limits); null derives one from databaseUrl. */
  @IsOptional() @IsString() redisPrefix: string | null;
}

export class LogisticFit {
  /** confidence = 100 / (1 + exp(-a * (distance - b))) */
  @IsNumber() a: number;
  @IsNumber() b: number;
}

export class CalibrationConfig {
  /** distance = distanceScale * (1 - cos). */
  @IsNumber() @Min(0) distanceScale: number;
  @ValidateNested() @Type(() => LogisticFit) logistic: LogisticFit;
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

/** The whole validated configuration, injected by class. */
export class AppConfig {
  @IsInt() @Min(0) @Max(65535) port: number;
  @IsString() databaseUrl: string;
  @ValidateNested() @Type(() => DatabaseConfig) database: DatabaseConfig;
  @IsOptional() @IsString() redisUrl: string | null;
  @IsIn(['debug', 'info', 'warn', 'error', 'silent']) logLevel: string;
  /** '*' or a comma-separated list of origins allowed by CORS. */
  @IsString() corsOrigins: string;
  @ValidateNested() @Type(() => PlansConfig) plans: PlansConfig;
  @IsInt() @Min(100) rateLimitWindowMs: number;
  @ValidateNested() @Type(() => MatchConfig) match: MatchConfig;
  @ValidateNested() @Type(() => UploadsConfig) uploads: UploadsConfig;
  @ValidateNested() @Type(() => InferenceConfig) inference: InferenceConfig;
  @ValidateNested() @Type(() => UsageConfig) usage: UsageConfig;
  @ValidateNested() @Type(() => CalibrationConfig) calibration: CalibrationConfig;
  @ValidateNested() @Type(() => RegistrationConfig) registration: RegistrationConfig;
}
