import { Affine, RawImage } from './image';

/**
 * Applies an EXIF orientation (1..8) to decoded pixels, as a viewer shows them: 2 mirrors, 3 turns 180°,
 * 4 flips, 5 transposes, 6 turns 90° clockwise, 7 transverses, 8 turns 90° anticlockwise. 1 returns the image.
 * One pass: each output row walks the source with a fixed step, read off ORIENTATION_AFFINES.
 */
export function applyOrientation(image: RawImage, orientation: number): RawImage {
  if (orientation === 1 || !ORIENTATION_AFFINES[orientation]) return image;
  const { data, width: sw, height: sh, channels: ch } = image;
  const swap = orientation >= 5;
  const width = swap ? sh : sw;
  const height = swap ? sw : sh;
  // Source pixel of output (x, y) = origin + x * stepX + y * stepY, in pixel indices.
  const [a, b, c, d, e, f] = ORIENTATION_AFFINES[orientation](sw - 1, sh - 1);
  const [origin, stepX, stepY] = [f * sw + c, d * sw + a, e * sw + b];
  const out = new Uint8Array(data.length);
  let o = 0;
  for (let y = 0; y < height; y++) {
    let s = (origin + y * stepY) * ch;
    const step = stepX * ch;
    if (ch === 3) {
      for (let x = 0; x < width; x++, s += step, o += 3) {
        out[o] = data[s];
        out[o + 1] = data[s + 1];
        out[o + 2] = data[s + 2];
      }
    } else {
      for (let x = 0; x < width; x++, s += step) for (let q = 0; q < ch; q++) out[o++] = data[s + q];
    }
  }
  return { data: out, width, height, channels: ch };
}

/** For stored extent (w, h): the affine from upright to stored coordinates of each EXIF orientation. */
export const ORIENTATION_AFFINES: Record<number, (w: number, h: number) => Affine> = {
  1: () => [1, 0, 0, 0, 1, 0],
  2: (w) => [-1, 0, w, 0, 1, 0],
  3: (w, h) => [-1, 0, w, 0, -1, h],
  4: (_w, h) => [1, 0, 0, 0, -1, h],
  5: () => [0, 1, 0, 1, 0, 0],
  6: (_w, h) => [0, 1, 0, -1, 0, h],
  7: (w, h) => [0, -1, w, -1, 0, h],
  8: (w) => [0, -1, w, 1, 0, 0],
};
