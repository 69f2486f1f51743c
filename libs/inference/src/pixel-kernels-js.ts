import { Affine } from './image';
import { ColumnLayout, PixelKernels, Taps } from './pixel-kernels.types';

/**
 * The pixel kernels in JavaScript: the reference the native ones (../native) must match to the bit, and the
 * fallback where the addon did not build. Written for V8: constant steps, inlined taps, no Math.floor or
 * Math.round (not inlined inside a vm context such as jest's, where they are ~100x slower).
 */
export const jsKernels: PixelKernels = {
  kind: 'javascript',
  filterRows,
  filterColumns,
  warpRgb,
};

/** See PixelKernels.filterRows. */
function filterRows(data: Uint8Array, sw: number, sh: number, { start, index, weight }: Taps, slot: Int32Array, tmp: Float32Array, width: number, xFirst: number, xEnd: number): void {
  for (let y = 0; y < sh; y++) {
    if (slot[y] < 0) continue;
    const row = y * sw * 3;
    const outRow = slot[y] * width * 3;
    for (let x = xFirst; x < xEnd; x++) {
      let r = 0, g = 0, b = 0;
      const t1 = start[x + 1];
      for (let t = start[x]; t < t1; t++) {
        const p = row + index[t] * 3;
        const w = weight[t];
        r += w * data[p];
        g += w * data[p + 1];
        b += w * data[p + 2];
      }
      const o = outRow + x * 3;
      tmp[o] = r;
      tmp[o + 1] = g;
      tmp[o + 2] = b;
    }
  }
}

/** See PixelKernels.filterColumns. */
function filterColumns(vy: Taps, slot: Int32Array, tmp: Float32Array, width: number, height: number, xFirst: number, xEnd: number, out: Uint8Array | Float32Array, layout: ColumnLayout): void {
  const { scale, offset } = layout;
  const [origin, dx, dy] = layout.index;
  const [c0, c1, c2] = layout.channels;
  const { start, index, weight } = vy;
  out.fill(offset);
  for (let y = 0; y < height; y++) {
    const t0 = start[y];
    const t1 = start[y + 1];
    for (let x = xFirst; x < xEnd && t0 < t1; x++) {
      let r = 0, g = 0, b = 0;
      for (let t = t0; t < t1; t++) {
        const p = (slot[index[t]] * width + x) * 3;
        const w = weight[t];
        r += w * tmp[p];
        g += w * tmp[p + 1];
        b += w * tmp[p + 2];
      }
      const o = origin + x * dx + y * dy;
      out[c0 + o] = r * scale + offset;
      out[c1 + o] = g * scale + offset;
      out[c2 + o] = b * scale + offset;
    }
  }
}

/** See PixelKernels.warpRgb: sample positions advance by constant steps, only taps near the border take the slow path. */
function warpRgb(data: Uint8Array, sw: number, sh: number, toSource: Affine, width: number, height: number, k: number, out: Uint8Array): void {
  const [a, b, c, d, e, f] = toSource;
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
            accumulateEdge(data, sw, sh, 3, x0, y0, fx, fy, acc);
            r += acc[0];
            g += acc[1];
            bl += acc[2];
          }
        }
      }
      // Values are >= 0: adding 0.5 and truncating rounds.
      out[o] = (r * weight + 0.5) | 0;
      out[o + 1] = (g * weight + 0.5) | 0;
      out[o + 2] = (bl * weight + 0.5) | 0;
    }
  }
}

/** Bilinear sample near or beyond the border: taps outside the image count as black. */
export function accumulateEdge(data: Uint8Array, width: number, height: number, ch: number, x0: number, y0: number, fx: number, fy: number, acc: Float64Array): void {
  for (let n = 0; n < 4; n++) {
    const px = x0 + (n & 1);
    const py = y0 + (n >> 1);
    if (px < 0 || py < 0 || px >= width || py >= height) continue;
    const w = (n & 1 ? fx : 1 - fx) * (n >> 1 ? fy : 1 - fy);
    const base = (py * width + px) * ch;
    for (let q = 0; q < ch; q++) acc[q] += w * data[base + q];
  }
}
