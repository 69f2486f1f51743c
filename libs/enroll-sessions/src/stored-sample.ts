import type { EnrollmentSample } from '@faceauth/enrollment';
import { bufferToEmbedding, embeddingToBuffer, FaceQuality, FaceTemplate } from '@faceauth/inference';

/** What a session keeps of one accepted photo between requests (JSON): its template and measures, never the photo. */
export interface StoredSample {
  step: number;
  /** Base64 of the 512 little-endian float32 values. */
  embedding: string;
  quality: FaceQuality;
  detectorScore: number;
  liveness: number | null;
  yaw: number;
  pitch: number;
}

export function storedSample(step: number, template: FaceTemplate, pose: { yaw: number; pitch: number }): StoredSample {
  return {
    step,
    embedding: embeddingToBuffer(template.embedding).toString('base64'),
    quality: template.quality,
    detectorScore: template.face.score,
    liveness: template.liveness,
    yaw: Math.round(pose.yaw * 10) / 10,
    pitch: Math.round(pose.pitch * 10) / 10,
  };
}

/** As the enrollment rules take it; the field is named after the step (`step0`, ...) in their error details. */
export function enrollmentSample(sample: StoredSample): EnrollmentSample {
  return {
    field: `step${sample.step}`,
    embedding: bufferToEmbedding(Buffer.from(sample.embedding, 'base64')),
    quality: sample.quality,
    detectorScore: sample.detectorScore,
    liveness: sample.liveness,
  };
}
