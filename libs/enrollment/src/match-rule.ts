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

export function reportComparison(comparison: Comparison): ReportedComparison {
  return {
    distance: round(comparison.distance, 4),
    similarity: round(comparison.similarity, 1),
    confidence: round(comparison.confidence, 1),
  };
}

/**
 * The decision rule of the contract ("critical mode"), applied to the reported figures so that a response
 * never shows a confidence of 85.0 beside `match: false`.
 */
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

/** The comparison with the smallest distance. */
export function closest<T extends { comparison: ReportedComparison }>(candidates: T[]): T {
  return candidates.reduce((best, candidate) => (candidate.comparison.distance < best.comparison.distance ? candidate : best));
}
