import {
  FaceTooSmallError,
  MultipleFacesError,
  NoFaceError,
  ServiceUnavailableError,
} from '@faceauth/common';
import { AppConfig, projectRoot } from '@faceauth/config';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { alignmentShrink, decodeAt, DecodedImage, detectionShrink, ImageHeader, readHeader } from './decode';
import { cosineSimilarity, l2Normalize, vectorNorm } from './distance';
import { decidesEarly, EarlyMatch } from './early-match';
import { AdmissionGate } from './admission';
import { DetectOptions, ExtractOptions, InferenceLoad, InferenceService, InferenceTicket, StageTimings } from './inference.service';
import { JobStats } from './job-stats';
import { RawImage } from './image';
import { OrientedImage } from './oriented-image';
import { Box, Face, FacePolicy, FaceQuality, FaceTemplate, Point } from './inference.types';
import { faceQuality, landmarkShift } from './quality';
import { implausibleFace } from './face-plausibility';
import { headPose } from './head-pose';
import { eyeDistance, LANDMARK_SIZE, landmarkCrop, landmarksToSource, mirroredLandmarksToSource, recentredCrop, reduce68to5 } from './landmarks';
import { LIVENESS_SIZE, livenessCrop, softmax } from './liveness';
import { nms } from './nms';
import { Scratch, ScratchPool } from './scratch';
import { Semaphore } from './semaphore';
import { ALIGNED_SIZE } from './similarity-transform';
import { alignFace } from './align';
import { selectPixelKernels } from './pixel-kernels';
import { packGrey, packNchw } from './tensor';
import { clipDetection, decodeUltraface, Detection, detectionArea, DETECTOR_HEIGHT, DETECTOR_WIDTH, paddedRegion } from './ultraface';
import { cropToSource } from './warp';

// onnxruntime's process-wide log (applied at the first session): errors only, see logSeverityLevel below.
ort.env.logLevel = 'error';

/** The model file each session loads (models/); the recogniser's is configurable (`inference.recogniserModel`). */
export const MODEL_FILES = {
  detect: 'fr_detect.onnx',
  landmark: 'fr_landmark.denormal-free.onnx',
  feature: 'fr_feature.prelu-free.onnx',
  liveness: 'fr_liveness.onnx',
} as const;
type ModelName = keyof typeof MODEL_FILES;

const NMS_IOU = 0.4;
const EMBEDDING_SIZE = 512;
/**
 * Index of the "live" class of the anti-spoof output (BGR 0..255 input). Read off the three samples of
 * spoof_samples only (live photo 0.94 on class 0, print and screen ~1.0 on class 1): informational, gated on
 * nowhere; see docs/accuracy.md.
 */
const LIVE_CLASS = 0;

/** A detection with its landmarks, in decoded-image pixels. */
interface Located {
  detection: Detection;
  five: Point[];
  points68: Point[];
}

/** The landmark passes on one detection: the second pass's points, its crop and input, how far they moved from the first. */
interface LandmarkPasses {
  five: Point[];
  points68: Point[];
  shift: number;
  crop: Box;
  /** The second pass's 64x64 grey input (the mirror test flips it rather than resizing the crop again). */
  grey: Float32Array;
}

/**
 * The ONNX face engine on the calling thread, the only code that touches onnxruntime: loads the models once,
 * then turns photos into faces and face templates. Each inference worker thread runs one (see
 * worker/); benchmarks, evaluations and tests use it directly. At most `inference.concurrency` images are
 * decoded and run at once; a burst waits in a queue instead of holding every decoded photo in memory.
 */
