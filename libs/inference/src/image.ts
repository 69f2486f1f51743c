/** A decoded image: interleaved 8-bit pixels, row-major, `channels` values per pixel (3 = RGB, 1 = grey). */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

/**
 * 2x3 affine matrix [a, b, c, d, e, f] mapping (x, y) to (a*x + b*y + c, d*x + e*y + f).
 * Warps take the matrix that maps *output* pixels to *source* pixels.
 */
export type Affine = [number, number, number, number, number, number];

export function applyAffine(m: Affine, x: number, y: number): [number, number] {
  return [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];
}

export function invertAffine(m: Affine): Affine {
  const det = m[0] * m[4] - m[1] * m[3];
  if (det === 0) throw new RangeError('affine matrix is singular');
  const a = m[4] / det;
  const b = -m[1] / det;
  const d = -m[3] / det;
  const e = m[0] / det;
  return [a, b, -(a * m[2] + b * m[5]), d, e, -(d * m[2] + e * m[5])];
}
