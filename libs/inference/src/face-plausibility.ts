import { FaceQuality } from './inference.types';

/**
 * The second check after detection: the detector fires on some textures, planets and animals, and the landmark
 * model then draws a face on them. Two signs tell most of those apart, measured on the development faces and a
 * no-face set of 246 wallpapers and textures (docs/accuracy.md):
 * - the recogniser's raw output is weak on a non-face (embeddingNorm), weaker still when the crop and its mirror
 *   disagree (flipCosine);
 * - the landmark model does not find the "face" again where it was once the crop is re-centred on it (landmarkShift),
 *   nor in the mirror image of the crop (mirrorShift: a face's landmarks mirror with it; a texture's wander).
 * Set so that the dev sets lose at most 0.2% of their faces. The mirror test stopped 2 of the 4 textures that
 * passed the other two (relief01, relief06) and cost no dev face; a third landmark run is ~0.6 ms.
 */
export const PLAUSIBLE_FACE = {
  minEvidence: 1.75,
  flipWeight: 8,
  maxLandmarkShift: 0.23,
  maxMirrorShift: 0.3,
} as const;

/** Why the face is not plausible (for NO_FACE details), or null. */
export function implausibleFace(quality: { [K in 'embeddingNorm' | 'flipCosine' | 'landmarkShift' | 'mirrorShift']: NonNullable<FaceQuality[K]> }): string | null {
  const evidence = quality.embeddingNorm + PLAUSIBLE_FACE.flipWeight * (quality.flipCosine - 0.95);
  if (evidence < PLAUSIBLE_FACE.minEvidence) return 'weak recogniser response';
  if (quality.landmarkShift > PLAUSIBLE_FACE.maxLandmarkShift) return 'unstable landmarks';
  if (quality.mirrorShift > PLAUSIBLE_FACE.maxMirrorShift) return 'landmarks not mirror-consistent';
  return null;
}
