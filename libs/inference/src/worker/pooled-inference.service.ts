import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ServiceUnavailableError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { ExtractOptions, InferenceService, InferenceTicket } from '../inference.service';
import { Face, FacePolicy, FaceTemplate } from '../inference.types';
import { InferencePool } from './inference-pool';

/**
 * The InferenceService the application uses: the models run on `inference.concurrency` worker threads, each
 * with its own OnnxInferenceService, instead of on the event loop (onnxruntime-node's `run` is synchronous on
 * the calling thread).
 */
@Injectable()
export class PooledInferenceService extends InferenceService implements OnModuleInit, OnModuleDestroy {
  private readonly pool: InferencePool;

  constructor(config: AppConfig) {
    super(config);
    this.pool = new InferencePool(config, config.inference.concurrency);
  }

  admit(): InferenceTicket {
    return { release: () => undefined };
  }

  get modelsLoaded(): boolean {
    return this.pool.modelsLoaded;
  }

  async onModuleInit(): Promise<void> {
    await this.pool.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.close();
  }

  async detect(image: Buffer): Promise<Face[]> {
    this.requireModels();
    return (await this.pool.run({ op: 'detect', image })).faces!;
  }

  async extractTemplate(image: Buffer, policy: FacePolicy, options: ExtractOptions = {}): Promise<FaceTemplate> {
    this.requireModels();
    const result = await this.pool.run({ op: 'extract', image, policy, liveness: options.liveness ?? false });
    if (options.timings) Object.assign(options.timings, result.timings);
    return result.template!;
  }

  private requireModels(): void {
    if (!this.pool.modelsLoaded) throw new ServiceUnavailableError('Face models are not loaded');
  }
}
