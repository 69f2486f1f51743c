import { Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Piscina } from 'piscina';
import { currentRequestId, outsideRequest, REQUEST_ID_FIELD, reviveError, ServiceUnavailableError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { AdmissionGate } from '../admission';
import { DetectOptions, ExtractOptions, InferenceLoad, InferenceService, InferenceTicket } from '../inference.service';
import { InferenceObserver } from '../inference-observer';
import { Face, FacePolicy, FaceTemplate } from '../inference.types';
import { JobStats } from '../job-stats';
import { InferenceOutcome, InferenceTask, TASK_CANCELLED, TASK_QUEUED, WorkerEvent } from './inference-task';

const WORKER_FILE = join(__dirname, `inference.worker${extname(__filename)}`);
// Under ts-node or jest the worker is TypeScript too: it needs the same loader and path aliases.
const WORKER_EXEC_ARGV = extname(__filename) === '.ts' ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : [];
/**
 * Piscina's own queue bound, a safety net above the tickets: a request holds one ticket but may send several
 * photos (enroll 3, match 2, a login attempt a few frames).
 */
const PHOTOS_PER_REQUEST = 4;
const QUEUE_FULL = 'Task queue is at limit';

type Done = Extract<InferenceOutcome, { status: 'done' }>;

interface PendingTask {
  /** Drops the photo if it has not started (no effect once it runs). */
  cancel(reason: unknown): void;
  settled: Promise<InferenceOutcome>;
}

/**
 * The InferenceService the application uses: a piscina pool of `inference.concurrency` worker threads, each
 * with its own OnnxInferenceService, so the models run off the event loop. Requests are bounded by tickets
 * (`admit`, `inference.maxQueue`); photos wait in piscina's FIFO queue for a free thread.
 */
@Injectable()
export class PooledInferenceService extends InferenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('InferenceService');
  private readonly stats: JobStats;
  private readonly admission: AdmissionGate;
  private pool: Piscina<InferenceTask, InferenceOutcome> | null = null;
  /** Photos handed to the pool and not yet settled. */
  private readonly tasks = new Set<PendingTask>();
  private loaded = false;

  constructor(
    config: AppConfig,
    @Optional() private readonly observer?: InferenceObserver,
  ) {
    super(config);
    this.stats = new JobStats(config.inference.concurrency);
    this.admission = new AdmissionGate(config.inference.maxQueue, this.stats);
  }

  get modelsLoaded(): boolean {
    return this.pool !== null && this.loaded;
  }

  get load(): InferenceLoad {
    return {
      admitted: this.admission.admitted,
      maxQueue: this.admission.limit,
      queued: this.pool?.queueSize ?? 0,
      workers: this.stats.workers,
      utilization: this.stats.utilization,
    };
  }

  admit(): InferenceTicket {
    return this.admission.admit();
  }

  /** Starts the threads and waits until each has loaded its models (or one failed to). */
  async onModuleInit(): Promise<void> {
    if (!this.config.inference.loadModels) return;
    const threads = this.config.inference.concurrency;
    const pool = new Piscina<InferenceTask, InferenceOutcome>({
      filename: WORKER_FILE,
      execArgv: WORKER_EXEC_ARGV,
      workerData: { config: this.config },
      minThreads: threads,
      maxThreads: threads,
      // Threads hold loaded models: never let one go idle-timeout and reload them.
      idleTimeout: Infinity,
      maxQueue: this.config.inference.maxQueue * PHOTOS_PER_REQUEST,
    });
    const ready = firstReports(pool, threads);
    pool.on('message', (event: WorkerEvent) => this.onWorkerEvent(event));
    // Without a listener, an 'error' event (a thread failing outside a task) would throw on this thread.
    pool.on('error', (error: Error) => this.logger.error(`inference worker failed: ${error.stack ?? error.message}`));
    this.pool = pool;
    this.loaded = await ready;
    // Once for the pool: each thread loads the same files (their own lines are at debug level).
    if (this.loaded) this.logger.log({ msg: 'Face models loaded', dir: this.config.inference.modelsDir, workers: threads });
    if (!this.loaded) {
      // Idle threads without models are of no use; none is respawned (piscina only replaces threads that exit).
      this.pool = null;
      await pool.destroy();
      this.logger.error('Face models could not be loaded in the inference workers; face routes answer 503 until a restart.');
    }
  }

  /**
   * Photos still waiting are dropped (their callers get 503), photos already running finish: a thread stopped
   * inside an ONNX run aborts the whole process with a native error. Then piscina destroys the threads.
   */
  async onModuleDestroy(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (!pool) return;
    const shuttingDown = new ServiceUnavailableError('The server is shutting down');
    for (const task of this.tasks) task.cancel(shuttingDown);
    await Promise.allSettled([...this.tasks].map((task) => task.settled));
    await pool.destroy();
  }

  async detect(image: Buffer, options: DetectOptions = {}): Promise<Face[]> {
    return (await this.run({ op: 'detect' }, image, options.signal)).faces!;
  }

  async extractTemplate(image: Buffer, policy: FacePolicy, options: ExtractOptions = {}): Promise<FaceTemplate> {
    const result = await this.run({ op: 'extract', policy, liveness: options.liveness ?? false, earlyMatch: options.earlyMatch, mirrorPassMaxYawDeg: options.mirrorPassMaxYawDeg }, image, options.signal);
    if (options.timings) Object.assign(options.timings, result.timings);
    return result.template!;
  }

  private async run(request: DistributiveOmit<InferenceTask, 'image' | 'state'>, image: Buffer, signal?: AbortSignal): Promise<Done> {
    const pool = this.pool;
    if (!pool || !this.loaded) throw new ServiceUnavailableError('Face models are not loaded');
    signal?.throwIfAborted();
    // A private copy of just the photo's bytes is transferred, not cloned: the caller's buffer stays usable,
    // and a Buffer that is a slice of a larger allocation does not send the whole allocation along.
    const bytes = new Uint8Array(image);
    const state = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const dequeue = new AbortController();
    // Only a photo that has not started is dropped; one that runs finishes (see TASK_QUEUED).
    const cancel = (reason: unknown) => {
      if (Atomics.compareExchange(state, 0, TASK_QUEUED, TASK_CANCELLED) === TASK_QUEUED) dequeue.abort(reason);
    };
    const onAbort = () => cancel(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const handedOver = performance.now();
    // The request id (read off the request's logger) travels with the photo: the worker's lines about it carry it.
    const settled = pool.run({ ...request, image: bytes, state, requestId: currentRequestId() }, { transferList: [bytes.buffer], signal: dequeue.signal });
    const task: PendingTask = { cancel, settled };
    this.tasks.add(task);
    let outcome: InferenceOutcome;
    try {
      outcome = await settled;
    } catch (error) {
      if (dequeue.signal.aborted) throw dequeue.signal.reason;
      if (error?.message === QUEUE_FULL) throw this.admission.busyError();
      // A thread that died under the photo: a 500, with what happened as cause.
      throw new Error(`inference worker failed: ${error?.message}`, { cause: error });
    } finally {
      this.tasks.delete(task);
      signal?.removeEventListener('abort', onAbort);
    }
    if (outcome.status === 'cancelled') throw dequeue.signal.reason;
    this.stats.record(outcome.ms);
    this.observer?.observePhoto(outcome.ms, Math.max(0, performance.now() - handedOver - outcome.ms));
    if (outcome.status === 'done') {
      this.observer?.observeStages(outcome.timings);
      if (outcome.template) this.observer?.observeTemplate(outcome.template.mirrorPass);
    }
    if (outcome.status === 'failed') throw reviveError(outcome.error, 'inference worker');
    return outcome;
  }

  private onWorkerEvent(event: WorkerEvent): void {
    if (event.type === 'log') {
      // The line names its job's request itself: written by the root logger, whatever context this event fires in.
      const fields = event.requestId ? { ...event.fields, [REQUEST_ID_FIELD]: event.requestId } : event.fields;
      outsideRequest(() => Logger[event.level](fields, event.context ?? 'InferenceWorker'));
    } else if (!event.loaded && this.loaded) {
      // A replacement thread found no usable models: the files changed under the running server.
      this.loaded = false;
      this.logger.error('A replacement inference worker could not load the face models; face routes answer 503 until a restart.');
    }
  }
}

type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

/** True once each of the first `threads` workers reported its models loaded; false as soon as one did not, or failed. */
function firstReports(pool: Piscina, threads: number): Promise<boolean> {
  return new Promise((resolve) => {
    let reported = 0;
    const onMessage = (event: WorkerEvent) => {
      if (event.type !== 'models') return;
      if (!event.loaded) done(false);
      else if (++reported === threads) done(true);
    };
    const onError = () => done(false);
    const done = (loaded: boolean) => {
      pool.off('message', onMessage);
      pool.off('error', onError);
      resolve(loaded);
    };
    pool.on('message', onMessage);
    pool.on('error', onError);
  });
}
