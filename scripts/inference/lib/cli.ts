import 'reflect-metadata';
import { AppConfig, loadConfig, projectRoot } from '@faceauth/config';
import { OnnxInferenceService } from '@faceauth/inference';
import { join } from 'node:path';

export function defaultDataDir(): string {
  return process.env.FACEAUTH_DATASETS ?? join(projectRoot(), '..', 'shared', 'datasets');
}


/**
 * A started InferenceService (exits when the models cannot be loaded) and the configuration. The engine runs
 * with a minimum eye distance of 1 px: evaluations apply the configured minimum themselves (see Rule).
 */
export async function startService(overrides: Record<string, any> = {}, ungated = false): Promise<{ service: OnnxInferenceService; config: AppConfig }> {
  const config = loadConfig(process.env, overrides);
  const engineConfig = ungated ? loadConfig(process.env, { ...overrides, inference: { ...overrides.inference, minEyeDistancePx: 1 } }) : config;
  const service = new OnnxInferenceService(engineConfig);
  await service.onModuleInit();
  if (!service.modelsLoaded) {
    console.error('models not loaded: run `npm run models` first');
    process.exit(1);
  }
  return { service, config };
}

/** `name=N,name=N` -> { name: N }. */
export function parseSlices(value: string | undefined): Record<string, number> | undefined {
  if (!value) return undefined;
  return Object.fromEntries(value.split(',').map((part) => {
    const [name, n] = part.split('=');
    return [name, Number(n)];
  }));
}
