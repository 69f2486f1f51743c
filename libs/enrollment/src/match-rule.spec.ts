import { closest, isMatch, mismatchReason, reportComparison } from './match-rule';

const thresholds = { distanceThreshold: 0.42, confidenceThreshold: 85 };

describe('match rule', () => {
  it('reports distance to 4 decimals and percentages to 1', () => {
    expect(reportComparison({ distance: 0.123456, similarity: 91.2345, confidence: 91.2345 })).toEqual({ distance: 0.1235, similarity: 91.2, confidence: 91.2 });
  });

  it('matches only when distance <= threshold and confidence >= threshold, both inclusive', () => {
    expect(isMatch({ distance: 0.42, similarity: 85, confidence: 85 }, thresholds)).toBe(true);
    expect(isMatch({ distance: 0.4201, similarity: 99, confidence: 99 }, thresholds)).toBe(false);
    expect(isMatch({ distance: 0.1, similarity: 84.9, confidence: 84.9 }, thresholds)).toBe(false);
  });

  it('decides on the reported figures, so 84.96 shown as 85.0 is a match', () => {
    const reported = reportComparison({ distance: 0.3, similarity: 84.96, confidence: 84.96 });
    expect(reported.confidence).toBe(85);
    expect(isMatch(reported, thresholds)).toBe(true);
  });

  it('says which threshold failed', () => {
    expect(mismatchReason({ distance: 0.6, similarity: 20, confidence: 20 }, thresholds)).toBe('distance 0.6 is above the threshold 0.42');
    expect(mismatchReason({ distance: 0.3, similarity: 80, confidence: 80 }, thresholds)).toBe('confidence 80 is below the threshold 85');
  });

  it('picks the candidate with the smallest distance', () => {
    const c = (distance: number) => ({ comparison: { distance, similarity: 0, confidence: 0 } });
    expect(closest([c(0.5), c(0.2), c(0.3)]).comparison.distance).toBe(0.2);
  });
});
