import { Affine, RawImage } from './image';

/**
 * Bilinear warp: output pixel (x, y) samples the source at toSource(x, y); outside the source is black.
 * When the warp shrinks (one output pixel covers several source pixels) each output pixel averages a
 * `k x k` grid of bilinear samples, k = ceil(shrink) capped at `maxSupersample`: plain bilinear would alias,
 * and the landmark model and recogniser measured better on smooth crops. `maxSupersample` 1 is plain bilinear
 * (OpenCV's resize/warpAffine), for a model trained on exactly that.
 * The RGB path (aligned and liveness crops) is the hot one.
 */
export function warpAffine(src: RawImage, toSource: Affine, width: number, height: number, maxSupersample = 4): RawImage {
  const [a, b, , d, e] = toSource;
  const shrink = Math.max(Math.hypot(a, d), Math.hypot(b, e));
  const k = Math.min(maxSupersample, Math.max(1, Math.ceil(shrink - 1e-6)));
  return src.channels === 3 ? warpRgb(src, toSource, width, height, k) : warpAny(src, toSource, width, height, k);
}

/**
 * The RGB case, the hot path (alignment, liveness): sample positions advance by constant steps, the inner
 * tap is inlined, and only taps near the border take the slow path.
 */
function warpRgb(src: RawImage, toSource: Affine, width: number, height: number, k: number): RawImage {
  const { data, width: sw, height: sh } = src;
  const [a, b, c, d, e, f] = toSource;
  const out = new Uint8Array(width * height * 3);
  const acc = new Float64Array(3);
  const weight = 1 / (k * k);
  const stride = sw * 3;
  // Source position of sub-sample (i, j) of output pixel (x, y): origin + x*(a, d) + y*(b, e) + i*(ai, di) + j*(bj, ej).
  const ai = a / k;
  const di = d / k;
  const bj = b / k;
  const ej = e / k;
  const offset = 0.5 / k - 0.5;
  const ox = a * offset + b * offset + c;
  const oy = d * offset + e * offset + f;
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 3) {
      let r = 0;
      let g = 0;
      let bl = 0;
      const px = ox + a * x + b * y;
      const py = oy + d * x + e * y;
      for (let j = 0; j < k; j++) {
        let sx = px + bj * j;
        let sy = py + ej * j;
        for (let i = 0; i < k; i++, sx += ai, sy += di) {
          // Bitwise floor: Math.floor is not inlined inside a vm context (jest), where it is ~100x slower.
          const tx = sx | 0;
          const ty = sy | 0;
          const x0 = tx > sx ? tx - 1 : tx;
          const y0 = ty > sy ? ty - 1 : ty;
          const fx = sx - x0;
          const fy = sy - y0;
          if (x0 >= 0 && y0 >= 0 && x0 + 1 < sw && y0 + 1 < sh) {
            const p = y0 * stride + x0 * 3;
            const q = p + stride;
            const top0 = data[p] + fx * (data[p + 3] - data[p]);
            const top1 = data[p + 1] + fx * (data[p + 4] - data[p + 1]);
            const top2 = data[p + 2] + fx * (data[p + 5] - data[p + 2]);
            r += top0 + fy * (data[q] + fx * (data[q + 3] - data[q]) - top0);
            g += top1 + fy * (data[q + 1] + fx * (data[q + 4] - data[q + 1]) - top1);
            bl += top2 + fy * (data[q + 2] + fx * (data[q + 5] - data[q + 2]) - top2);
          } else {
            acc.fill(0);
            accumulateEdge(src, x0, y0, fx, fy, acc);
            r += acc[0];
            g += acc[1];
            bl += acc[2];
          }
        }
      }
      // Values are >= 0: adding 0.5 and truncating rounds (again avoiding Math.round, see above).
      out[o] = (r * weight + 0.5) | 0;
      out[o + 1] = (g * weight + 0.5) | 0;
      out[o + 2] = (bl * weight + 0.5) | 0;
    }
  }
  return { data: out, width, height, channels: 3 };
}

/** Any channel count (the grey test patterns): the same sampling, one tap at a time. */
function warpAny(src: RawImage, toSource: Affine, width: number, height: number, k: number): RawImage {
  const ch = src.channels;
  const [a, b, c, d, e, f] = toSource;
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
          accumulateEdge(src, x0, y0, sx - x0, sy - y0, acc);
        }
      }
      const o = (y * width + x) * ch;
      for (let q = 0; q < ch; q++) out[o + q] = Math.round(acc[q] * weight);
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
