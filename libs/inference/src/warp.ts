import { Affine, RawImage } from './image';

/**
 * Bilinear warp: output pixel (x, y) samples the source at toSource(x, y); outside the source is black.
 * When the warp shrinks (one output pixel covers several source pixels) each output pixel averages a
 * `k x k` grid of bilinear samples, k = ceil(shrink) capped at 4: plain bilinear would alias, and the
 * detectors and recogniser were trained on smoothly resized crops.
 */
export function warpAffine(src: RawImage, toSource: Affine, width: number, height: number): RawImage {
  const { data, width: sw, height: sh, channels: ch } = src;
  const [a, b, c, d, e, f] = toSource;
  const shrink = Math.max(Math.hypot(a, d), Math.hypot(b, e));
  const k = Math.min(4, Math.max(1, Math.ceil(shrink - 1e-6)));
  const out = new Uint8Array(width * height * ch);
  const acc = new Float64Array(ch);
  const weight = 1 / (k * k);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      acc.fill(0);
      for (let j = 0; j < k; j++) {
        // Sub-sample centres spread evenly over the output pixel (pixel centres at integer coordinates).
        const oy = y + (j + 0.5) / k - 0.5;
        for (let i = 0; i < k; i++) {
          const ox = x + (i + 0.5) / k - 0.5;
          const sx = a * ox + b * oy + c;
          const sy = d * ox + e * oy + f;
          const x0 = Math.floor(sx);
          const y0 = Math.floor(sy);
          const fx = sx - x0;
          const fy = sy - y0;
          for (let n = 0; n < 4; n++) {
            const px = x0 + (n & 1);
            const py = y0 + (n >> 1);
            if (px < 0 || py < 0 || px >= sw || py >= sh) continue;
            const w = ((n & 1) ? fx : 1 - fx) * ((n >> 1) ? fy : 1 - fy);
            const base = (py * sw + px) * ch;
            for (let q = 0; q < ch; q++) acc[q] += w * data[base + q];
          }
        }
      }
      const o = (y * width + x) * ch;
      for (let q = 0; q < ch; q++) out[o + q] = Math.round(acc[q] * weight);
    }
  }
  return { data: out, width, height, channels: ch };
}

/** Maps the axis-aligned square/rectangle `box` of the source onto a `width x height` output. */
export function cropToSource(box: { x: number; y: number; width: number; height: number }, width: number, height: number): Affine {
  const sx = box.width / width;
  const sy = box.height / height;
  // Output pixel centre x maps to box.x + (x + 0.5) * sx - 0.5 in source pixel-centre coordinates.
  return [sx, 0, box.x + 0.5 * sx - 0.5, 0, sy, box.y + 0.5 * sy - 0.5];
}
