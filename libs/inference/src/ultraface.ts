import { Box } from './inference.types';

export const DETECTOR_WIDTH = 320;
export const DETECTOR_HEIGHT = 240;

/** A detection in source-image pixels (continuous coordinates: the image spans 0..width). */
export interface Detection {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
}

/**
 * The region of the source image that the detector sees, resized to 320x240. It adds a black border of
 * `pad` x the longer side on every side, then widens the shorter dimension to 4:3 so nothing is stretched.
 * Why: UltraFace's largest anchors stop at ~256 px of its input, so a face filling a selfie or a tight crop
 * is missed unless it is shrunk into the middle of a bigger frame.
 */
export function paddedRegion(width: number, height: number, pad = 0.25): Box {
  const border = Math.round(pad * Math.max(width, height));
  let w = width + 2 * border;
  let h = height + 2 * border;
  const ratio = DETECTOR_WIDTH / DETECTOR_HEIGHT;
  if (w / h < ratio) w = Math.round(h * ratio);
  else h = Math.round(w / ratio);
  return { x: -Math.floor((w - width) / 2), y: -Math.floor((h - height) / 2), width: w, height: h };
}

/**
 * UltraFace outputs -> detections with score >= threshold, in source pixels.
 * `scores` is [n, 2] (background, face); `boxes` is [n, 4] corners in 0..1 of the detector input,
 * which showed `region` of the source.
 */
export function decodeUltraface(scores: Float32Array, boxes: Float32Array, threshold: number, region: Box): Detection[] {
  const out: Detection[] = [];
  const n = scores.length / 2;
  for (let i = 0; i < n; i++) {
    const score = scores[i * 2 + 1];
    if (score < threshold) continue;
    out.push({
      x1: region.x + boxes[i * 4] * region.width,
      y1: region.y + boxes[i * 4 + 1] * region.height,
      x2: region.x + boxes[i * 4 + 2] * region.width,
      y2: region.y + boxes[i * 4 + 3] * region.height,
      score,
    });
  }
  return out;
}

/** Clips a detection to the image; null when nothing of it is left inside. */
export function clipDetection(d: Detection, width: number, height: number): Detection | null {
  const x1 = Math.max(0, d.x1);
  const y1 = Math.max(0, d.y1);
  const x2 = Math.min(width, d.x2);
  const y2 = Math.min(height, d.y2);
  return x2 > x1 && y2 > y1 ? { x1, y1, x2, y2, score: d.score } : null;
}

export function detectionArea(d: Detection): number {
  return Math.max(0, d.x2 - d.x1) * Math.max(0, d.y2 - d.y1);
}
