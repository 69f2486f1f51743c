import { isMatch, mismatchReason, reportComparison } from './match-rule';

const thresholds = { distanceThreshold: 0.42, confidenceThreshold: 85 };
const raw = (distance: number, confidence: number) => ({ distance, similarity: confidence, confidence });

describe('match rule', () => {
  it('reports distance to 4 decimals and percentages to 1', () => {
    expect(reportComparison(raw(0.123456, 91.2345))).toEqual({ distance: 0.1235, similarity: 91.2, confidence: 91.2 });
  });

  it('matches only when distance <= threshold and confidence >= threshold, both inclusive', () => {
    expect(isMatch(raw(0.42, 85), thresholds)).toBe(true);
    expect(isMatch(raw(0.4201, 99), thresholds)).toBe(false);
    expect(isMatch(raw(0.1, 84.9), thresholds)).toBe(false);
  });

  it('rounds once: a raw confidence of 84.946 is reported as 84.9 and is not a match', () => {
    const reported = reportComparison(raw(0.3, 84.946));
    expect(reported.confidence).toBe(84.9);
    expect(isMatch(reported, thresholds)).toBe(false);
  });

  it('refuses a distance a hair above 0.42 that shows as 0.4201', () => {
    const reported = reportComparison(raw(0.42006, 99));
    expect(reported.distance).toBe(0.4201);
    expect(isMatch(reported, thresholds)).toBe(false);
  });

  it('decides on what it shows: a raw 0.420049 is reported as 0.42 and matches, 84.96 as 85.0 and matches', () => {
    expect(isMatch(reportComparison(raw(0.420049, 99)), thresholds)).toBe(true);
    expect(isMatch(reportComparison(raw(0.3, 84.96)), thresholds)).toBe(true);
  });

  it('says which threshold failed', () => {
    expect(mismatchReason(raw(0.6, 20), thresholds)).toBe('distance 0.6 is above the threshold 0.42');
    expect(mismatchReason(raw(0.3, 80), thresholds)).toBe('confidence 80 is below the threshold 85');
  });
});
