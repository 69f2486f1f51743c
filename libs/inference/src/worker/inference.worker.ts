/**
 * The piscina worker: its own OnnxInferenceService (its own ONNX sessions) serving one photo at a time.
 * onnxruntime-node runs a session synchronously on the calling thread, so the sessions live here and the
 * main thread's event loop only passes messages.
 */
import 'reflect-metadata';
import { Logger, LoggerService } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import { serializeError } from '@faceauth/common';
import type { AppConfig } from '@faceauth/config';
import type { StageTimings } from '../inference.service';
import { OnnxInferenceService } from '../onnx-inference.service';
import { InferenceOutcome, InferenceTask, TASK_QUEUED, TASK_RUNNING, WorkerEvent } from './inference-task';

const post = (event: WorkerEvent) => parentPort!.postMessage(event);
const text = (message: unknown) => (typeof message === 'string' ? message : JSON.stringify(message));

/** The service's log lines go to the main thread, which writes them with the application's logger. */
const forwardingLogger: LoggerService = {
  log: (message) => post({ type: 'log', level: 'log', message: text(message) }),
  warn: (message) => post({ type: 'log', level: 'warn', message: text(message) }),
  error: (message) => post({ type: 'log', level: 'error', message: text(message) }),
};
Logger.overrideLogger(forwardingLogger);

const config = workerData.config as AppConfig;
// This thread runs one photo at a time; the pool decides how many threads there are.
const service = new OnnxInferenceService({ ...config, inference: { ...config.inference, concurrency: 1 } });

async function handle(task: InferenceTask): Promise<InferenceOutcome> {
  if (Atomics.compareExchange(task.state, 0, TASK_QUEUED, TASK_RUNNING) !== TASK_QUEUED) return { status: 'cancelled' };
  const start = performance.now();
  const image = Buffer.from(task.image.buffer, task.image.byteOffset, task.image.byteLength);
  const timings: StageTimings = {};
  try {
    if (task.op === 'detect') return { status: 'done', faces: await service.detect(image), timings, ms: performance.now() - start };
    const template = await service.extractTemplate(image, task.policy, { liveness: task.liveness, timings });
    return { status: 'done', template, timings, ms: performance.now() - start };
  } catch (error) {
    return { status: 'failed', error: serializeError(error), ms: performance.now() - start };
  }
}

/**
 * Piscina marks the thread ready once this resolves: after the models are loaded (or failed to load: the
 * thread stays up and says so, so that it is not respawned over and over).
 */
export default service.onModuleInit().then(() => {
  post({ type: 'models', loaded: service.modelsLoaded });
  return handle;
});
