import { DomainError } from '@faceauth/common';
import { headPose, InferenceService, Point } from '@faceauth/inference';

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

/** Runs one frame through the engine ('largest': the decision, not the engine, refuses a second face). */
export async function analyseFrame(inference: InferenceService, bytes: Buffer, arrivedAt: number, digest = ''): Promise<FrameAnalysis> {
  try {
    const template = await inference.extractTemplate(bytes, 'largest');
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
      embedding: Buffer.from(template.embedding.buffer, template.embedding.byteOffset, template.embedding.byteLength).toString('base64'),
      digest,
    };
  } catch (error) {
    if (error instanceof DomainError && FACE_CODES.has(error.code)) return { faces: 0, code: error.code, arrivedAt, digest };
    throw error;
  }
}

export function embeddingOf(frame: FrameAnalysis): Float32Array | null {
  if (!frame.embedding) return null;
  const b = Buffer.from(frame.embedding, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

const round = (x: number) => Math.round(x * 100) / 100;
