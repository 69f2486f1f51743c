import { Box, Point } from './inference.types';
import { Detection } from './ultraface';

export const LANDMARK_SIZE = 64;

/** The landmark model's crop: a square of side = box height, centred on the box (as it was trained). */
export function landmarkCrop(d: Detection): Box {
  const side = d.y2 - d.y1;
  const cx = (d.x1 + d.x2) / 2;
  const cy = (d.y1 + d.y2) / 2;
  return { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
}

/** The model's 136 outputs (x, y in 0..1 of the crop) -> 68 points in source pixels. */
export function landmarksToSource(output: Float32Array, crop: Box): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < 68; i++) {
    points.push({ x: crop.x + output[i * 2] * crop.width, y: crop.y + output[i * 2 + 1] * crop.height });
  }
  return points;
}

const mean = (points: Point[], indices: number[]): Point => ({
  x: indices.reduce((s, i) => s + points[i].x, 0) / indices.length,
  y: indices.reduce((s, i) => s + points[i].y, 0) / indices.length,
});

/**
 * iBUG 68 points -> the 5 of the ArcFace template: eye centres (mean of the four lid points of each eye),
 * nose tip (30), mouth corners (mean of the outer and inner lip corner). Left/right as seen in the image.
 */
export function reduce68to5(points: Point[]): Point[] {
  if (points.length !== 68) throw new RangeError(`expected 68 landmarks, got ${points.length}`);
  return [
    mean(points, [37, 38, 40, 41]),
    mean(points, [43, 44, 46, 47]),
    points[30],
    mean(points, [48, 60]),
    mean(points, [54, 64]),
  ];
}

export function eyeDistance(five: Point[]): number {
  return Math.hypot(five[1].x - five[0].x, five[1].y - five[0].y);
}
