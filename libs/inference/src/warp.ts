import { Affine, RawImage } from './image';
import { currentPixelKernels } from './pixel-kernels';
import { accumulateEdge } from './pixel-kernels-js';

/**
 * Bilinear warp: output pixel (x, y) samples the source at toSource(x, y); outside the source is black.
 * When the warp shrinks (one output pixel covers several source pixels) each output pixel averages a
 * `k x k` grid of bilinear samples, k = ceil(shrink) capped at `maxSupersample`: plain bilinear would alias,
 * and the landmark model and recogniser measured better on smooth crops. `maxSupersample` 1 is plain bilinear
 * (OpenCV's resize/warpAffine), for a model trained on exactly that.
 * The RGB path (aligned and liveness crops) is the hot one.
 */
export function warpAffine(src: RawImage, toSource: Affine, width: number, height: number, maxSupersample = 4, kernels = currentPixelKernels()): RawImage {
  const [a, b, , d, e] = toSource;
  const shrink = Math.max(Math.hypot(a, d), Math.hypot(b, e));
  const k = Math.min(maxSupersample, Math.max(1, Math.ceil(shrink - 1e-6)));
  if (src.channels !== 3) return warpAny(src, toSource, width, height, k);
  // The RGB case, the hot path (alignment, liveness).
  const out = new Uint8Array(width * height * 3);
  kernels.warpRgb(src.data, src.width, src.height, toSource, width, height, k, out);
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
          accumulateEdge(src.data, src.width, src.height, ch, x0, y0, sx - x0, sy - y0, acc);
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
