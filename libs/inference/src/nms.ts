import { Detection, detectionArea } from './ultraface';

export function iou(a: Detection, b: Detection): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (detectionArea(a) + detectionArea(b) - inter);
}

/** Greedy hard non-maximum suppression: keeps the best-scoring box of each overlapping cluster, best first. */
export function nms(detections: Detection[], iouThreshold: number): Detection[] {
  const sorted = [...detections].sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const d of sorted) {
    if (kept.every((k) => iou(k, d) <= iouThreshold)) kept.push(d);
  }
  return kept;
}
