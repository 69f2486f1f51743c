import { Calibration, compareEmbeddings, FaceQuality } from '@faceauth/inference';
import { reportComparison } from './match-rule';
import { EnrolledTemplate, fuseEmbeddings, TemplateStrategy } from './template-match';

/** A photo's embedding with the form field it came in. */
export interface FieldEmbedding {
  field: string;
  embedding: Float32Array;
}

/**
 * Photos of one enrollment that do not show the person the others show: a photo's distance (pair calibration, as
 * POST /match reports it) to the fused template of the other photos above the enrollment consistency threshold.
 * Against the others' fused template rather than each of them: one photo of a person years apart from the rest
 * still sits near their mean, while a stranger's photo sits far from it (at the same 99.5% refusal of mixed sets,
 * 93.8% of CelebA's genuine 3-photo sets pass instead of 92.9% with the largest pair distance: docs/accuracy.md).
 * With two photos that is their pair distance, and both are named. Farthest first: the photo to retake.
 */
export function outlyingPhotos(photos: FieldEmbedding[], pairCalibration: Calibration, threshold: number): Array<{ field: string; distance: number }> {
  if (photos.length < 2) return [];
  return photos
    .map(({ field, embedding }, i) => {
      const others = fuseEmbeddings(photos.filter((_, j) => j !== i).map((p) => p.embedding));
      return { field, distance: reportComparison(compareEmbeddings(embedding, others, pairCalibration)).distance };
    })
    .filter(({ distance }) => distance > threshold)
    .sort((a, b) => b.distance - a.distance);
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
