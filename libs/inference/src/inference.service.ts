import { ModelsHealth } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { compareEmbeddings } from './distance';
import { EarlyMatch } from './early-match';
import { Comparison, Face, FacePolicy, FaceTemplate } from './inference.types';

/** Milliseconds per pipeline stage; `*Model` entries are the bare ONNX runs inside the stage. */
export type StageTimings = Partial<Record<
  'decode' | 'detect' | 'landmarks' | 'align' | 'embed' | 'liveness' | 'detectModel' | 'landmarksModel' | 'embedModel' | 'livenessModel',
  number
>>;

export interface DetectOptions {
  /**
   * The client hung up: a photo still waiting for a thread is dropped and the call rejects with the signal's
   * reason. A photo already running finishes first (stopping a thread inside an ONNX run aborts the process).
   */
  signal?: AbortSignal;
}

export interface ExtractOptions extends DetectOptions {
  /** Also run the anti-spoof model (informational score). */
  liveness?: boolean;
  /** When given, filled with the time of each stage (benchmarks). */
  timings?: StageTimings;
  /** Skip the mirror passes when the first recogniser pass alone is this close to a user's template (see EarlyMatch). */
  earlyMatch?: EarlyMatch;
  /**
   * Skip the mirror passes (and the plausibility check that reads them) when the head is turned more than this
   * many degrees of yaw (headPose of the 68 points): an active-liveness frame that turned cannot be the frontal
   * frame the login is matched on; its template only has to resemble that frame's (same_person).
   */
  mirrorPassMaxYawDeg?: number;
}

/** A place for one request in the inference queue, taken before its upload is read, released when its response ends. */
export interface InferenceTicket {
  /** Frees the place; calling it again does nothing. */
  release(): void;
}

/** How loaded the engine is (for metrics). */
export interface InferenceLoad {
  /** Requests holding a ticket, and the most that may. */
  admitted: number;
  maxQueue: number;
  /** Photos waiting for a free thread. */
  queued: number;
  workers: number;
  /** Share of the workers' time spent on photos since start, 0..1. */
  utilization: number;
}

/**
 * What the application asks of the face engine (the injection token). Two implementations: the application
 * gets PooledInferenceService (the models on worker threads, off the event loop); OnnxInferenceService runs
 * them on the calling thread (inside each worker, and in benchmarks, evaluations and tests).
 */
export abstract class InferenceService implements ModelsHealth {
  constructor(protected readonly config: AppConfig) {}

  abstract get modelsLoaded(): boolean;

  abstract get load(): InferenceLoad;

  /** Throws InferenceBusyError (503 SERVICE_UNAVAILABLE with Retry-After) when maxQueue requests already hold a ticket. */
  abstract admit(): InferenceTicket;

  /** Every face of the photo with its landmarks, largest first, in pixels of the (EXIF-rotated) original. */
  abstract detect(image: Buffer, options?: DetectOptions): Promise<Face[]>;

  /**
   * The face template of the photo's face. policy 'single' refuses several faces (MultipleFacesError);
   * 'largest' takes the biggest and reports how many there were in `faces`.
   */
  abstract extractTemplate(image: Buffer, policy: FacePolicy, options?: ExtractOptions): Promise<FaceTemplate>;

  /** Calibrated distance and confidence of two templates: a few hundred multiplications, on any thread. */
  compare(a: Float32Array, b: Float32Array): Comparison {
    return compareEmbeddings(a, b, this.config.calibration);
  }
}
