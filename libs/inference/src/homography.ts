import { Point } from './inference.types';

/** 3x3 homography, row-major: [x', y', w'] = H [x, y, 1]. */
export type Homography = number[];

/** Where `h` sends `p`. */
export function applyHomography(h: Homography, p: Point): Point {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

/**
 * Least-squares homography from `src` to `dst` (at least 4 pairs): the direct linear transform on points
 * normalised as Hartley recommends (centroid at 0, mean distance sqrt 2), solved as the eigenvector of the
 * smallest eigenvalue of AᵀA, then de-normalised.
 */
export function fitHomography(src: Point[], dst: Point[]): Homography {
  if (src.length !== dst.length || src.length < 4) throw new RangeError('need at least four point pairs');
  const ns = normaliser(src);
  const nd = normaliser(dst);
  const ata = Array.from({ length: 9 }, () => new Float64Array(9));
  for (let i = 0; i < src.length; i++) {
    const s = apply(ns, src[i]);
    const d = apply(nd, dst[i]);
    const rows = [
      [-s.x, -s.y, -1, 0, 0, 0, d.x * s.x, d.x * s.y, d.x],
      [0, 0, 0, -s.x, -s.y, -1, d.y * s.x, d.y * s.y, d.y],
    ];
    for (const r of rows) for (let a = 0; a < 9; a++) for (let b = 0; b < 9; b++) ata[a][b] += r[a] * r[b];
  }
  const hn = smallestEigenvector(ata);
  // H = Nd^-1 Hn Ns
  const h = mul(inverseNormaliser(nd), mul(hn, matrixOf(ns)));
  const scale = Math.abs(h[8]) > 1e-12 ? h[8] : 1;
  return h.map((v) => v / scale);
}

/**
 * How far one plane seen from two viewpoints is from explaining two landmark sets: the RMS distance between
 * `dst` and `src` mapped by the best homography, over the eye distance of `dst` (eye centres: the means of
 * points 36-41 and 42-47). ~0 when both are views of one flat picture (a photo or screen tilted, turned,
 * moved); a turning head's landmarks need 3-D parallax, which no homography gives.
 */
export function homographyResidual(src: Point[], dst: Point[]): number {
  const h = fitHomography(src, dst);
  let sq = 0;
  for (let i = 0; i < src.length; i++) {
    const p = applyHomography(h, src[i]);
    sq += (p.x - dst[i].x) ** 2 + (p.y - dst[i].y) ** 2;
  }
  return Math.sqrt(sq / src.length) / eyeCentreDistance(dst);
}

/** Distance between the eye centres of a 68-point set (means of 36-41 and 42-47). */
export function eyeCentreDistance(points: Point[]): number {
  if (points.length !== 68) throw new RangeError(`expected 68 landmarks, got ${points.length}`);
  const mean = (from: number) => {
    let x = 0;
    let y = 0;
    for (let i = from; i < from + 6; i++) {
      x += points[i].x;
      y += points[i].y;
    }
    return { x: x / 6, y: y / 6 };
  };
  const l = mean(36);
  const r = mean(42);
  return Math.hypot(r.x - l.x, r.y - l.y);
}

interface Normaliser {
  cx: number;
  cy: number;
  s: number;
}

function normaliser(points: Point[]): Normaliser {
  const n = points.length;
  const cx = points.reduce((s, p) => s + p.x, 0) / n;
  const cy = points.reduce((s, p) => s + p.y, 0) / n;
  const mean = points.reduce((s, p) => s + Math.hypot(p.x - cx, p.y - cy), 0) / n;
  if (mean === 0) throw new RangeError('points coincide');
  return { cx, cy, s: Math.SQRT2 / mean };
}

const apply = (t: Normaliser, p: Point): Point => ({ x: (p.x - t.cx) * t.s, y: (p.y - t.cy) * t.s });
const matrixOf = (t: Normaliser): number[] => [t.s, 0, -t.s * t.cx, 0, t.s, -t.s * t.cy, 0, 0, 1];
const inverseNormaliser = (t: Normaliser): number[] => [1 / t.s, 0, t.cx, 0, 1 / t.s, t.cy, 0, 0, 1];

function mul(a: number[], b: number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) out[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
  return out;
}

/** Cyclic Jacobi on a symmetric matrix (destroyed): the eigenvector of its smallest eigenvalue. */
function smallestEigenvector(a: Float64Array[]): number[] {
  const n = a.length;
  const v = Array.from({ length: n }, (_, i) => Float64Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < n; i++) if (a[i][i] < a[best][best]) best = i;
  return v.map((row) => row[best]);
}
