import { Calibration, compareEmbeddings, FaceQuality } from '@faceauth/inference';
import { reportComparison } from './match-rule';
import { EnrolledTemplate, TemplateStrategy } from './template-match';

/** A photo's embedding with the form field it came in. */
export interface FieldEmbedding {
  field: string;
  embedding: Float32Array;
}

/**
 * Pairs of photos of one enrollment that are too far apart to show one person: pair distance (as POST /match
 * reports it) above the enrollment consistency threshold. Looser than the verify rule on purpose: enrollment
 * photos are often years apart, and one stranger's photo among them still measures far off (docs/accuracy.md).
 */
export function inconsistentPairs(photos: FieldEmbedding[], pairCalibration: Calibration, threshold: number): Array<{ fields: [string, string]; distance: number }> {
  const out: Array<{ fields: [string, string]; distance: number }> = [];
  for (let i = 0; i < photos.length; i++) {
    for (let j = i + 1; j < photos.length; j++) {
      const { distance } = reportComparison(compareEmbeddings(photos[i].embedding, photos[j].embedding, pairCalibration));
      if (distance > threshold) out.push({ fields: [photos[i].field, photos[j].field], distance });
    }
  }
  return out;
}

/**
 * New photos for an enrolled name that do not match its stored template: the verify comparison (the N-sample
 * decision and its calibration) with the re-enrollment threshold on the distance.
 */
export function reenrollMismatches(
  stored: EnrolledTemplate,
  photos: FieldEmbedding[],
  strategy: TemplateStrategy,
  templateCalibration: Calibration,
  threshold: number,
): Array<{ field: string; distance: number }> {
  return photos
    .map(({ field, embedding }) => ({ field, distance: reportComparison(stored.compare(embedding, strategy, templateCalibration)).distance }))
    .filter(({ distance }) => distance > threshold);
}

export interface QualityThresholds {
  minSharpness: number;
  minBrightness: number;
  maxBrightness: number;
  maxOverexposed: number;
  maxYaw: number;
}

export interface QualityProblem {
  check: 'sharpness' | 'brightness' | 'overexposed' | 'yaw';
  value: number;
  limit: number;
  message: string;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The first quality check an enrollment photo fails, or null. */
export function qualityProblem(quality: FaceQuality, limits: QualityThresholds): QualityProblem | null {
  if (quality.sharpness < limits.minSharpness) {
    return { check: 'sharpness', value: round(quality.sharpness, 1), limit: limits.minSharpness, message: 'too blurred' };
  }
  if (quality.brightness < limits.minBrightness) {
    return { check: 'brightness', value: round(quality.brightness, 1), limit: limits.minBrightness, message: 'too dark' };
  }
  if (quality.brightness > limits.maxBrightness) {
    return { check: 'brightness', value: round(quality.brightness, 1), limit: limits.maxBrightness, message: 'overexposed' };
  }
  if (quality.overexposed > limits.maxOverexposed) {
    return { check: 'overexposed', value: round(quality.overexposed, 3), limit: limits.maxOverexposed, message: 'overexposed' };
  }
  if (Math.abs(quality.yaw) > limits.maxYaw) {
    return { check: 'yaw', value: round(Math.abs(quality.yaw), 3), limit: limits.maxYaw, message: 'head turned too far' };
  }
  return null;
}
