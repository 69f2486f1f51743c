import { Injectable } from '@nestjs/common';
import { ServiceUnavailableError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { ExtractOptions, InferenceService } from '../inference.service';
import { Face, FacePolicy, FaceTemplate } from '../inference.types';
import { InferencePool } from './inference-pool';

/**
 * The InferenceService the application uses: the same API, with the models run on `inference.concurrency`
 * worker threads instead of the event loop (onnxruntime-node's `run` is synchronous on the calling thread).
 * `compare` stays here: it is a few hundred multiplications.
 */
@Injectable()
export class PooledInferenceService extends InferenceService {
  private readonly pool: InferencePool;

  constructor(config: AppConfig) {
    super(config);
    this.pool = new InferencePool(config, config.inference.concurrency);
  }

  override get modelsLoaded(): boolean {
    return this.pool.modelsLoaded;
  }

  override async onModuleInit(): Promise<void> {
    await this.pool.start();
  }

  override async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  override async detect(image: Buffer): Promise<Face[]> {
    this.requireModels();
    return (await this.pool.run({ op: 'detect', image })).faces!;
  }

  override async extractTemplate(image: Buffer, policy: FacePolicy, options: ExtractOptions = {}): Promise<FaceTemplate> {
    this.requireModels();
    const result = await this.pool.run({ op: 'extract', image, policy, liveness: options.liveness ?? false });
    if (options.timings) Object.assign(options.timings, result.timings);
    return result.template!;
  }

  private requireModels(): void {
    if (!this.pool.modelsLoaded) throw new ServiceUnavailableError('Face models are not loaded');
  }
}
