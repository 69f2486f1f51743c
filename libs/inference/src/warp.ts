import { Affine, RawImage } from './image';

/**
 * Bilinear warp: output pixel (x, y) samples the source at toSource(x, y); outside the source is black.
 * When the warp shrinks (one output pixel covers several source pixels) each output pixel averages a
 * `k x k` grid of bilinear samples, k = ceil(shrink) capped at `maxSupersample`: plain bilinear would alias,
 * and the landmark model and recogniser measured better on smooth crops. `maxSupersample` 1 is plain bilinear
 * (OpenCV's resize/warpAffine), for a model trained on exactly that.
 * Hot path (alignment, landmark and liveness crops): written as flat loops without allocation.
 */
export function warpAffine(src: RawImage, toSource: Affine, width: number, height: number, maxSupersample = 4): RawImage {
  const { data, width: sw, height: sh, channels: ch } = src;
  const [a, b, c, d, e, f] = toSource;
  const shrink = Math.max(Math.hypot(a, d), Math.hypot(b, e));
  const k = Math.min(maxSupersample, Math.max(1, Math.ceil(shrink - 1e-6)));
  const out = new Uint8Array(width * height * ch);
  const acc = new Float64Array(ch);
  const weight = 1 / (k * k);
  const stride = sw * ch;
  const rgb = ch === 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let bl = 0;
      if (!rgb) acc.fill(0);
      for (let j = 0; j < k; j++) {
        // Sub-sample centres spread evenly over the output pixel (pixel centres at integer coordinates).
        const oy = y + (j + 0.5) / k - 0.5;
        for (let i = 0; i < k; i++) {
          const ox = x + (i + 0.5) / k - 0.5;
          const sx = a * ox + b * oy + c;
          const sy = d * ox + e * oy + f;
          // Bitwise floor: Math.floor is not inlined inside a vm context (jest), where it is ~100x slower.
          const tx = sx | 0;
          const ty = sy | 0;
          const x0 = tx > sx ? tx - 1 : tx;
          const y0 = ty > sy ? ty - 1 : ty;
          const fx = sx - x0;
          const fy = sy - y0;
          if (rgb && x0 >= 0 && y0 >= 0 && x0 + 1 < sw && y0 + 1 < sh) {
            // Inlined three-channel bilinear tap: the common case, kept free of inner loops.
            const p = y0 * stride + x0 * 3;
            const q = p + stride;
            const w00 = (1 - fx) * (1 - fy);
            const w10 = fx * (1 - fy);
            const w01 = (1 - fx) * fy;
            const w11 = fx * fy;
            r += w00 * data[p] + w10 * data[p + 3] + w01 * data[q] + w11 * data[q + 3];
            g += w00 * data[p + 1] + w10 * data[p + 4] + w01 * data[q + 1] + w11 * data[q + 4];
            bl += w00 * data[p + 2] + w10 * data[p + 5] + w01 * data[q + 2] + w11 * data[q + 5];
          } else {
            if (rgb) acc.fill(0);
            accumulateEdge(src, x0, y0, fx, fy, acc);
            if (rgb) {
              r += acc[0];
              g += acc[1];
              bl += acc[2];
            }
          }
        }
      }
      const o = (y * width + x) * ch;
      if (rgb) {
        // Values are >= 0: adding 0.5 and truncating rounds (again avoiding Math.round, see above).
        out[o] = (r * weight + 0.5) | 0;
        out[o + 1] = (g * weight + 0.5) | 0;
        out[o + 2] = (bl * weight + 0.5) | 0;
      } else {
        for (let q = 0; q < ch; q++) out[o + q] = (acc[q] * weight + 0.5) | 0;
      }
    }
  }
  return { data: out, width, height, channels: ch };
}

/** Bilinear sample near or beyond the border: taps outside the image count as black. */
function accumulateEdge(src: RawImage, x0: number, y0: number, fx: number, fy: number, acc: Float64Array): void {
  const { data, width, height, channels: ch } = src;
  for (let n = 0; n < 4; n++) {
    const px = x0 + (n & 1);
    const py = y0 + (n >> 1);
    if (px < 0 || py < 0 || px >= width || py >= height) continue;
    const w = (n & 1 ? fx : 1 - fx) * (n >> 1 ? fy : 1 - fy);
    const base = (py * width + px) * ch;
    for (let q = 0; q < ch; q++) acc[q] += w * data[base + q];
  }
}

/** Maps the axis-aligned square/rectangle `box` of the source onto a `width x height` output. */
export function cropToSource(box: { x: number; y: number; width: number; height: number }, width: number, height: number): Affine {
  const sx = box.width / width;
  const sy = box.height / height;
  // Output pixel centre x maps to box.x + (x + 0.5) * sx - 0.5 in source pixel-centre coordinates.
  return [sx, 0, box.x + 0.5 * sx - 0.5, 0, sy, box.y + 0.5 * sy - 0.5];
}
