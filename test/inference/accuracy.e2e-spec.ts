import { loadConfig } from '@faceauth/config';
import { OnnxInferenceService } from '@faceauth/inference';
import { DATASETS } from '../factories/datasets';
import { evaluate, EvalResult, formatTable, ruleOf } from '../../scripts/inference/lib/evaluate';

/**
 * Accuracy regression check: the eval on bbt_faceapi and fixed slices (first identities, sorted) of
 * lfw_gray_crops and celeba_dev, ~800 photos, well under two minutes on two cores. The floors sit a little
 * under what the engine measured on these slices (docs/accuracy.md has the full-set figures).
 */
const FLOORS = {
  bbt_faceapi: { eer: 0.02, tar: { '1e-2': 0.97, '1e-3': 0.95 } },
  lfw_gray_crops: { eer: 0.03, tar: { '1e-2': 0.96, '1e-3': 0.94 } },
  celeba_dev: { eer: 0.065, tar: { '1e-2': 0.92, '1e-3': 0.9 } },
} as const;

describe('Accuracy regression (eval on dev slices)', () => {
  let result: EvalResult;

  beforeAll(async () => {
    const config = loadConfig();
    // The engine embeds faces of any size; the eval applies the configured minimum itself (Rule).
    const service = new OnnxInferenceService(loadConfig(process.env, { inference: { minEyeDistancePx: 1 } }));
    await service.onModuleInit();
    try {
      result = await evaluate(service, ruleOf(config), {
        dataDir: DATASETS,
        only: ['bbt_faceapi', 'lfw_gray_crops', 'celeba_dev', 'noface'],
        maxIdentities: { lfw_gray_crops: 250, celeba_dev: 30 },
        parallel: 2,
      });
    } finally {
      await service.onModuleDestroy();
    }
    console.log(formatTable(result));
  }, 240_000);

  it.each(Object.keys(FLOORS) as Array<keyof typeof FLOORS>)('holds the EER and TAR@FAR floors on %s', (name) => {
    const report = result.datasets[name];
    const floor = FLOORS[name];
    expect(report.eer).toBeLessThanOrEqual(floor.eer);
    for (const [far, tar] of Object.entries(floor.tar)) expect(report.tar_at_far[far as '1e-2']).toBeGreaterThanOrEqual(tar);
  });

  it('keeps the calibrated rule near FAR 1e-4 and still accepting most genuine pairs', () => {
    for (const report of Object.values(result.datasets)) {
      // A slice is a few 10k impostor pairs: allow sampling noise around the pooled 1e-4, catch a broken calibration.
      expect(report.far_at_threshold).toBeLessThanOrEqual(5e-4);
      expect(report.tar_at_threshold).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('finds no face in the no-face images', () => {
    expect(result.noface.images).toBeGreaterThanOrEqual(5);
    expect(result.noface.false_faces).toBe(0);
  });
});
