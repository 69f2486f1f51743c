import { projectRoot } from '@faceauth/config';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { jsKernels } from './pixel-kernels-js';
import { PixelKernels } from './pixel-kernels.types';

/** Where `npm ci` builds the addon (scripts/build-native.js runs node-gyp in libs/inference/native). */
export const NATIVE_KERNELS_PATH = join(projectRoot(), 'libs/inference/native/build/Release/pixel_kernels.node');

interface Addon {
  filterRows(...args: unknown[]): void;
  filterColumns(...args: unknown[]): void;
  warpRgb(...args: unknown[]): void;
}

/** The C++ kernels, or null with the reason when the addon is not built or does not load. */
export function loadNativeKernels(path = NATIVE_KERNELS_PATH): { kernels: PixelKernels } | { kernels: null; reason: string } {
  if (!existsSync(path)) return { kernels: null, reason: `${path} is not built` };
  let addon: Addon;
  try {
    addon = require(path) as Addon;
  } catch (error) {
    return { kernels: null, reason: `${path} does not load: ${(error as Error).message}` };
  }
  const matrix = new Float64Array(6);
  const kernels: PixelKernels = {
    kind: 'native',
    filterRows: (data, sw, sh, hx, slot, tmp, width, xFirst, xEnd) =>
      addon.filterRows(data, sw, sh, hx.start, hx.index, hx.weight, slot, tmp, width, xFirst, xEnd),
    filterColumns: (vy, slot, tmp, width, height, xFirst, xEnd, out, { index, channels, scale, offset }) =>
      addon.filterColumns(vy.start, vy.index, vy.weight, slot, tmp, width, height, xFirst, xEnd, out, ...index, ...channels, scale, offset),
    warpRgb: (data, sw, sh, toSource, width, height, k, out) => {
      // A matrix made of NaN (landmarks gone wrong) gives the JavaScript kernel's black crop, not an error.
      if (!(k >= 1 && k <= 64) || !toSource.every(Number.isFinite)) return jsKernels.warpRgb(data, sw, sh, toSource, width, height, k, out);
      matrix.set(toSource);
      addon.warpRgb(data, sw, sh, matrix, width, height, k, out);
    },
  };
  return { kernels };
}
