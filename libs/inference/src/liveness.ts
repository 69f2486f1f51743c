import { Box } from './inference.types';
import { Detection } from './ultraface';

export const LIVENESS_SIZE = 128;
/** Context around the face the anti-spoof model was trained with (MiniFASNet's 2.7x crop). */
export const LIVENESS_CONTEXT = 2.7;

/**
 * The box scaled by `context` around its centre, shrunk to fit the image and shifted inside it
 * (as the model's reference pre-processing does), in source pixels.
 */
export function livenessCrop(d: Detection, width: number, height: number, context = LIVENESS_CONTEXT): Box {
  const bw = d.x2 - d.x1;
  const bh = d.y2 - d.y1;
  const scale = Math.min(height / bh, width / bw, context);
  const w = bw * scale;
  const h = bh * scale;
  const x = Math.min(Math.max(0, (d.x1 + d.x2) / 2 - w / 2), width - w);
  const y = Math.min(Math.max(0, (d.y1 + d.y2) / 2 - h / 2), height - h);
  return { x, y, width: w, height: h };
}

export function softmax(logits: ArrayLike<number>): number[] {
  const max = Math.max(...Array.from(logits));
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((s, v) => s + v, 0);
  return exps.map((v) => v / sum);
}
