/**
 * Verification-rate maths for the evaluation and calibration commands. Distances: smaller = more alike;
 * a pair is accepted when distance <= threshold; a failed detection is an Infinity distance (never accepted).
 */

/** Ascending copy as a Float64Array (sorts numerically, unlike Array#sort). */
export function sortedAscending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** How many values of an ascending array are <= t (binary search). */
export function countAtMost(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The largest threshold whose false-accept rate is <= far: just below the (k+1)-th smallest impostor
 * distance, k = floor(far * n). Null when n * far < 0.1, i.e. the set is far too small to measure that rate.
 */
export function thresholdAtFar(impostors: Float64Array, far: number): number | null {
  const n = impostors.length;
  if (n === 0 || n * far < 0.1) return null;
  const k = Math.floor(far * n + 1e-9);
  if (k >= n) return impostors[n - 1];
  const next = impostors[k];
  // Largest representable value strictly below `next` (ties at `next` must not be accepted).
  const below = k > 0 ? impostors[k - 1] : -Infinity;
  const t = next - Math.max(Math.abs(next) * 1e-12, 1e-12);
  return Math.max(below, t);
}

export function tarAtFar(genuine: Float64Array, impostors: Float64Array, far: number): number | null {
  const t = thresholdAtFar(impostors, far);
  return t === null || genuine.length === 0 ? null : countAtMost(genuine, t) / genuine.length;
}

/** Equal error rate: where the false-reject and false-accept curves cross (mean of the two at the closest point). */
export function equalErrorRate(genuine: Float64Array, impostors: Float64Array): number | null {
  if (genuine.length === 0 || impostors.length === 0) return null;
  let best = { gap: Infinity, eer: 1 };
  const candidates = [...genuine, ...impostors].filter(Number.isFinite);
  for (const t of candidates) {
    const frr = 1 - countAtMost(genuine, t) / genuine.length;
    const far = countAtMost(impostors, t) / impostors.length;
    const gap = Math.abs(frr - far);
    if (gap < best.gap) best = { gap, eer: (frr + far) / 2 };
  }
  return best.eer;
}

/**
 * Weighted two-class logistic regression p(same | d) = 1 / (1 + exp(-a (d - b))) by Newton's method,
 * each class weighted to half the total (equal priors). Returns { a, b }; a < 0 when genuine distances are smaller.
 */
export function fitLogistic(genuine: ArrayLike<number>, impostors: ArrayLike<number>, iterations = 50): { a: number; b: number } {
  const g = Array.from(genuine).filter(Number.isFinite);
  const im = Array.from(impostors).filter(Number.isFinite);
  if (g.length === 0 || im.length === 0) throw new RangeError('need genuine and impostor distances');
  const wg = 0.5 / g.length;
  const wi = 0.5 / im.length;
  // p = sigmoid(w0 + w1 * d); start from a line through the two class means.
  let w0 = 0;
  let w1 = 0;
  for (let it = 0; it < iterations; it++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    const add = (d: number, y: number, w: number) => {
      const p = 1 / (1 + Math.exp(-(w0 + w1 * d)));
      const r = (p - y) * w;
      g0 += r;
      g1 += r * d;
      const h = p * (1 - p) * w;
      h00 += h;
      h01 += h * d;
      h11 += h * d * d;
    };
    for (const d of g) add(d, 1, wg);
    for (const d of im) add(d, 0, wi);
    const det = h00 * h11 - h01 * h01;
    if (det <= 0) break;
    const s0 = (h11 * g0 - h01 * g1) / det;
    const s1 = (h00 * g1 - h01 * g0) / det;
    w0 -= s0;
    w1 -= s1;
    if (Math.abs(s0) + Math.abs(s1) < 1e-10) break;
  }
  return { a: w1, b: -w0 / w1 };
}