@Injectable()
export class OnnxInferenceService extends InferenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(OnnxInferenceService.name);
  private readonly gate: Semaphore;
  private readonly stats: JobStats;
  private readonly admission: AdmissionGate;
  private readonly scratch = new ScratchPool();
  private sessions: Record<ModelName, ort.InferenceSession> | null = null;
  private readonly modelFiles: Record<ModelName, string>;
  /** Why this thread runs the JavaScript pixel kernels though the config asks for the native ones (null: it does not). */
  private readonly kernelsFallback: string | null;

  constructor(config: AppConfig) {
    super(config);
    this.gate = new Semaphore(config.inference.concurrency);
    this.stats = new JobStats(config.inference.concurrency);
    this.admission = new AdmissionGate(config.inference.maxQueue, this.stats);
    this.modelFiles = { ...MODEL_FILES, feature: config.inference.recogniserModel };
    this.kernelsFallback = selectPixelKernels(config.inference.pixelKernels);
  }

  get modelsLoaded(): boolean {
    return this.sessions !== null;
  }

  get load(): InferenceLoad {
    return { admitted: this.admission.admitted, maxQueue: this.admission.limit, queued: this.gate.pending, workers: this.gate.limit, utilization: this.stats.utilization };
  }

  admit(): InferenceTicket {
    return this.admission.admit();
  }

  get modelsDir(): string {
    const dir = this.config.inference.modelsDir;
    return isAbsolute(dir) ? dir : join(projectRoot(), dir);
  }

  async onModuleInit(): Promise<void> {
    const dir = this.modelsDir;
    const missing = Object.values(this.modelFiles).filter((file) => !existsSync(join(dir, file)));
    if (missing.length > 0) {
      this.logger.error(`Face models missing in ${dir}: ${missing.join(', ')}. Run \`npm run models\`; face routes answer 503 until then.`);
      return;
    }
    try {
      // logSeverityLevel 3 (errors only): onnxruntime's own warnings are plain text on stderr, outside the JSON log.
      const options = sessionOptions(this.config.inference.session);
      const entries = await Promise.all(
        (Object.keys(this.modelFiles) as ModelName[]).map(async (name) => [name, await ort.InferenceSession.create(join(dir, this.modelFiles[name]), options)] as const),
      );
      const sessions = Object.fromEntries(entries) as Record<ModelName, ort.InferenceSession>;
      await this.warmUp(sessions);
      this.sessions = sessions;
      // Debug: every inference thread loads them; the pool logs it once.
      this.logger.debug(`Face models loaded from ${dir}`);
      if (this.kernelsFallback) this.logger.warn(`Pixel kernels: the JavaScript ones (same results, slower), because ${this.kernelsFallback}; \`npm run build:native\` builds the native ones`);
    } catch (error) {
      // Under jest's default environment every typed array fails ort's instanceof check: say how to fix it.
      const hint = /must be type of function/.test(error.message) ? ' (under jest, use test/support/onnx-environment.js)' : '';
      this.logger.error(`Face models in ${dir} could not be loaded: ${error.message}${hint}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const sessions = this.sessions;
    this.sessions = null;
    if (sessions) await Promise.all(Object.values(sessions).map((s) => s.release()));
  }

  /** Every face of the photo with its landmarks, largest first, in pixels of the (EXIF-rotated) original. */
  async detect(image: Buffer, options: DetectOptions = {}): Promise<Face[]> {
    const sessions = this.requireSessions();
    return this.run(options.signal, async (scratch) => {
      const { decoded } = await this.decodeForDetection(image, scratch);
      const detections = await this.findFaces(sessions, decoded.image, scratch);
      const faces: Face[] = [];
      for (const detection of detections) {
        const { five, points68 } = await this.locate(sessions, decoded.image, detection);
        faces.push(toFace(decoded, { detection, five, points68 }));
      }
      return faces;
    });
  }

  /**
   * The face template of the photo's face. policy 'single' refuses several faces (MultipleFacesError);
   * 'largest' takes the biggest and reports how many there were in `faces`.
   */
  async extractTemplate(image: Buffer, policy: FacePolicy, options: ExtractOptions = {}): Promise<FaceTemplate> {
    const sessions = this.requireSessions();
    const timings = options.timings ?? {};
    return this.run(options.signal, async (scratch) => {
      const first = await timed(timings, 'decode', () => this.decodeForDetection(image, scratch));
      const detections = await timed(timings, 'detect', () => this.findFaces(sessions, first.decoded.image, scratch, timings));
      if (detections.length === 0) throw new NoFaceError();
      if (policy === 'single' && detections.length > 1) throw new MultipleFacesError(detections.length);
      let decoded = first.decoded;
      let detection = detections[0];
      let located = await timed(timings, 'landmarks', () => this.locate(sessions, decoded.image, detection, timings));
      let five = located.five;
      // A big photo was decoded small for detection: decode it again larger if the face is too small there
      // for a sharp aligned crop, and locate the landmarks again at that size.
      const shrink = alignmentShrink(first.header, first.shrink, eyeDistance(five));
      if (shrink < first.shrink) {
        const fine = await timed(timings, 'decode', () => decodeAt(image, first.header, shrink, this.config.uploads.maxPixels));
        detection = scaleDetection(detection, decoded.scale / fine.scale);
        decoded = fine;
        located = await timed(timings, 'landmarks', () => this.locate(sessions, fine.image, detection, timings));
        five = located.five;
      }
      const face = toFace(decoded, { detection, five, points68: located.points68 });
      const minEye = this.config.inference.minEyeDistancePx;
      if (face.eyeDistance < minEye) throw new FaceTooSmallError(face.eyeDistance, minEye);
      const aligned = await timed(timings, 'align', async () => alignFace(decoded.image, five));
      const turned = options.mirrorPassMaxYawDeg !== undefined && Math.abs(headPose(located.points68).yaw) > options.mirrorPassMaxYawDeg;
      const embedded = await timed(timings, 'embed', () => this.embed(sessions, aligned, timings, turned ? 'turned' : options.earlyMatch));
      const { embedding, firstPass, embeddingNorm, flipCosine } = embedded;
      const mirrorPass = flipCosine !== null;
      // Skipped with the recogniser's mirror pass: only the plausibility check reads it (see EarlyMatch and
      // ExtractOptions.mirrorPassMaxYawDeg).
      const mirrorShift = mirrorPass ? await timed(timings, 'landmarks', () => this.mirrorShift(sessions, located, timings)) : null;
      const quality: FaceQuality = { ...faceQuality(aligned, five), embeddingNorm, flipCosine, landmarkShift: located.shift, mirrorShift };
      if (mirrorPass) {
        const implausible = implausibleFace({ embeddingNorm, flipCosine, landmarkShift: located.shift, mirrorShift: mirrorShift! });
        if (implausible) throw new NoFaceError({ reason: `the detected face is not plausible: ${implausible}` });
      }
      const liveness = options.liveness
        ? await timed(timings, 'liveness', () => this.liveness(sessions, decoded.image, detection, timings))
        : null;
      const result: FaceTemplate = { embedding, firstPass, mirrorPass, face, faces: detections.length, liveness, quality, imageWidth: decoded.originalWidth, imageHeight: decoded.originalHeight };
      return result;
    });
  }

  private requireSessions(): Record<ModelName, ort.InferenceSession> {
    if (!this.sessions) throw new ServiceUnavailableError('Face models are not loaded');
    return this.sessions;
  }

  /** One photo at a time per gate slot, with that run's reusable buffers; skipped if the client left while it waited. */
  private run<T>(signal: AbortSignal | undefined, work: (scratch: Scratch) => Promise<T>): Promise<T> {
    return this.gate.run(async () => {
      signal?.throwIfAborted();
      const start = performance.now();
      try {
        return await this.scratch.with(work);
      } finally {
        this.stats.record(performance.now() - start);
      }
    });
  }

  /** Header check, then a decode small enough for detection (JPEG shrink-on-load for big photos). */
  private async decodeForDetection(image: Buffer, scratch: Scratch): Promise<{ header: ImageHeader; shrink: number; decoded: DecodedImage }> {
    const maxPixels = this.config.uploads.maxPixels;
    const header = await readHeader(image, maxPixels);
    const shrink = detectionShrink(header);
    return { header, shrink, decoded: await decodeAt(image, header, shrink, maxPixels, scratch) };
  }

  /**
   * Detects on the padded frame first; only when that finds nothing, on the plain image, then on frames padded
   * 50% and 75% (very tight crops: a face filling the picture needs the wider border). Largest first.
   */
  private async findFaces(sessions: Record<ModelName, ort.InferenceSession>, image: OrientedImage, scratch: Scratch, timings: StageTimings = {}): Promise<Detection[]> {
    const { width, height } = image;
    const frames = [paddedRegion(width, height), { x: 0, y: 0, width, height }, paddedRegion(width, height, 0.5), paddedRegion(width, height, 0.75)];
    for (const region of frames) {
      const tensor = image.resizeToTensor(region, DETECTOR_WIDTH, DETECTOR_HEIGHT, { mean: 127, std: 128, order: 'rgb' }, scratch.tensor(3 * DETECTOR_WIDTH * DETECTOR_HEIGHT));
      const out = await timed(timings, 'detectModel', () =>
        sessions.detect.run({ input: new ort.Tensor('float32', tensor, [1, 3, DETECTOR_HEIGHT, DETECTOR_WIDTH]) }),
      );
      const found = decodeUltraface(out.scores.data as Float32Array, out.boxes.data as Float32Array, this.config.inference.detectScoreThreshold, region);
      const faces = nms(found, NMS_IOU)
        .map((d) => clipDetection(d, image.width, image.height))
        .filter((d): d is Detection => d !== null);
      if (faces.length > 0) return faces.sort((a, b) => detectionArea(b) - detectionArea(a));
    }
    return [];
  }

  /**
   * The 5 alignment points of a detected face (decoded-image pixels): a first landmark pass on the squared
   * detector box, a second on that crop moved onto where the first pass found the face (see recentredCrop).
   */
  private async locate(sessions: Record<ModelName, ort.InferenceSession>, image: OrientedImage, detection: Detection, timings: StageTimings = {}): Promise<LandmarkPasses> {
    const crop = landmarkCrop(detection);
    const first = await this.landmarks68(sessions, landmarkInput(image, crop), crop, timings);
    const recentred = recentredCrop(first, crop.width);
    const grey = landmarkInput(image, recentred);
    const second = await this.landmarks68(sessions, grey, recentred, timings);
    return { five: reduce68to5(second), points68: second, shift: landmarkShift(first, second), crop: recentred, grey };
  }

  /** How far the landmarks of the mirrored crop land from the located ones (quality.mirrorShift; templates only). */
  private async mirrorShift(sessions: Record<ModelName, ort.InferenceSession>, located: LandmarkPasses, timings: StageTimings): Promise<number> {
    const flipped = Float32Array.from(located.grey);
    for (let row = 0; row < LANDMARK_SIZE; row++) flipped.subarray(row * LANDMARK_SIZE, (row + 1) * LANDMARK_SIZE).reverse();
    const mirrored = await this.landmarks68(sessions, flipped, located.crop, timings, true);
    return landmarkShift(mirrored, located.points68);
  }

  /** The 68 points the model finds on `grey` (the input of `crop`, mirrored when `mirror`), in decoded-image pixels. */
  private async landmarks68(sessions: Record<ModelName, ort.InferenceSession>, grey: Float32Array, crop: Box, timings: StageTimings, mirror = false): Promise<Point[]> {
    const input = new ort.Tensor('float32', grey, [1, 1, LANDMARK_SIZE, LANDMARK_SIZE]);
    const out = await timed(timings, 'landmarksModel', () => sessions.landmark.run({ input }));
    const data = out.output.data as Float32Array;
    return mirror ? mirroredLandmarksToSource(data, crop) : landmarksToSource(data, crop);
  }

  /**
   * The template: the recogniser's outputs for the aligned crop and its mirror image, summed and L2-normalised
   * (flip test-time augmentation: fewer false rejects at the same FAR, docs/accuracy.md). The crop's output alone
   * when it decides `early`, or when `early` is 'turned' (ExtractOptions.mirrorPassMaxYawDeg): the mirror pass is
   * skipped, flipCosine null.
   */
  private async embed(
    sessions: Record<ModelName, ort.InferenceSession>, aligned: RawImage, timings: StageTimings, early?: EarlyMatch | 'turned',
  ): Promise<{ embedding: Float32Array; firstPass: Float32Array; embeddingNorm: number; flipCosine: number | null }> {
    const pass = async (mirror: boolean) => {
      // BGR: measured better than RGB on the colour dev set (docs/accuracy.md).
      const input = new ort.Tensor('float32', packNchw(aligned, { mean: 127, std: 128, order: 'bgr', mirror }), [1, 3, ALIGNED_SIZE, ALIGNED_SIZE]);
      const out = await timed(timings, 'embedModel', () => sessions.feature.run({ input }));
      return Float32Array.from(out.output.data as Float32Array);
    };
    const crop = await pass(false);
    const firstPass = l2Normalize(Float32Array.from(crop));
    if (early === 'turned' || decidesEarly(firstPass, early)) return { embedding: firstPass, firstPass, embeddingNorm: vectorNorm(crop), flipCosine: null };
    const mirrored = await pass(true);
    const sum = new Float32Array(EMBEDDING_SIZE);
    for (let i = 0; i < EMBEDDING_SIZE; i++) sum[i] = crop[i] + mirrored[i];
    const embeddingNorm = vectorNorm(sum) / 2;
    return { embedding: l2Normalize(sum), firstPass, embeddingNorm, flipCosine: cosineSimilarity(crop, mirrored) };
  }

  private async liveness(sessions: Record<ModelName, ort.InferenceSession>, image: OrientedImage, detection: Detection, timings: StageTimings): Promise<number> {
    const crop = livenessCrop(detection, image.width, image.height);
    // Plain bilinear, as the model's reference pre-processing (cv2.resize) did.
    const patch = image.warp(cropToSource(crop, LIVENESS_SIZE, LIVENESS_SIZE), LIVENESS_SIZE, LIVENESS_SIZE, false);
    const input = new ort.Tensor('float32', packNchw(patch, { mean: 0, std: 1, order: 'bgr' }), [1, 3, LIVENESS_SIZE, LIVENESS_SIZE]);
    const out = await timed(timings, 'livenessModel', () => sessions.liveness.run({ input }));
    return softmax(out.output.data as Float32Array)[LIVE_CLASS];
  }

  private async warmUp(sessions: Record<ModelName, ort.InferenceSession>): Promise<void> {
    const shapes: Record<ModelName, number[]> = {
      detect: [1, 3, DETECTOR_HEIGHT, DETECTOR_WIDTH],
      landmark: [1, 1, LANDMARK_SIZE, LANDMARK_SIZE],
      feature: [1, 3, ALIGNED_SIZE, ALIGNED_SIZE],
      liveness: [1, 3, LIVENESS_SIZE, LIVENESS_SIZE],
    };
    for (const name of Object.keys(shapes) as ModelName[]) {
      const size = shapes[name].reduce((a, b) => a * b, 1);
      for (let i = 0; i < 2; i++) await sessions[name].run({ input: new ort.Tensor('float32', new Float32Array(size), shapes[name]) });
    }
  }
}

/** The configured session options (config `inference.session`), as onnxruntime-node takes them. */
export function sessionOptions(session: AppConfig['inference']['session']): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: session.intraOpThreads,
    interOpNumThreads: 1,
    graphOptimizationLevel: session.graphOptimization,
    executionMode: session.executionMode,
    enableCpuMemArena: session.memArena,
    enableMemPattern: session.memPattern,
    // Config entries go flat, each key as onnxruntime's C API names it.
    extra: { 'session.intra_op.allow_spinning': session.allowSpinning ? '1' : '0' },
    logSeverityLevel: 3,
  };
}

function scaleDetection(d: Detection, factor: number): Detection {
  return { x1: d.x1 * factor, y1: d.y1 * factor, x2: d.x2 * factor, y2: d.y2 * factor, score: d.score };
}

function toFace(image: DecodedImage, { detection: d, five, points68 }: Located): Face {
  const s = image.scale;
  const landmarks = five.map((p) => ({ x: p.x * s, y: p.y * s }));
  return {
    box: { x: d.x1 * s, y: d.y1 * s, width: (d.x2 - d.x1) * s, height: (d.y2 - d.y1) * s },
    score: d.score,
    landmarks,
    points68: points68.map((p) => ({ x: p.x * s, y: p.y * s })),
    eyeDistance: eyeDistance(landmarks),
  };
}

async function timed<T>(timings: StageTimings, stage: keyof StageTimings, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[stage] = (timings[stage] ?? 0) + performance.now() - start;
  }
}

/** The landmark model's input for `crop`: area-averaged to 64x64 grey, v/256. */
function landmarkInput(image: OrientedImage, crop: Box): Float32Array {
  return packGrey(image.resize(crop, LANDMARK_SIZE, LANDMARK_SIZE), 256);
}
