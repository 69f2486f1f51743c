/**
 * The piscina worker: its own OnnxInferenceService (its own ONNX sessions) serving one photo at a time.
 * onnxruntime-node runs a session synchronously on the calling thread, so the sessions live here and the
 * main thread's event loop only passes messages.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import type { AppConfig } from '@faceauth/config';
import { OnnxInferenceService } from '../onnx-inference.service';
import { WorkerEvent } from './inference-task';
import { TaskRunner } from './task-runner';
import { forwardingLogger } from './worker-logger';

const post = (event: WorkerEvent) => parentPort!.postMessage(event);
const config = workerData.config as AppConfig;

// Every Nest Logger of this thread (the service's too) posts its lines to the main thread, with the job's request id.
Logger.overrideLogger(forwardingLogger(post, config.logLevel));

// This thread runs one photo at a time; the pool decides how many threads there are.
const service = new OnnxInferenceService({ ...config, inference: { ...config.inference, concurrency: 1 } });
const runner = new TaskRunner(service, new Logger('InferenceWorker'));

/**
 * Piscina marks the thread ready once this resolves: after the models are loaded (or failed to load: the
 * thread stays up and says so, so that it is not respawned over and over).
 */
export default service.onModuleInit().then(() => {
  post({ type: 'models', loaded: service.modelsLoaded });
  return (task: Parameters<TaskRunner['run']>[0]) => runner.run(task);
});
