import type { ErrorDetails } from '@faceauth/common';
import type { StageTimings } from '../inference.service';
import type { Face, FacePolicy, FaceTemplate } from '../inference.types';

/** Main thread -> worker. */
export type WorkerRequest =
  | { id: number; op: 'detect'; image: Uint8Array }
  | { id: number; op: 'extract'; image: Uint8Array; policy: FacePolicy; liveness: boolean };

/** An error as it crosses the thread boundary: contract errors keep their code and details. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  details?: ErrorDetails;
}

/** Worker -> main thread. */
export type WorkerMessage =
  | { type: 'ready'; modelsLoaded: boolean }
  | { type: 'log'; level: 'log' | 'warn' | 'error'; message: string }
  | { type: 'result'; id: number; faces?: Face[]; template?: FaceTemplate; timings?: StageTimings }
  | { type: 'error'; id: number; error: SerializedError };
