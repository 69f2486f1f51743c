import { RawImage } from './image';
import { Box } from './inference.types';
import { ColumnLayout, currentPixelKernels, PixelKernels, PlaneIndex, Taps } from './pixel-kernels';
import { PackOptions } from './tensor';

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

function filterRows(image: RawImage, region: Box, width: number, height: number, kernels: PixelKernels): RowPass {
  if (image.channels !== 3) throw new RangeError('resizeRegion expects an RGB image');
  const { data, width: sw, height: sh } = image;
  const hx = taps(region.x, region.width, width, sw);
  const vy = taps(region.y, region.height, height, sh);
  // Only the source rows some output row reads are filtered, each into its own slot of `tmp`.
  const slot = workspace.slots(sh);
  let rows = 0;
  for (let t = 0; t < vy.index.length; t++) if (slot[vy.index[t]] < 0) slot[vy.index[t]] = rows++;
  const tmp = workspace.rows(rows * width * 3);
  const { start } = hx;
  let xFirst = 0;
  while (xFirst < width && start[xFirst] === start[xFirst + 1]) xFirst++;
  let xEnd = width;
  while (xEnd > xFirst && start[xEnd - 1] === start[xEnd]) xEnd--;
  kernels.filterRows(data, sw, sh, hx, slot, tmp, width, xFirst, xEnd);
  return { vy, slot, tmp, xFirst, xEnd };
}

/** Both passes of the separable resize, into `out` as `layout` says. */
function resizeInto(image: RawImage, region: Box, width: number, height: number, out: Uint8Array | Float32Array, layout: ColumnLayout, kernels: PixelKernels): void {
  const { vy, slot, tmp, xFirst, xEnd } = filterRows(image, region, width, height, kernels);
  kernels.filterColumns(vy, slot, tmp, width, height, xFirst, xEnd, out, layout);
}

/**
 * The part `region` of an RGB image resampled to width x height (separable area filter); parts of the region
 * outside the image are black. Used for the landmark crop and to bring a warp's source near 1:1.
 */
export function resizeRegion(image: RawImage, region: Box, width: number, height: number, kernels = currentPixelKernels()): RawImage {
  const out = new Uint8Array(width * height * 3);
  // Interleaved bytes; + 0.5 rounds, as a Uint8Array truncates what it stores (these values are >= 0).
  const layout: ColumnLayout = { index: [0, 3, 3 * width], channels: [0, 1, 2], scale: 1, offset: 0.5 };
  resizeInto(image, region, width, height, out, layout, kernels);
  return { data: out, width, height, channels: 3 };
}

/**
 * resizeRegion written straight into a planar float tensor, (v - mean) / std, channels in `order`, pixel
 * (x, y) at `index`: the detector's input in one pass, without an 8-bit image, a rotation and a packing pass.
 * Into `out` (3 x width x height floats) when given.
 */
export function resizeRegionToTensor(
  image: RawImage, region: Box, width: number, height: number, pack: PackOptions, index: PlaneIndex, out: Float32Array = new Float32Array(3 * width * height),
  kernels = currentPixelKernels(),
): Float32Array {
  const plane = width * height;
  const channels: ColumnLayout['channels'] = pack.order === 'rgb' ? [0, plane, 2 * plane] : [2 * plane, plane, 0];
  resizeInto(image, region, width, height, out, { index, channels, scale: 1 / pack.std, offset: -pack.mean / pack.std }, kernels);
  return out;
}
