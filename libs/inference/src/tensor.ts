import { RawImage } from './image';

export interface PackOptions {
  /** Value subtracted from each 0..255 sample. */
  mean: number;
  /** Divisor applied after the mean. */
  std: number;
  /** Channel order of the output planes (the input is always RGB). */
  order: 'rgb' | 'bgr';
  /** Mirror left-right while packing (flip test-time augmentation). */
  mirror?: boolean;
}

/** (v - mean) / std for every byte value: a table lookup is ~10x faster than the arithmetic per sample. */
function lookupTable(mean: number, std: number): Float32Array {
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = (v - mean) / std;
  return table;
}

/** Interleaved RGB (HWC) -> planar NCHW float tensor data, (v - mean) / std. */
export function packNchw(image: RawImage, { mean, std, order, mirror = false }: PackOptions): Float32Array {
  if (image.channels !== 3) throw new RangeError('packNchw expects an RGB image');
  const table = lookupTable(mean, std);
  const { data, width, height } = image;
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  const first = order === 'rgb' ? 0 : 2 * plane;
  const last = order === 'rgb' ? 2 * plane : 0;
  // Each output row reads its source row forwards, or backwards when mirroring.
  const step = mirror ? -3 : 3;
  for (let y = 0, i = 0; y < height; y++) {
    let p = (y * width + (mirror ? width - 1 : 0)) * 3;
    for (let x = 0; x < width; x++, i++, p += step) {
      out[first + i] = table[data[p]];
      out[plane + i] = table[data[p + 1]];
      out[last + i] = table[data[p + 2]];
    }
  }
  return out;
}

/** RGB -> one grey plane scaled by 1/divisor (ITU-R BT.601 weights, as OpenCV's BGR2GRAY). */
export function packGrey(image: RawImage, divisor: number): Float32Array {
  const plane = image.width * image.height;
  const out = new Float32Array(plane);
  const { data, channels } = image;
  for (let i = 0, p = 0; i < plane; i++, p += channels) {
    // + 0.5 and truncation rounds without Math.round (not inlined inside jest's vm, ~100x slower there).
    const v = channels === 1 ? data[p] : (0.299 * data[p] + 0.587 * data[p + 1] + 0.114 * data[p + 2] + 0.5) | 0;
    out[i] = v / divisor;
  }
  return out;
}
