import { cosineSimilarity } from './distance';

/**
 * A verify whose answer is not in doubt after the recogniser's first pass. The template is flip test-time
 * augmented (the crop and its mirror image, summed): the mirror pass moves the cosine to a user's template by a
 * few hundredths, which matters near the threshold and not far above it. When the first pass alone is at least
 * `minCosine` (the rule's threshold plus a margin, @faceauth/face-matching earlyMatchFor) from `template`, the
 * mirror passes of the recogniser and of the landmark model (~40% of a verify's model time) are skipped, and with
 * them the plausibility check: a face this close to an enrolled, checked template is a face.
 */
export interface EarlyMatch {
  /** The template the decision compares with (the user's fused template), L2-normalised. */
  template: Float32Array;
  minCosine: number;
}

/** True when the first pass (L2-normalised) decides the match alone. */
export function decidesEarly(firstPass: Float32Array, early: EarlyMatch | undefined): boolean {
  return early !== undefined && cosineSimilarity(firstPass, early.template) >= early.minCosine;
}
