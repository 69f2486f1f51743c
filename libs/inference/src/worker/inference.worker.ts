/**
 * One inference worker thread: its own OnnxInferenceService (its own ONNX sessions) serving one photo at a time.
 * onnxruntime-node runs a session synchronously on the calling thread, so the sessions live here and the
 * main thread's event loop only passes messages.
 */
import 'reflect-metadata';
import { Logger, LoggerService } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '@faceauth/common';
import type { AppConfig } from '@faceauth/config';
import { StageTimings } from '../inference.service';
import { OnnxInferenceService } from '../onnx-inference.service';
import type { SerializedError, WorkerMessage, WorkerRequest } from './inference-worker.protocol';

const port = parentPort!;
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const text = (message: unknown) => (typeof message === 'string' ? message : JSON.stringify(message));

/** The service's log lines go to the main thread, which writes them with the application's logger. */
const forwardingLogger: LoggerService = {
  log: (message) => post({ type: 'log', level: 'log', message: text(message) }),
  warn: (message) => post({ type: 'log', level: 'warn', message: text(message) }),
  error: (message) => post({ type: 'log', level: 'error', message: text(message) }),
};
Logger.overrideLogger(forwardingLogger);

function serialize(error: unknown): SerializedError {
  if (error instanceof DomainError) return { name: error.name, message: error.message, stack: error.stack, code: error.code, details: error.details };
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

const config = workerData.config as AppConfig;
// This thread runs one photo at a time; the pool decides how many threads there are.
const service = new OnnxInferenceService({ ...config, inference: { ...config.inference, concurrency: 1 } } as AppConfig);

async function handle(request: WorkerRequest): Promise<void> {
  const image = Buffer.from(request.image.buffer, request.image.byteOffset, request.image.byteLength);
  try {
    if (request.op === 'detect') {
      post({ type: 'result', id: request.id, faces: await service.detect(image) });
      return;
    }
    const timings: StageTimings = {};
    const template = await service.extractTemplate(image, request.policy, { liveness: request.liveness, timings });
    post({ type: 'result', id: request.id, template, timings }, [template.embedding.buffer as ArrayBuffer]);
  } catch (error) {
    post({ type: 'error', id: request.id, error: serialize(error) });
  }
}

port.on('message', (request: WorkerRequest) => void handle(request));
void service.onModuleInit().then(() => post({ type: 'ready', modelsLoaded: service.modelsLoaded }));
