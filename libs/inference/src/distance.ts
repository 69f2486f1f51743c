import { Comparison } from './inference.types';

export interface Calibration {
  /** distance = distanceScale * (1 - cos). */
  distanceScale: number;
  /** confidence = 100 / (1 + exp(-a * (distance - b))); a < 0 so confidence falls as distance grows. */
  logistic: { a: number; b: number };
}

/** Euclidean length. */
export function vectorNorm(v: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  return Math.sqrt(sum);
}

/** Scales a vector to unit length in place and returns it (a zero vector stays zero). */
export function l2Normalize(v: Float32Array): Float32Array {
  const norm = vectorNorm(v);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] /= norm;
  return v;
}

export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`embedding lengths differ: ${a.length} vs ${b.length}`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

export function calibratedDistance(cosine: number, distanceScale: number): number {
  return distanceScale * (1 - cosine);
}

/** 100 x P(same person | distance) from the logistic fit, in 0..100. */
export function distanceToConfidence(distance: number, { a, b }: Calibration['logistic']): number {
  return 100 / (1 + Math.exp(-a * (distance - b)));
}

/** Calibrated distance and confidence of a cosine, unrounded: the API rounds once, where it reports them. */
export function comparisonOf(cosine: number, calibration: Calibration): Comparison {
  const distance = calibratedDistance(cosine, calibration.distanceScale);
  const confidence = distanceToConfidence(distance, calibration.logistic);
  return { distance, similarity: confidence, confidence };
}

export function compareEmbeddings(a: Float32Array, b: Float32Array, calibration: Calibration): Comparison {
  return comparisonOf(cosineSimilarity(a, b), calibration);
}
