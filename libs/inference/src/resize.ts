import { RawImage } from './image';
import { Box } from './inference.types';
import { PackOptions } from './tensor';

interface Taps {
  /** For output index o: taps start[o] .. start[o + 1] - 1 of `index` / `weight`. */
  start: Int32Array;
  index: Int32Array;
  weight: Float32Array;
}

/**
 * 1-D resampling taps: output o covers source [from + o*scale, from + (o+1)*scale), widened to at least one
 * pixel; each source pixel weighs its overlap. That is area averaging when shrinking and linear interpolation
 * when enlarging. Pixels outside 0..size are black: they get no tap but still count in the normalisation.
 * When shrinking 4x or more, only every `step`-th pixel of the span is read (equal weights, still >= 2 per
 * output): the average barely changes and a 1920x1280 photo costs a fraction of the time.
 */
function taps(from: number, span: number, outSize: number, size: number): Taps {
  const scale = span / outSize;
  const width = Math.max(scale, 1);
  const step = scale >= 4 ? Math.floor(scale / 2) : 1;
  const start = new Int32Array(outSize + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let o = 0; o < outSize; o++) {
    start[o] = index.length;
    const centre = from + (o + 0.5) * scale;
    const lo = centre - width / 2;
    const hi = centre + width / 2;
    if (step > 1) {
      // Sample pixel centres lo + step/2, lo + 3*step/2, ... across the span.
      const count = Math.max(1, Math.round((hi - lo) / step));
      for (let n = 0; n < count; n++) {
        const i = Math.floor(lo + (n + 0.5) * ((hi - lo) / count));
        if (i >= 0 && i < size) {
          index.push(i);
          weight.push(1 / count);
        }
      }
      continue;
    }
    for (let i = Math.max(0, Math.floor(lo)); i < Math.min(size, Math.ceil(hi)); i++) {
      const overlap = Math.min(hi, i + 1) - Math.max(lo, i);
      if (overlap > 0) {
        index.push(i);
        weight.push(overlap / width);
      }
    }
  }
  start[outSize] = index.length;
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight) };
}

/** The horizontal pass of a separable resize: the source rows the output reads, filtered to the output width. */
interface RowPass {
  vy: Taps;
  /** Slot in `tmp` of each source row (-1: not read). */
  slot: Int32Array;
  /** Filtered rows, `width` RGB floats each. */
  tmp: Float32Array;
  /** Output columns xFirst .. xEnd - 1 have taps; the others lie outside the image (black). */
  xFirst: number;
  xEnd: number;
}

/**
 * Working memory reused from call to call (a resize is synchronous, so two never share it): a new 0.5-1 MB
 * buffer per photo cost a zero fill each time and kept the garbage collector busy.
 */
const workspace = {
  slotBuffer: new Int32Array(0),
  rowBuffer: new Float32Array(0),
  /** `size` slots, all -1. */
  slots(size: number): Int32Array {
    if (this.slotBuffer.length < size) this.slotBuffer = new Int32Array(size);
    return this.slotBuffer.subarray(0, size).fill(-1);
  },
  /** `size` floats (stale values: every one read is written first). */
  rows(size: number): Float32Array {
    if (this.rowBuffer.length < size) this.rowBuffer = new Float32Array(size);
    return this.rowBuffer.subarray(0, size);
  },
};

function filterRows(image: RawImage, region: Box, width: number, height: number): RowPass {
  if (image.channels !== 3) throw new RangeError('resizeRegion expects an RGB image');
  const { data, width: sw, height: sh } = image;
  const hx = taps(region.x, region.width, width, sw);
  const vy = taps(region.y, region.height, height, sh);
  // Only the source rows some output row reads are filtered, each into its own slot of `tmp`.
  const slot = workspace.slots(sh);
  let rows = 0;
  for (let t = 0; t < vy.index.length; t++) if (slot[vy.index[t]] < 0) slot[vy.index[t]] = rows++;
  const tmp = workspace.rows(rows * width * 3);
  const { start, index, weight } = hx;
  let xFirst = 0;
  while (xFirst < width && start[xFirst] === start[xFirst + 1]) xFirst++;
  let xEnd = width;
  while (xEnd > xFirst && start[xEnd - 1] === start[xEnd]) xEnd--;
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
  return { vy, slot, tmp, xFirst, xEnd };
}

/**
 * Where and how the vertical pass writes: output pixel (x, y) at `origin + x * dx + y * dy`, its channels at
 * the three offsets, each value v as v * scale + offset. Outside the image (black) is 0 * scale + offset.
 */
interface OutputLayout {
  out: Uint8Array | Float32Array;
  index: PlaneIndex;
  channels: [number, number, number];
  scale: number;
  offset: number;
}

/** The vertical pass of the separable resize, written as `layout` says. */
function filterColumns({ vy, slot, tmp, xFirst, xEnd }: RowPass, width: number, height: number, layout: OutputLayout): void {
  const { out, scale, offset } = layout;
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

/**
 * The part `region` of an RGB image resampled to width x height (separable area filter); parts of the region
 * outside the image are black. Used for the landmark crop and to bring a warp's source near 1:1.
 */
export function resizeRegion(image: RawImage, region: Box, width: number, height: number): RawImage {
  const out = new Uint8Array(width * height * 3);
  // Interleaved bytes; + 0.5 rounds, as a Uint8Array truncates what it stores (these values are >= 0).
  const layout: OutputLayout = { out, index: [0, 3, 3 * width], channels: [0, 1, 2], scale: 1, offset: 0.5 };
  filterColumns(filterRows(image, region, width, height), width, height, layout);
  return { data: out, width, height, channels: 3 };
}

/** Where output pixel (x, y) of a resize lands in a tensor plane: origin + x * dx + y * dy (turns it upright). */
export type PlaneIndex = [origin: number, dx: number, dy: number];

/**
 * resizeRegion written straight into a planar float tensor, (v - mean) / std, channels in `order`, pixel
 * (x, y) at `index`: the detector's input in one pass, without an 8-bit image, a rotation and a packing pass.
 * Into `out` (3 x width x height floats) when given.
 */
export function resizeRegionToTensor(
  image: RawImage, region: Box, width: number, height: number, pack: PackOptions, index: PlaneIndex, out: Float32Array = new Float32Array(3 * width * height),
): Float32Array {
  const plane = width * height;
  const channels: OutputLayout['channels'] = pack.order === 'rgb' ? [0, plane, 2 * plane] : [2 * plane, plane, 0];
  filterColumns(filterRows(image, region, width, height), width, height, { out, index, channels, scale: 1 / pack.std, offset: -pack.mean / pack.std });
  return out;
}
