import { jsKernels } from './pixel-kernels-js';
import { loadNativeKernels } from './pixel-kernels-native';
import { PixelKernels } from './pixel-kernels.types';

export * from './pixel-kernels.types';
export { loadNativeKernels, NATIVE_KERNELS_PATH } from './pixel-kernels-native';

/** Which kernels config `inference.pixelKernels` (INFERENCE_PIXEL_KERNELS) asks for. */
export type PixelKernelsChoice = 'native' | 'javascript';

const native = loadNativeKernels();

/**
 * The kernels a choice gets: the native ones (the same output to the bit, faster: docs/performance.md) when
 * asked for and built, else the JavaScript ones, with the reason (null when the choice is met).
 */
export function pixelKernelsFor(choice: PixelKernelsChoice): { kernels: PixelKernels; fallbackReason: string | null } {
  if (choice === 'javascript') return { kernels: jsKernels, fallbackReason: null };
  return native.kernels ? { kernels: native.kernels, fallbackReason: null } : { kernels: jsKernels, fallbackReason: native.reason };
}

let current: PixelKernels = pixelKernelsFor('native').kernels;

/** The kernels this thread's resizes and warps run (the native ones unless an engine selected otherwise). */
export function currentPixelKernels(): PixelKernels {
  return current;
}

/** Sets this thread's kernels (each engine does, from its config); returns why the native ones were asked for and do not run, or null. */
export function selectPixelKernels(choice: PixelKernelsChoice): string | null {
  const chosen = pixelKernelsFor(choice);
  current = chosen.kernels;
  return chosen.fallbackReason;
}
