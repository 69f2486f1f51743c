import { calibratedDistance, compareEmbeddings, cosineSimilarity, distanceToConfidence, l2Normalize } from './distance';

describe('distance maths', () => {
  it('normalises to unit length and leaves a zero vector alone', () => {
    expect(Array.from(l2Normalize(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2Normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('computes cosine similarity whatever the lengths of the vectors', () => {
    expect(cosineSimilarity(Float32Array.from([1, 0]), Float32Array.from([5, 0]))).toBe(1);
    expect(cosineSimilarity(Float32Array.from([1, 0]), Float32Array.from([0, 2]))).toBe(0);
    expect(cosineSimilarity(Float32Array.from([1, 1]), Float32Array.from([-1, -1]))).toBeCloseTo(-1, 12);
    expect(() => cosineSimilarity(new Float32Array(2), new Float32Array(3))).toThrow(RangeError);
  });

  it('scales the cosine distance by one factor', () => {
    expect(calibratedDistance(1, 0.7)).toBe(0);
    expect(calibratedDistance(0.4, 0.7)).toBeCloseTo(0.42, 12);
  });

  it('maps distance to a falling confidence: 50 at b, towards 100 and 0 on either side', () => {
    const fit = { a: -20, b: 0.5 };
    expect(distanceToConfidence(0.5, fit)).toBe(50);
    expect(distanceToConfidence(0, fit)).toBeCloseTo(100 / (1 + Math.exp(-10)), 10);
    expect(distanceToConfidence(1, fit)).toBeCloseTo(100 / (1 + Math.exp(10)), 10);
    expect(distanceToConfidence(0.3, fit)).toBeGreaterThan(distanceToConfidence(0.4, fit));
  });

  it('compares two embeddings with the calibration', () => {
    const a = l2Normalize(Float32Array.from([1, 0, 0]));
    const b = l2Normalize(Float32Array.from([0.6, 0.8, 0]));
    const result = compareEmbeddings(a, b, { distanceScale: 0.7, logistic: { a: -20, b: 0.28 } });
    expect(result.distance).toBeCloseTo(0.28, 4);
    expect(result.confidence).toBeCloseTo(50, 2);
    expect(result.similarity).toBe(result.confidence);
  });

  it('leaves the figures unrounded (the API rounds once, where it reports them)', () => {
    const a = Float32Array.from([1, 0]);
    const b = Float32Array.from([0.81234, 0.58319]);
    const calibration = { distanceScale: 0.7, logistic: { a: -20, b: 0.3 } };
    const result = compareEmbeddings(a, b, calibration);
    expect(result.distance).toBe(calibratedDistance(cosineSimilarity(a, b), 0.7));
    expect(result.confidence).toBe(distanceToConfidence(result.distance, calibration.logistic));
    expect(result.distance).not.toBe(Math.round(result.distance * 1e4) / 1e4);
  });
});
