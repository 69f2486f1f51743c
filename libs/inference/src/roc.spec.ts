import { countAtMost, equalErrorRate, fitLogistic, sortedAscending, tarAtFar, thresholdAtFar } from './roc';

describe('roc maths', () => {
  const genuine = sortedAscending([0.1, 0.2, 0.3, 0.6, Infinity]);
  const impostors = sortedAscending(Array.from({ length: 100 }, (_, i) => 0.5 + i / 100));

  it('sorts numerically and counts values at or below a threshold', () => {
    expect(Array.from(sortedAscending([10, 9, 100]))).toEqual([9, 10, 100]);
    expect(countAtMost(genuine, 0.3)).toBe(3);
    expect(countAtMost(genuine, 0.29)).toBe(2);
  });

  it('picks the largest threshold with at most far x n impostors accepted', () => {
    // FAR 2%: two impostors (0.50, 0.51) may pass, the third (0.52) may not.
    const t = thresholdAtFar(impostors, 0.02)!;
    expect(countAtMost(impostors, t)).toBe(2);
    expect(t).toBeLessThan(0.52);
    expect(t).toBeGreaterThan(0.5199);
    expect(thresholdAtFar(impostors, 1e-4)).toBeNull();
    expect(tarAtFar(genuine, impostors, 0.01)).toBe(0.6); // 0.6 and the failed pair are rejected
  });

  it('finds the equal error rate where the curves cross', () => {
    const g = sortedAscending([0.1, 0.2, 0.3, 0.4]);
    const i = sortedAscending([0.35, 0.5, 0.6, 0.7]);
    expect(equalErrorRate(g, i)).toBe(0.25);
    expect(equalErrorRate(sortedAscending([0.1]), sortedAscending([0.9]))).toBe(0);
  });

  it('fits a falling logistic crossing 50% between the classes', () => {
    const fit = fitLogistic([0.1, 0.2, 0.3, 0.45], [0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(fit.a).toBeLessThan(0);
    expect(fit.b).toBeGreaterThan(0.3);
    expect(fit.b).toBeLessThan(0.5);
    // Symmetric overlapping classes cross exactly at the midpoint.
    const symmetric = fitLogistic([0.2, 0.4, 0.6], [0.4, 0.6, 0.8]);
    expect(symmetric.b).toBeCloseTo(0.5, 8);
  });
});
