import { applyHomography, Homography } from '@faceauth/inference';
import sharp from 'sharp';

/** Inverse of a 3x3 homography (row-major). */
export function invertHomography(h: Homography): Homography {
  const [a, b, c, d, e, f, g, k, l] = h;
  const A = e * l - f * k;
  const B = -(d * l - f * g);
  const C = d * k - e * g;
  const det = a * A + b * B + c * C;
  return [A, -(b * l - c * k), b * f - c * e, B, a * l - c * g, -(a * f - c * d), C, -(a * k - b * g), a * e - b * d].map((v) => v / det);
}

/**
 * A picture held in front of the camera and moved: the homography of a plane through the image centre
 * turned by `turnDeg` about the vertical axis and `tiltDeg` about the horizontal one, seen by a pinhole
 * camera of focal length `focal` px, then rotated in the image, scaled and moved.
 */
export function pictureHomography(width: number, height: number, o: { turnDeg: number; tiltDeg: number; rollDeg: number; scale: number; dx: number; dy: number; focal: number }): Homography {
  const rad = Math.PI / 180;
  const [cy, sy] = [Math.cos(o.turnDeg * rad), Math.sin(o.turnDeg * rad)];
  const [cx, sx] = [Math.cos(o.tiltDeg * rad), Math.sin(o.tiltDeg * rad)];
  const ry = [cy, 0, sy, 0, 1, 0, -sy, 0, cy];
  const rx = [1, 0, 0, 0, cx, -sx, 0, sx, cx];
  const rot = mul(ry, rx);
  // The plane sits at depth `focal` and turns about its own centre: plane point (u, v, 0) -> R (u, v, 0) + (0, 0, 1).
  const r = [rot[0], rot[1], 0, rot[3], rot[4], 0, rot[6], rot[7], 1];
  const k = [o.focal, 0, width / 2, 0, o.focal, height / 2, 0, 0, 1];
  const kinv = [1 / o.focal, 0, -width / 2 / o.focal, 0, 1 / o.focal, -height / 2 / o.focal, 0, 0, 1];
  const [cr, sr] = [Math.cos(o.rollDeg * rad), Math.sin(o.rollDeg * rad)];
  // Similarity about the image centre, then the move.
  const sim = [o.scale * cr, -o.scale * sr, 0, o.scale * sr, o.scale * cr, 0, 0, 0, 1];
  const toCentre = [1, 0, -width / 2, 0, 1, -height / 2, 0, 0, 1];
  const back = [1, 0, width / 2 + o.dx, 0, 1, height / 2 + o.dy, 0, 0, 1];
  return mul(back, mul(sim, mul(toCentre, mul(k, mul(r, kinv)))));
}

function mul(a: number[], b: number[]): number[] {
  const out = new Array<number>(9).fill(0);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let q = 0; q < 3; q++) out[i * 3 + j] += a[i * 3 + q] * b[q * 3 + j];
  return out;
}

/** The photo as the camera would see it under `h` (bilinear resampling with the inverse; black outside), as a JPEG. */
export async function warpPhoto(photo: Buffer, h: Homography, quality = 90): Promise<Buffer> {
  const { data, info } = await sharp(photo).rotate().removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = info;
  const inv = invertHomography(h);
  const out = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = applyHomography(inv, { x, y });
      const x0 = Math.floor(s.x);
      const y0 = Math.floor(s.y);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = s.x - x0;
      const fy = s.y - y0;
      const o = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) {
        const p = (y0 * width + x0) * channels + c;
        const q = p + width * channels;
        const top = data[p] + fx * (data[p + channels] - data[p]);
        const bottom = data[q] + fx * (data[q + channels] - data[q]);
        out[o + c] = Math.round(top + fy * (bottom - top));
      }
    }
  }
  return sharp(out, { raw: { width, height, channels } }).jpeg({ quality }).toBuffer();
}
