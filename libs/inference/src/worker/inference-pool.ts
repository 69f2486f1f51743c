import { Logger } from '@nestjs/common';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DomainError } from '@faceauth/common';
import type { ErrorCode } from '@faceauth/common';
import type { AppConfig } from '@faceauth/config';
import type { SerializedError, WorkerMessage, WorkerRequest } from './inference-worker.protocol';

type Job = { request: DistributiveOmit<WorkerRequest, 'id'>; resolve: (message: ResultMessage) => void; reject: (error: Error) => void };
type ResultMessage = Extract<WorkerMessage, { type: 'result' }>;
type DistributiveOmit<T, K extends keyof never> = T extends unknown ? Omit<T, K> : never;

interface Slot {
  worker: Worker;
  ready: boolean;
  modelsLoaded: boolean;
  /** The job this thread is running, if any: one at a time. */
  busy: { id: number; job: Job } | null;
}

/** A worker error back on this thread: contract errors keep their class of answer (code, details). */
export function deserializeError(error: SerializedError): Error {
  const revived = error.code ? new DomainError(error.code as ErrorCode, error.message, error.details) : new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

const WORKER_FILE = join(__dirname, `inference.worker${extname(__filename)}`);
// Under ts-node or jest the worker is TypeScript too: it needs the same loader and path aliases.
const WORKER_EXEC_ARGV = extname(__filename) === '.ts' ? ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'] : [];

/**
 * `size` worker threads, each with its own ONNX sessions, fed from one FIFO queue: at most `size` photos are
 * decoded and run at once, a burst waits in the queue, and the event loop only passes messages.
 * A thread that dies fails its job (500) and is replaced.
 */
export class InferencePool {
  private readonly logger = new Logger('InferenceService');
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly config: AppConfig,
    readonly size: number,
  ) {}

  /** Starts every thread and waits until each has loaded (or failed to load) its models. */
  async start(): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.spawn()));
  }

  get modelsLoaded(): boolean {
    return this.slots.length === this.size && this.slots.every((slot) => slot.ready && slot.modelsLoaded);
  }

  /** Photos waiting for a free thread. */
  get pending(): number {
    return this.queue.length;
  }

  run(request: DistributiveOmit<WorkerRequest, 'id'>): Promise<ResultMessage> {
    if (this.closed) return Promise.reject(new Error('inference pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('inference pool is closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private spawn(): Promise<void> {
    const worker = new Worker(WORKER_FILE, { workerData: { config: this.config }, execArgv: WORKER_EXEC_ARGV });
    const slot: Slot = { worker, ready: false, modelsLoaded: false, busy: null };
    this.slots.push(slot);
    return new Promise((resolve) => {
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          Object.assign(slot, { ready: true, modelsLoaded: message.modelsLoaded });
          resolve();
          this.dispatch();
        } else if (message.type === 'log') {
          this.logger[message.level](message.message);
        } else {
          this.settle(slot, message);
        }
      });
      worker.on('error', (error) => this.logger.error(`inference worker failed: ${error.message}`));
      worker.on('exit', (code) => {
        resolve();
        this.replace(slot, code);
      });
    });
  }

  private settle(slot: Slot, message: Exclude<WorkerMessage, { type: 'ready' | 'log' }>): void {
    const busy = slot.busy;
    if (!busy || busy.id !== message.id) return;
    slot.busy = null;
    if (message.type === 'result') busy.job.resolve(message);
    else busy.job.reject(deserializeError(message.error));
    this.dispatch();
  }

  private replace(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    slot.busy?.job.reject(new Error(`inference worker exited with code ${code}`));
    if (this.closed) return;
    this.logger.error(`inference worker exited with code ${code}; starting a new one`);
    void this.spawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.busy) continue;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      slot.busy = { id, job };
      // A private copy of the photo is handed over (transferred), so the caller's buffer stays usable.
      const image = new Uint8Array(job.request.image);
      slot.worker.postMessage({ ...job.request, id, image }, [image.buffer]);
    }
  }
}
