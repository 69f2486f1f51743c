import { loadConfig } from '@faceauth/config';
import { EarlyMatch, OnnxInferenceService, PixelKernelsChoice, selectPixelKernels, StageTimings } from '@faceauth/inference';
import { quantile, round } from '../../bench/bench-support';
import { ownEarlyMatch } from './own-early-match';

const median = (values: number[]) => quantile(values, 0.5);

/** Median whole-path and around-the-models ms of `runs` templates of `image` (no anti-spoof model). */
async function block(service: OnnxInferenceService, image: Buffer, runs: number, earlyMatch?: EarlyMatch) {
  const [total, overhead] = [[] as number[], [] as number[]];
  for (let i = 0; i < runs; i++) {
    const timings: StageTimings = {};
    const start = performance.now();
    await service.extractTemplate(image, 'largest', { earlyMatch, timings });
    const ms = performance.now() - start;
    total.push(ms);
    overhead.push(ms - (timings.detectModel ?? 0) - (timings.landmarksModel ?? 0) - (timings.embedModel ?? 0));
  }
  return { total: median(total), overhead: median(overhead) };
}

/**
 * The native pixel kernels against the JavaScript ones on the same photo, in alternating rounds on this thread
 * (selectPixelKernels): the full path and the early path (a clear match). Per path: each kernel's median of its
 * rounds' medians (whole path, and the work around the models), and the median of the per-round ratios
 * native / javascript. The outputs are the same to the bit (pixel-kernels.spec.ts), so only the time can differ.
 */
export async function compareKernels(service: OnnxInferenceService, image: Buffer, rounds = 8, runs = 20) {
  const earlyMatch = await ownEarlyMatch(service, image, loadConfig());
  const choices: PixelKernelsChoice[] = ['native', 'javascript'];
  const paths = { full: undefined, early: earlyMatch } as const;
  const samples: Record<string, Record<PixelKernelsChoice, Array<{ total: number; overhead: number }>>> = { full: { native: [], javascript: [] }, early: { native: [], javascript: [] } };
  try {
    for (const choice of choices) {
      selectPixelKernels(choice);
      await block(service, image, 5); // warm-up
    }
    for (let r = 0; r < rounds; r++) {
      // Alternate which kernel goes first, so neither always follows the other.
      for (const choice of r % 2 ? [...choices].reverse() : choices) {
        selectPixelKernels(choice);
        for (const [path, early] of Object.entries(paths)) samples[path][choice].push(await block(service, image, runs, early));
      }
    }
  } finally {
    selectPixelKernels(loadConfig().inference.pixelKernels);
  }
  return Object.fromEntries(
    Object.entries(samples).map(([path, byChoice]) => {
      const of = (choice: PixelKernelsChoice, key: 'total' | 'overhead') => round(median(byChoice[choice].map((s) => s[key])), 3);
      const ratios = (key: 'total' | 'overhead') => byChoice.native.map((s, i) => s[key] / byChoice.javascript[i][key]);
      return [path, {
        native_ms: of('native', 'total'), javascript_ms: of('javascript', 'total'),
        native_overhead_ms: of('native', 'overhead'), javascript_overhead_ms: of('javascript', 'overhead'),
        total_ratio: round(median(ratios('total')), 3), overhead_ratio: round(median(ratios('overhead')), 3),
        total_ratio_by_round: ratios('total').map((x) => round(x, 3)),
      }];
    }),
  );
}
