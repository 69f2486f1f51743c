import { comparisonOf } from '@faceauth/inference';
import { acceptanceCosine, earlyMatchFor, earlyMatchOfSamples } from './early-match';
import { isMatch, reportComparison } from './match-rule';
import { EnrolledTemplate } from './template-match';

const CALIBRATION = { distanceScale: 0.7639, logistic: { a: -27.7615, b: 0.5333 } };
const RULE = { distanceThreshold: 0.42, confidenceThreshold: 85 };
const unit = (...v: number[]) => Float32Array.from(v.map((x) => x / Math.hypot(...v)));

describe('acceptanceCosine', () => {
  it('is the boundary of the verify rule, through its rounding', () => {
    const c = acceptanceCosine(CALIBRATION, RULE);
    const accepts = (cosine: number) => isMatch(reportComparison(comparisonOf(cosine, CALIBRATION)), RULE);
    expect(accepts(c)).toBe(true);
    expect(accepts(c - 1e-9)).toBe(false);
    // Distance 0.42 binds here (confidence at 0.42 is ~95.7): 1 - cos <= 0.42005 / 0.7639.
    expect(c).toBeCloseTo(1 - 0.42005 / 0.7639, 6);
  });

  it('follows the confidence threshold when that is the stricter one', () => {
    const c = acceptanceCosine(CALIBRATION, { distanceThreshold: 0.42, confidenceThreshold: 99 });
    expect(c).toBeGreaterThan(acceptanceCosine(CALIBRATION, RULE) + 0.05);
  });

  it('is Infinity for a rule that accepts nothing', () => {
    expect(acceptanceCosine(CALIBRATION, { distanceThreshold: -1, confidenceThreshold: 85 })).toBe(Infinity);
  });
});

describe('earlyMatchFor', () => {
  const user = new EnrolledTemplate([unit(1, 0, 0), unit(1, 1, 0)]);

  it('is the fused template and the acceptance cosine plus the margin', () => {
    const early = earlyMatchFor(user, { ...RULE, template: 'fused', earlyMatchMargin: 0.05 }, CALIBRATION)!;
    expect(Array.from(early.template)).toEqual(Array.from(user.fused));
    expect(early.minCosine).toBeCloseTo(acceptanceCosine(CALIBRATION, RULE) + 0.05, 9);
  });

  it('is off without a margin and for the strategies that compare with several vectors', () => {
    expect(earlyMatchFor(user, { ...RULE, template: 'fused', earlyMatchMargin: null }, CALIBRATION)).toBeUndefined();
    expect(earlyMatchFor(user, { ...RULE, template: 'closest', earlyMatchMargin: 0.05 }, CALIBRATION)).toBeUndefined();
    expect(earlyMatchFor(user, { ...RULE, template: 'blend', earlyMatchMargin: 0.05 }, CALIBRATION)).toBeUndefined();
  });

  it('of samples under a configuration is earlyMatchFor of their template, the match rule and the N-sample calibration', () => {
    const match = { ...RULE, template: 'fused' as const, earlyMatchMargin: 0.05 };
    const early = earlyMatchOfSamples([unit(1, 0, 0), unit(1, 1, 0)], { match, calibration: { template: CALIBRATION } })!;
    const direct = earlyMatchFor(user, match, CALIBRATION)!;
    expect(Array.from(early.template)).toEqual(Array.from(direct.template));
    expect(early.minCosine).toBe(direct.minCosine);
  });
});
