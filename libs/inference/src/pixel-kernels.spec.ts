import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Affine, RawImage } from './image';
import { PackOptions } from './tensor';
import { jsKernels } from './pixel-kernels-js';
import { loadNativeKernels, NATIVE_KERNELS_PATH } from './pixel-kernels-native';
import { currentPixelKernels, PixelKernels, pixelKernelsFor, PlaneIndex, selectPixelKernels } from './pixel-kernels';
import { resizeRegion, resizeRegionToTensor } from './resize';
import { warpAffine } from './warp';

/** A small deterministic generator (mulberry32): the same cases on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noise(rand: () => number, width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (rand() * 256) | 0;
  return { data, width, height, channels: 3 };
}

/** The name of what `call` throws: the addon's errors come from Node's realm, not jest's, so instanceof cannot tell. */
function errorName(call: () => unknown): string | undefined {
  try {
    call();
  } catch (error) {
    return (error as Error).name;
  }
  return undefined;
}

const loaded = loadNativeKernels();
const native = loaded.kernels as PixelKernels;
/** The addon itself (require's cache: the instance the kernels above call). */
const addon = require(NATIVE_KERNELS_PATH);
const bytes = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('pixel kernels', () => {
  it('the native addon is built (npm ci runs scripts/build-native.js) and is the one the engine runs unless the config says javascript', () => {
    expect(loaded.kernels).not.toBeNull();
    expect(currentPixelKernels().kind).toBe('native');
    expect(pixelKernelsFor('native')).toMatchObject({ kernels: { kind: 'native' }, fallbackReason: null });
    expect(selectPixelKernels('javascript')).toBeNull();
    expect(currentPixelKernels()).toBe(jsKernels);
    expect(selectPixelKernels('native')).toBeNull();
    expect(currentPixelKernels().kind).toBe('native');
  });

  it('loads and runs in worker threads too (the inference pool\'s), two at once', async () => {
    const source = `
      const { parentPort, workerData } = require('node:worker_threads');
      const addon = require(workerData);
      const out = new Uint8Array(3);
      addon.warpRgb(new Uint8Array([10, 20, 30]), 1, 1, new Float64Array([1, 0, 0, 0, 1, 0]), 1, 1, 1, out);
      parentPort.postMessage(Array.from(out));`;
    const run = () =>
      new Promise<number[]>((resolve, reject) => {
        const worker = new Worker(source, { eval: true, workerData: NATIVE_KERNELS_PATH });
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    expect(await Promise.all([run(), run()])).toEqual([[10, 20, 30], [10, 20, 30]]);
  });

  it('runs the AVX2 paths where the CPU has AVX2', () => {
    const avx2 = /^flags\s*:.*\bavx2\b/m.test(readFileSync('/proc/cpuinfo', 'utf8'));
    expect(addon.setSimd(true)).toBe(avx2);
  });

  // The AVX2 paths, and the scalar loops a CPU without AVX2 runs, against the JavaScript kernels.
  describe.each([['AVX2 paths', true], ['scalar loops', false]])('%s', (_, simd) => {
    beforeAll(() => addon.setSimd(simd));
    afterAll(() => addon.setSimd(true));

    it('resize into bytes: the native kernels give the JavaScript kernels\' bytes, inside, across and outside the image', () => {
      const rand = random(1);
      for (let n = 0; n < 300; n++) {
        const image = noise(rand, 1 + ((rand() * 90) | 0), 1 + ((rand() * 90) | 0));
        // Regions from well inside to mostly outside, shrinking up to ~10x and enlarging up to ~8x.
        const region = { x: (rand() - 0.3) * image.width, y: (rand() - 0.3) * image.height, width: 0.5 + rand() * 2 * image.width, height: 0.5 + rand() * 2 * image.height };
        const w = 1 + ((rand() * 70) | 0);
        const h = 1 + ((rand() * 70) | 0);
        const expected = resizeRegion(image, region, w, h, jsKernels).data;
        expect(Buffer.from(resizeRegion(image, region, w, h, native).data).equals(Buffer.from(expected))).toBe(true);
      }
    });

    it('resize into a float tensor, upright or turned: the same floats to the bit', () => {
      const rand = random(2);
      for (let n = 0; n < 200; n++) {
        const image = noise(rand, 8 + ((rand() * 120) | 0), 8 + ((rand() * 120) | 0));
        const region = { x: -rand() * image.width, y: -rand() * image.height, width: image.width * (1 + rand()), height: image.height * (1 + rand()) };
        const w = 4 + ((rand() * 60) | 0);
        const h = 4 + ((rand() * 60) | 0);
        const pack: PackOptions = { mean: rand() * 255, std: 1 + rand() * 200, order: rand() < 0.5 ? 'rgb' : 'bgr' };
        // Output (x, y) written straight, mirrored, or transposed into a (w x h or h x w) plane.
        const indices: PlaneIndex[] = [[0, 1, w], [w - 1, -1, w], [0, h, 1]];
        for (const index of indices) {
          const expected = resizeRegionToTensor(image, region, w, h, pack, index, undefined, jsKernels);
          const actual = resizeRegionToTensor(image, region, w, h, pack, index, undefined, native);
          expect(bytes(actual).equals(bytes(expected))).toBe(true);
        }
      }
    });

    it('warp: the same bytes for rotations, shrinks, enlargements, 1 to 4 samples a side, and sources far outside', () => {
      const rand = random(3);
      for (let n = 0; n < 300; n++) {
        const image = noise(rand, 2 + ((rand() * 100) | 0), 2 + ((rand() * 100) | 0));
        const angle = rand() * 2 * Math.PI;
        const scale = 0.2 + rand() * 5;
        const [cos, sin] = [Math.cos(angle) * scale, Math.sin(angle) * scale];
        const toSource: Affine = [cos, -sin, (rand() - 0.3) * image.width * 1.5, sin, cos, (rand() - 0.3) * image.height * 1.5];
        const w = 1 + ((rand() * 60) | 0);
        const h = 1 + ((rand() * 60) | 0);
        const k = 1 + ((rand() * 4) | 0);
        const expected = warpAffine(image, toSource, w, h, k, jsKernels).data;
        expect(Buffer.from(warpAffine(image, toSource, w, h, k, native).data).equals(Buffer.from(expected))).toBe(true);
      }
      // Beyond int32 (the JavaScript `| 0` wraps there) and a matrix of NaN: black, as in JavaScript.
      const image = noise(rand, 16, 16);
      for (const toSource of [[1, 0, 3e9 + 4, 0, 1, -5e12], [1, 0, -4294967296 + 3, 0, 1, 4], [NaN, 0, 0, 0, NaN, 0]] as Affine[]) {
        const expected = warpAffine(image, toSource, 8, 8, 2, jsKernels).data;
        expect(Buffer.from(warpAffine(image, toSource, 8, 8, 2, native).data).equals(Buffer.from(expected))).toBe(true);
      }
    });

  });

  describe('the addon refuses a wrong call instead of touching memory it does not own', () => {
    const taps = { start: Int32Array.from([0, 1]), index: Int32Array.from([0]), weight: Float32Array.from([1]) };

    it('too short or mistyped arrays: RangeError or TypeError', () => {
      const data = new Uint8Array(4 * 4 * 3);
      const slot = new Int32Array(4).fill(0);
      expect(errorName(() => native.filterRows(data.subarray(0, 10), 4, 4, taps, slot, new Float32Array(3), 1, 0, 1))).toBe('RangeError');
      expect(errorName(() => native.filterRows(data, 4, 4, taps, slot, new Float32Array(2), 1, 0, 1))).toBe('RangeError');
      expect(errorName(() => native.filterRows(data, 4, 4, { ...taps, index: Int32Array.from([9]) }, slot, new Float32Array(3), 1, 0, 1))).toBe('RangeError');
      expect(errorName(() => native.filterRows(data, 4, 4, { ...taps, start: Int32Array.from([0, 5]) }, slot, new Float32Array(3), 1, 0, 1))).toBe('RangeError');
      expect(errorName(() => native.filterColumns(taps, slot, new Float32Array(3), 1, 1, 0, 1, new Uint8Array(1), { index: [0, 3, 3], channels: [0, 1, 2], scale: 1, offset: 0 }))).toBe('RangeError');
      expect(errorName(() => native.filterColumns(taps, slot, new Float32Array(3), 1, 1, 0, 1, new Int16Array(3) as never, { index: [0, 3, 3], channels: [0, 1, 2], scale: 1, offset: 0 }))).toBe('TypeError');
      expect(errorName(() => native.warpRgb(data, 4, 4, [1, 0, 0, 0, 1, 0], 4, 4, 1, new Uint8Array(47)))).toBe('RangeError');
      expect(errorName(() => addon.warpRgb([1, 2, 3], 1, 1, new Float64Array(6), 1, 1, 1, new Uint8Array(3)))).toBe('TypeError');
      expect(errorName(() => addon.warpRgb(data, 4, 4, new Float32Array(6), 4, 4, 1, new Uint8Array(48)))).toBe('TypeError');
      expect(errorName(() => addon.filterRows(data))).toBe('TypeError');
    });

    it('a layout that would write outside the output: RangeError', () => {
      const slot = new Int32Array(1).fill(0);
      expect(errorName(() => native.filterColumns(taps, slot, new Float32Array(3), 1, 1, 0, 1, new Float32Array(3), { index: [1, 1, 1], channels: [0, 1, 2], scale: 1, offset: 0 }))).toBe('RangeError');
      expect(errorName(() => native.filterColumns(taps, slot, new Float32Array(3), 1, 1, 0, 1, new Float32Array(3), { index: [0, 1, 1], channels: [0, 1, -1], scale: 1, offset: 0 }))).toBe('RangeError');
    });
  });

  it('without the addon, or with a file that is not one, the loader says why (the engine then runs the JavaScript kernels)', () => {
    const missing = loadNativeKernels('/nonexistent/pixel_kernels.node');
    expect(missing.kernels).toBeNull();
    expect(missing).toMatchObject({ reason: expect.stringContaining('is not built') });
    const file = join(mkdtempSync(join(tmpdir(), 'kernels-')), 'pixel_kernels.node');
    writeFileSync(file, 'not an ELF file');
    expect(loadNativeKernels(file)).toMatchObject({ kernels: null, reason: expect.stringContaining('does not load') });
  });
});
