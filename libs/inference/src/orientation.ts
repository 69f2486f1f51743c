import { RawImage } from './image';

/**
 * Applies an EXIF orientation (1..8) to decoded pixels, as a viewer shows them: 2 mirrors, 3 turns 180°,
 * 4 flips, 5 transposes, 6 turns 90° clockwise, 7 transverses, 8 turns 90° anticlockwise. 1 returns the image.
 * One pass: each output row walks the source with a fixed step.
 */
export function applyOrientation(image: RawImage, orientation: number): RawImage {
  if (orientation < 2 || orientation > 8) return image;
  const { data, width: sw, height: sh, channels: ch } = image;
  const swap = orientation >= 5;
  const width = swap ? sh : sw;
  const height = swap ? sw : sh;
  // Source pixel of output (x, y) = origin + x * stepX + y * stepY, in pixel indices.
  const [origin, stepX, stepY] = walk(orientation, sw, sh);
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

/** [origin, stepX, stepY] in source pixel indices for an sw x sh source. */
function walk(orientation: number, sw: number, sh: number): [number, number, number] {
  const last = sw * sh - 1;
  switch (orientation) {
    case 2: return [sw - 1, -1, sw]; // mirror
    case 3: return [last, -1, -sw]; // 180°
    case 4: return [(sh - 1) * sw, 1, -sw]; // flip
    case 5: return [0, sw, 1]; // transpose
    case 6: return [(sh - 1) * sw, -sw, 1]; // 90° clockwise
    case 7: return [last, -sw, -1]; // transverse
    default: return [sw - 1, sw, -1]; // 8: 90° anticlockwise
  }
}
