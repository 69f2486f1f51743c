import * as ort from 'onnxruntime-node';

/** How a benchmark opens a session; the defaults are the engine's own (one thread, every graph optimisation). */
export interface ModelRunOptions {
  intraOpNumThreads?: number;
  graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  executionMode?: 'sequential' | 'parallel';
  enableCpuMemArena?: boolean;
  enableMemPattern?: boolean;
  /** Session config entries, e.g. `session.intra_op.allow_spinning`. */
  extra?: Record<string, string>;
  /** Where onnxruntime writes the graph as optimised (to check which kernels a model ends up with). */
  optimizedModelFilePath?: string;
}

/**
 * A model held open for benchmarks and model tools (graph MAC counts, the core's peak, session option sweeps,
 * quantization ranges): float inputs of the given shapes, zero-filled unless a run gives them, runs on the
 * calling thread. The engine itself does not use this.
 */
export class ModelRunner {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly feeds: Record<string, ort.Tensor>,
  ) {}

  static async open(model: Uint8Array, inputs: Record<string, readonly number[]>, options: ModelRunOptions = {}): Promise<ModelRunner> {
    const session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: options.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
      executionMode: options.executionMode ?? 'sequential',
      enableCpuMemArena: options.enableCpuMemArena ?? true,
      enableMemPattern: options.enableMemPattern ?? true,
      logSeverityLevel: 3,
      ...(options.optimizedModelFilePath ? { optimizedModelFilePath: options.optimizedModelFilePath } : {}),
      // onnxruntime-node takes config entries flat, each key as ort's C API names it.
      ...(options.extra ? { extra: options.extra } : {}),
    });
    const feeds = Object.fromEntries(
      Object.entries(inputs).map(([name, dims]) => [name, new ort.Tensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)), dims as number[])]),
    );
    return new ModelRunner(session, feeds);
  }

  /** One run: the dims of every output. */
  async outputShapes(): Promise<Record<string, number[]>> {
    const out = await this.session.run(this.feeds);
    return Object.fromEntries(Object.entries(out).map(([name, tensor]) => [name, [...tensor.dims]]));
  }

  /** One run on the given float inputs (the zero inputs where one is not given): every output's data and dims. */
  async run(inputs: Record<string, Float32Array> = {}): Promise<Record<string, { data: Float32Array; dims: number[] }>> {
    const feeds = { ...this.feeds };
    for (const [name, data] of Object.entries(inputs)) feeds[name] = new ort.Tensor('float32', data, this.feeds[name].dims);
    const out = await this.session.run(feeds);
    return Object.fromEntries(Object.entries(out).map(([name, tensor]) => [name, { data: tensor.data as Float32Array, dims: [...tensor.dims] }]));
  }

  /** Milliseconds of each of `iterations` runs. */
  async time(iterations: number): Promise<number[]> {
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      await this.session.run(this.feeds);
      times.push(performance.now() - start);
    }
    return times;
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
