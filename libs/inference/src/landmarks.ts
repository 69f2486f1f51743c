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

/**
 * Where the 68 points' centroid sits, as a fraction of the crop side, when the crop is the detector box
 * squared: the mean over the dev sets (x 0.50, y 0.60 on both LFW and CelebA; spread 0.02-0.07).
 */
const CENTROID_IN_CROP = { x: 0.5, y: 0.6 };

/**
 * The second landmark pass's crop: the same side, moved so the first pass's points sit where they sit on
 * average. The detector's box wanders around the face; the model is more exact on the crop it usually sees
 * (CelebA EER 4.47% -> 4.12%, LFW unchanged: docs/performance.md).
 */
export function recentredCrop(points: Point[], side: number): Box {
  const c = mean(points, points.map((_, i) => i));
  return { x: c.x - CENTROID_IN_CROP.x * side, y: c.y - CENTROID_IN_CROP.y * side, width: side, height: side };
}

/** The model's 136 outputs (x, y in 0..1 of the crop) -> 68 points in source pixels. */
export function landmarksToSource(output: Float32Array, crop: Box): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < 68; i++) {
    points.push({ x: crop.x + output[i * 2] * crop.width, y: crop.y + output[i * 2 + 1] * crop.height });
  }
  return points;
}

/** iBUG 68 index of each point's mirror image (jaw, brows, nose, eyes and lips swap sides; the midline stays). */
export const MIRROR_68: readonly number[] = (() => {
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < 8; i++) pairs.push([i, 16 - i]);
  for (let i = 0; i < 5; i++) pairs.push([17 + i, 26 - i]);
  pairs.push([31, 35], [32, 34], [36, 45], [37, 44], [38, 43], [39, 42], [40, 47], [41, 46]);
  pairs.push([48, 54], [49, 53], [50, 52], [55, 59], [56, 58], [60, 64], [61, 63], [65, 67]);
  const map = Array.from({ length: 68 }, (_, i) => i);
  for (const [a, b] of pairs) [map[a], map[b]] = [b, a];
  return map;
})();

/**
 * The model's 136 outputs for the mirror image of `crop` -> the 68 points in source pixels of the unmirrored
 * image, each under its own index (x flipped about the crop's centre, left and right points swapped).
 */
export function mirroredLandmarksToSource(output: Float32Array, crop: Box): Point[] {
  const flipped = landmarksToSource(output, crop).map((p) => ({ x: 2 * crop.x + crop.width - p.x, y: p.y }));
  return MIRROR_68.map((j) => flipped[j]);
}

const mean = (points: Point[], indices: number[]): Point => ({
  x: indices.reduce((s, i) => s + points[i].x, 0) / indices.length,
  y: indices.reduce((s, i) => s + points[i].y, 0) / indices.length,
});

/**
 * iBUG 68 points -> the 5 of the ArcFace template: eye centres (mean of the six points of each eye), the nose
 * (midway between its tip, 30, and its base, 33), mouth corners (mean of the outer and inner lip corner).
 * Left/right as seen in the image. The six-point eyes and the lower nose point measured better than the four
 * lid points and the bare tip (LFW EER 1.40% -> 1.26%: docs/performance.md).
 */
export function reduce68to5(points: Point[]): Point[] {
  if (points.length !== 68) throw new RangeError(`expected 68 landmarks, got ${points.length}`);
  return [
    mean(points, [36, 37, 38, 39, 40, 41]),
    mean(points, [42, 43, 44, 45, 46, 47]),
    mean(points, [30, 33]),
    mean(points, [48, 60]),
    mean(points, [54, 64]),
  ];
}

export function eyeDistance(five: Point[]): number {
  return Math.hypot(five[1].x - five[0].x, five[1].y - five[0].y);
}
