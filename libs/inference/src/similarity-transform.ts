import { Affine } from './image';
import { Point } from './inference.types';

/** Where the 5 points sit in a 112x112 ArcFace-aligned crop (insightface's reference, which the recogniser expects). */
export const ARCFACE_TEMPLATE: Point[] = [
  { x: 38.2946, y: 51.6963 },
  { x: 73.5318, y: 51.5014 },
  { x: 56.0252, y: 71.7366 },
  { x: 41.5493, y: 92.3655 },
  { x: 70.7299, y: 92.2041 },
];
export const ALIGNED_SIZE = 112;

/**
 * Least-squares similarity transform (rotation, uniform scale, translation; no reflection) mapping `src`
 * onto `dst` — Umeyama's estimator. In 2-D it has a closed form: with both point sets centred, the
 * rotation-scale is the complex number sum(conj(s) * d) / sum(|s|^2).
 */
export function estimateSimilarity(src: Point[], dst: Point[]): Affine {
  if (src.length !== dst.length || src.length < 2) throw new RangeError('need at least two point pairs');
  const n = src.length;
  const sx = src.reduce((s, p) => s + p.x, 0) / n;
  const sy = src.reduce((s, p) => s + p.y, 0) / n;
  const dx = dst.reduce((s, p) => s + p.x, 0) / n;
  const dy = dst.reduce((s, p) => s + p.y, 0) / n;
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const ux = src[i].x - sx;
    const uy = src[i].y - sy;
    const vx = dst[i].x - dx;
    const vy = dst[i].y - dy;
    dot += ux * vx + uy * vy;
    cross += ux * vy - uy * vx;
    norm += ux * ux + uy * uy;
  }
  if (norm === 0) throw new RangeError('source points coincide');
  const a = dot / norm;
  const b = cross / norm;
  return [a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy)];
}
