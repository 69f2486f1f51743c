import type { SerializedError } from '@faceauth/common';
import type { EarlyMatch } from '../early-match';
import type { StageTimings } from '../inference.service';
import type { Face, FacePolicy, FaceTemplate } from '../inference.types';

/**
 * A task's state, shared by the main thread and the worker (one Int32 of a SharedArrayBuffer): whoever moves
 * it out of QUEUED first decides whether the photo runs or is dropped, so a client that hangs up never stops
 * a thread in the middle of an ONNX run.
 */
export const TASK_QUEUED = 0;
export const TASK_RUNNING = 1;
export const TASK_CANCELLED = 2;

interface TaskBase {
  /** The photo's bytes, transferred to the worker. */
  image: Uint8Array;
  state: Int32Array;
  /** The id of the request the photo came with: every line the worker logs for it carries it. */
  requestId?: string;
}

/** Main thread -> worker, one photo. */
export type InferenceTask = TaskBase & ({ op: 'detect' } | { op: 'extract'; policy: FacePolicy; liveness: boolean; earlyMatch?: EarlyMatch; mirrorPassMaxYawDeg?: number });

/** Worker -> main thread. Errors come back as values, so that the main thread can revive their class. */
export type InferenceOutcome =
  | { status: 'done'; faces?: Face[]; template?: FaceTemplate; timings: StageTimings; ms: number }
  | { status: 'failed'; error: SerializedError; ms: number }
  | { status: 'cancelled' };

/** The Nest logger methods a worker's lines come in (`log` is info). */
export type WorkerLogLevel = 'debug' | 'log' | 'warn' | 'error';

/** What a worker posts outside its tasks' results. */
export type WorkerEvent =
  | { type: 'models'; loaded: boolean }
  | { type: 'log'; level: WorkerLogLevel; context?: string; fields: Record<string, unknown>; requestId?: string };
