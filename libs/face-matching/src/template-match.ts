import { Calibration, Comparison, comparisonOf, cosineSimilarity } from '@faceauth/inference';

/**
 * How one login photo is compared with a user's N samples:
 * - `closest`: the most similar sample;
 * - `fused`: the user's template, the mean of the L2-normalised samples re-normalised;
 * - `blend`: the mean of the two cosines.
 * docs/accuracy.md measures all three with `npm run eval:protocol`; the configuration ships the best.
 */
export const TEMPLATE_STRATEGIES = ['closest', 'fused', 'blend'] as const;
export type TemplateStrategy = (typeof TEMPLATE_STRATEGIES)[number];

/** Mean of the L2-normalised embeddings, re-normalised. */
export function fuseEmbeddings(embeddings: Float32Array[]): Float32Array {
  if (embeddings.length === 0) throw new RangeError('no embeddings to fuse');
  const out = new Float32Array(embeddings[0].length);
  for (const e of embeddings) {
    let norm = 0;
    for (let i = 0; i < e.length; i++) norm += e[i] * e[i];
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < e.length; i++) out[i] += e[i] * scale;
  }
  let norm = 0;
  for (let i = 0; i < out.length; i++) norm += out[i] * out[i];
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] /= Math.sqrt(norm);
  return out;
}

/** A user's samples, prepared once for any number of comparisons (the fused template is computed here). */
export class EnrolledTemplate {
  readonly fused: Float32Array;

  constructor(readonly samples: Float32Array[]) {
    this.fused = fuseEmbeddings(samples);
  }

  /** The cosine the decision is made on. */
  cosine(probe: Float32Array, strategy: TemplateStrategy): number {
    if (strategy === 'fused') return cosineSimilarity(probe, this.fused);
    const closest = Math.max(...this.samples.map((sample) => cosineSimilarity(probe, sample)));
    if (strategy === 'closest') return closest;
    return (closest + cosineSimilarity(probe, this.fused)) / 2;
  }

  /** Calibrated distance and confidence of a probe against this user (calibration of the N-sample decision). */
  compare(probe: Float32Array, strategy: TemplateStrategy, calibration: Calibration): Comparison {
    return comparisonOf(this.cosine(probe, strategy), calibration);
  }
}
