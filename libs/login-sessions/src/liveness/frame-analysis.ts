import { DomainError } from '@faceauth/common';
import { EarlyMatch, ExtractOptions, FaceTemplate, headPose, InferenceService, Point } from '@faceauth/inference';

/**
 * What the server keeps of one liveness frame: a template and its geometry, never the photo. `code` is set
 * when the engine found no usable face (NO_FACE, FACE_TOO_SMALL, INVALID_IMAGE).
 */
export interface FrameAnalysis {
  /** Faces in the frame (0 when none was usable). */
  faces: number;
  code?: string;
  /** Server time of arrival, ms since the epoch. */
  arrivedAt: number;
  /** The largest face's 68 points, rounded to 0.1 px. */
  points?: Point[];
  yaw?: number;
  pitch?: number;
  roll?: number;
  eyeDistance?: number;
  /** The largest face's embedding, base64 of its 512 float32 values. */
  embedding?: string;
  /** SHA-256 prefix of the bytes: the same picture sent twice is one frame, not two. */
  digest: string;
}

const FACE_CODES = new Set(['NO_FACE', 'FACE_TOO_SMALL', 'INVALID_IMAGE']);

/**
 * The most a frame that can be the login's frontal frame is turned (LIVENESS_SETTINGS.maxFrontalYawDeg). A frame
 * turned further is only compared with the frontal one (same_person, a loose cosine): its template is the
 * recogniser's first pass alone, without the mirror passes that buy accuracy at the strict match.
 */
export const FRONTAL_YAW_DEG = 15;

/**
 * The engine options of a liveness frame: a turned frame skips the mirror passes, and so does a frame whose
 * first pass already clears the enrolled user's early-match bar (as /verify: `earlyMatch`, from earlyMatchFor).
 */
export function frameExtractOptions(earlyMatch?: EarlyMatch): ExtractOptions {
  return { earlyMatch, mirrorPassMaxYawDeg: FRONTAL_YAW_DEG };
}

/**
 * Runs one frame through the engine ('largest': the decision, not the engine, refuses a second face). With
 * `earlyMatch` (the session user's template), a frame that clearly shows the user is decided on one pass.
 */
export async function analyseFrame(inference: InferenceService, bytes: Buffer, arrivedAt: number, digest = '', earlyMatch?: EarlyMatch): Promise<FrameAnalysis> {
  return (await analyseFrameTemplate(inference, bytes, arrivedAt, digest, earlyMatch)).frame;
}

/** analyseFrame, with the engine's template beside it (the liveness evaluation replays early matches from its first pass). */
export async function analyseFrameTemplate(
  inference: InferenceService, bytes: Buffer, arrivedAt: number, digest = '', earlyMatch?: EarlyMatch,
): Promise<{ frame: FrameAnalysis; template?: FaceTemplate }> {
  try {
    const template = await inference.extractTemplate(bytes, 'largest', frameExtractOptions(earlyMatch));
    return { frame: frameOf(template, arrivedAt, digest), template };
  } catch (error) {
    if (error instanceof DomainError && FACE_CODES.has(error.code)) return { frame: { faces: 0, code: error.code, arrivedAt, digest } };
    throw error;
  }
}

function frameOf(template: FaceTemplate, arrivedAt: number, digest: string): FrameAnalysis {
  const points = template.face.points68.map((p) => ({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 }));
  const pose = headPose(template.face.points68);
  return {
    faces: template.faces,
    arrivedAt,
    points,
    yaw: round(pose.yaw),
    pitch: round(pose.pitch),
    roll: round(pose.roll),
    eyeDistance: round(template.face.eyeDistance),
    embedding: embeddingText(template.embedding),
    digest,
  };
}

/** Base64 of an embedding's float32 values (how a frame stores it). */
export const embeddingText = (e: Float32Array) => Buffer.from(e.buffer, e.byteOffset, e.byteLength).toString('base64');

/** The embedding of embeddingText's base64. */
export function embeddingFromText(text: string): Float32Array {
  const b = Buffer.from(text, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export function embeddingOf(frame: FrameAnalysis): Float32Array | null {
  return frame.embedding ? embeddingFromText(frame.embedding) : null;
}

const round = (x: number) => Math.round(x * 100) / 100;
