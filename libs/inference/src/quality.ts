import { RawImage } from './image';
import { eyeCentreDistance } from './homography';
import { Point } from './inference.types';

/**
 * Measures of how good a face photo is for a template, read off the aligned 112x112 crop and the 5 points.
 * The engine only measures; enrollment decides (LOW_QUALITY) and verify reports them.
 */
export interface PhotoQuality {
  /** Variance of the 4-neighbour Laplacian of the grey face region (higher = sharper); under ~30 is a blur. */
  sharpness: number;
  /** Mean grey level (0-255) of the face region. */
  brightness: number;
  /** Fraction (0-1) of the face region's pixels at 250 or more (burnt out). */
  overexposed: number;
  /**
   * How far the head is turned left or right: the nose's offset from the midline between the eyes and the mouth,
   * in eye distances (0 frontal, ~0.3 at about 45 degrees; sign = direction).
   */
  yaw: number;
}

/**
 * The central part of the aligned crop (brows to chin, cheek to cheek): the background at the crop's corners
 * would otherwise count towards brightness and sharpness.
 */
const REGION = { x0: 24, x1: 88, y0: 36, y1: 104 };

function grey(image: RawImage, x: number, y: number): number {
  const i = (y * image.width + x) * image.channels;
  if (image.channels < 3) return image.data[i];
  return 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
}

/** Sharpness, brightness and over-exposure of the aligned crop's face region. */
export function imageQuality(aligned: RawImage): Pick<PhotoQuality, 'sharpness' | 'brightness' | 'overexposed'> {
  const { x0, x1, y0, y1 } = REGION;
  let sum = 0;
  let burnt = 0;
  let lapSum = 0;
  let lapSq = 0;
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const v = grey(aligned, x, y);
      sum += v;
      if (v >= 250) burnt++;
      const lap = grey(aligned, x - 1, y) + grey(aligned, x + 1, y) + grey(aligned, x, y - 1) + grey(aligned, x, y + 1) - 4 * v;
      lapSum += lap;
      lapSq += lap * lap;
      n++;
    }
  }
  const lapMean = lapSum / n;
  return { sharpness: lapSq / n - lapMean * lapMean, brightness: sum / n, overexposed: burnt / n };
}

/** Yaw proxy from the 5 points (left eye, right eye, nose, left and right mouth corner), in eye distances. */
export function yawOf(five: Point[]): number {
  const [le, re, nose, lm, rm] = five;
  const ux = re.x - le.x;
  const uy = re.y - le.y;
  const eye = Math.hypot(ux, uy);
  if (eye === 0) return 0;
  const mid = { x: (le.x + re.x + lm.x + rm.x) / 4, y: (le.y + re.y + lm.y + rm.y) / 4 };
  return ((nose.x - mid.x) * ux + (nose.y - mid.y) * uy) / (eye * eye);
}

export function faceQuality(aligned: RawImage, five: Point[]): PhotoQuality {
  return { ...imageQuality(aligned), yaw: yawOf(five) };
}

/**
 * How far the landmark model moved its 68 points between the detector's crop and the re-centred one, in eye
 * distances (mean over the points): a face is found again where it was; a texture that looked like one is not.
 */
export function landmarkShift(first: Point[], second: Point[]): number {
  const scale = eyeCentreDistance(second);
  if (scale === 0) return Infinity;
  let sum = 0;
  for (let i = 0; i < first.length; i++) sum += Math.hypot(first[i].x - second[i].x, first[i].y - second[i].y);
  return sum / first.length / scale;
}
