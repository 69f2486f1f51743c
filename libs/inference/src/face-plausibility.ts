import { FaceQuality } from './inference.types';

/**
 * The second check after detection: the detector fires on some textures, planets and animals, and the landmark
 * model then draws a face on them. Two signs tell most of those apart, measured on the development faces and a
 * no-face set of 246 wallpapers and textures (docs/accuracy.md):
 * - the recogniser's raw output is weak on a non-face (embeddingNorm), weaker still when the crop and its mirror
 *   disagree (flipCosine);
 * - the landmark model does not find the "face" again where it was once the crop is re-centred on it (landmarkShift).
 * Set so that the dev sets lose at most 0.2% of their faces.
 */
export const PLAUSIBLE_FACE = {
  minEvidence: 1.75,
  flipWeight: 8,
  maxLandmarkShift: 0.23,
} as const;

/** Why the face is not plausible (for NO_FACE details), or null. */
export function implausibleFace(quality: Pick<FaceQuality, 'embeddingNorm' | 'flipCosine' | 'landmarkShift'>): string | null {
  const evidence = quality.embeddingNorm + PLAUSIBLE_FACE.flipWeight * (quality.flipCosine - 0.95);
  if (evidence < PLAUSIBLE_FACE.minEvidence) return 'weak recogniser response';
  if (quality.landmarkShift > PLAUSIBLE_FACE.maxLandmarkShift) return 'unstable landmarks';
  return null;
}
