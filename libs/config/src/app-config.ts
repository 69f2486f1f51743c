import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
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
  /** How /verify compares a photo with a user's samples (see @faceauth/face-matching TemplateStrategy). */
  @IsIn(['closest', 'fused', 'blend']) template: 'closest' | 'fused' | 'blend';
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
  /** Pair distance (as POST /match reports it) above which two photos of one enrollment are ENROLL_MISMATCH. */
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

export class CalibrationFit {
  /** distance = distanceScale * (1 - cos). */
  @IsNumber() @Min(0) distanceScale: number;
  @ValidateNested() @Type(() => LogisticFit) logistic: LogisticFit;
}

/** The pair calibration (POST /match, enrollment consistency) and that of the N-sample decision of /verify. */
export class CalibrationConfig extends CalibrationFit {
  @ValidateNested() @Type(() => CalibrationFit) template: CalibrationFit;
}

/** The whole validated configuration, injected by class. */
export class AppConfig {
  @IsInt() @Min(0) @Max(65535) port: number;
  @IsString() databaseUrl: string;
  @IsOptional() @IsString() redisUrl: string | null;
  @IsIn(['debug', 'info', 'warn', 'error', 'silent']) logLevel: string;
  /** '*' or a comma-separated list of origins allowed by CORS. */
  @IsString() corsOrigins: string;
  @ValidateNested() @Type(() => PlansConfig) plans: PlansConfig;
  @IsInt() @Min(100) rateLimitWindowMs: number;
  @ValidateNested() @Type(() => MatchConfig) match: MatchConfig;
  @ValidateNested() @Type(() => EnrollmentConfig) enrollment: EnrollmentConfig;
  @ValidateNested() @Type(() => UploadsConfig) uploads: UploadsConfig;
  @ValidateNested() @Type(() => InferenceConfig) inference: InferenceConfig;
  @ValidateNested() @Type(() => UsageConfig) usage: UsageConfig;
  @ValidateNested() @Type(() => CalibrationConfig) calibration: CalibrationConfig;
}
