/** Domain types of the inference adapter: nothing here knows about onnxruntime or HTTP. */
import type { PhotoQuality } from './quality';

export interface Point {
  x: number;
  y: number;
}

/** Axis-aligned box in pixels of the (EXIF-rotated) input image. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Face {
  box: Box;
  /** Detector probability in 0..1. */
  score: number;
  /** Five points: left eye, right eye, nose (between tip and base), left mouth corner, right mouth corner (image pixels). */
  landmarks: Point[];
  /** The 68 iBUG points of the landmark model's second pass, image pixels (head pose, liveness). */
  points68: Point[];
  /** Distance between the eye centres in pixels of the original image. */
  eyeDistance: number;
}

/** 'single' refuses a photo with several faces (enroll); 'largest' takes the biggest one (verify, match). */
export type FacePolicy = 'single' | 'largest';

/** How good the face is for a template (see quality.ts) and how face-like the recogniser found it. */
export interface FaceQuality extends PhotoQuality {
  /** Half the norm of the recogniser's summed raw outputs (crop and mirror) before normalisation; the crop's alone when the mirror pass was skipped. */
  embeddingNorm: number;
  /** Cosine between the recogniser's outputs for the crop and its mirror image; null when the mirror pass was skipped (ExtractOptions.earlyMatch, mirrorPassMaxYawDeg). */
  flipCosine: number | null;
  /** Mean move of the 68 landmarks between the two landmark passes, in eye distances (quality.ts landmarkShift). */
  landmarkShift: number;
  /** Mean distance between the 68 landmarks of the crop and those of its mirror image (mirrored back), in eye distances; null when the mirror pass was skipped. */
  mirrorShift: number | null;
}

export interface FaceTemplate {
  /** L2-normalised embedding (512 values): of the crop and its mirror, or of the crop alone when `mirrorPass` is false. */
  embedding: Float32Array;
  /** The recogniser's first pass alone (the crop, not its mirror), L2-normalised: what ExtractOptions.earlyMatch compares. */
  firstPass: Float32Array;
  /** False when the mirror passes were skipped: the first pass decided the match alone (ExtractOptions.earlyMatch), or the head was turned (mirrorPassMaxYawDeg). */
  mirrorPass: boolean;
  face: Face;
  /** How many faces the photo holds. */
  faces: number;
  /** Informational anti-spoof score in 0..1 (higher = more likely live); null when not computed. */
  liveness: number | null;
  quality: FaceQuality;
  imageWidth: number;
  imageHeight: number;
}

export interface Comparison {
  /** Calibrated cosine distance: distanceScale * (1 - cos). */
  distance: number;
  /** 100 * P(same person | distance), in 0..100. */
  similarity: number;
  /** Same value as similarity (the contract names both). */
  confidence: number;
}
