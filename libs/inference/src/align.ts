import { invertAffine, RawImage } from './image';
import { Point } from './inference.types';
import { OrientedImage } from './oriented-image';
import { ALIGNED_SIZE, ARCFACE_TEMPLATE, estimateSimilarity } from './similarity-transform';

/** The ArcFace-aligned 112x112 crop: a similarity transform of the 5 points onto the template, anti-aliased warp. */
export function alignFace(image: OrientedImage, five: Point[]): RawImage {
  // Landmarks are continuous coordinates (the image spans 0..width); the warp samples at pixel centres.
  const centred = five.map((p) => ({ x: p.x - 0.5, y: p.y - 0.5 }));
  const toAligned = estimateSimilarity(centred, ARCFACE_TEMPLATE);
  return image.warp(invertAffine(toAligned), ALIGNED_SIZE, ALIGNED_SIZE);
}
