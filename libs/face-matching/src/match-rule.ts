import type { Comparison } from '@faceauth/inference';

export interface MatchThresholds {
  /** Calibrated distance at or below which two faces may match. */
  distanceThreshold: number;
  /** Minimum confidence (0-100). */
  confidenceThreshold: number;
}

/** A comparison as the API reports it: distance to 4 decimals, percentages to 1. */
export interface ReportedComparison {
  distance: number;
  similarity: number;
  confidence: number;
}

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The one rounding of a comparison: the engine's raw figures to the precision the API reports. The rule is
 * then applied to these figures, so an answer never shows a confidence of 85.0 beside `match: false`, and a raw
 * 84.946 is 84.9: not a match (rounding it to 2 decimals first, 84.95, and then to 1 would make it 85.0).
 */
export function reportComparison(comparison: Comparison): ReportedComparison {
  const confidence = round(comparison.confidence, 1);
  return { distance: round(comparison.distance, 4), similarity: confidence, confidence };
}

/** The decision rule of the contract ("critical mode"), on the once-rounded figures of reportComparison. */
export function isMatch(comparison: ReportedComparison, thresholds: MatchThresholds): boolean {
  return comparison.distance <= thresholds.distanceThreshold && comparison.confidence >= thresholds.confidenceThreshold;
}

/** Why a comparison is not a match, for messages. */
export function mismatchReason(comparison: ReportedComparison, thresholds: MatchThresholds): string {
  if (comparison.distance > thresholds.distanceThreshold) {
    return `distance ${comparison.distance} is above the threshold ${thresholds.distanceThreshold}`;
  }
  return `confidence ${comparison.confidence} is below the threshold ${thresholds.confidenceThreshold}`;
}
