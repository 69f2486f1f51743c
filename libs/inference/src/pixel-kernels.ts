import { jsKernels } from './pixel-kernels-js';
import { loadNativeKernels } from './pixel-kernels-native';
import { PixelKernels } from './pixel-kernels.types';

export * from './pixel-kernels.types';

/**
 * The kernels every resize and warp runs: the native ones when the addon is built (the same output to the
 * bit, faster: docs/performance.md), else the JavaScript ones. `FACEAUTH_PIXEL_KERNELS=javascript` forces the latter.
 */
function choose(): { kernels: PixelKernels; fallbackReason: string | null } {
  if (process.env.FACEAUTH_PIXEL_KERNELS === 'javascript') return { kernels: jsKernels, fallbackReason: 'FACEAUTH_PIXEL_KERNELS=javascript' };
  const native = loadNativeKernels();
  return native.kernels ? { kernels: native.kernels, fallbackReason: null } : { kernels: jsKernels, fallbackReason: native.reason };
}

const chosen = choose();
export const pixelKernels: PixelKernels = chosen.kernels;
/** Why the JavaScript kernels run (logged once at start-up), or null when the native ones do. */
export const pixelKernelsFallbackReason: string | null = chosen.fallbackReason;
