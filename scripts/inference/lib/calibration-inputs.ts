// The inputs the engine really feeds its models, rebuilt from photos with the engine's own code: the detector's
// padded 320x240 frame and the plain one (what findFaces tries first), and the recogniser's aligned 112x112 crop
// of every detected face, plain and mirrored (what embed runs). Used to gather activation ranges (quantize.ts).
import {
  ALIGNED_SIZE,
  alignFace,
  decodeAt,
  decodeImage,
  DETECTOR_HEIGHT,
  DETECTOR_WIDTH,
  detectionShrink,
  InferenceService,
  packNchw,
  paddedRegion,
  readHeader,
} from '@faceauth/inference';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CalibrationInputs {
  detector: Float32Array[];
  recogniser: Float32Array[];
  photos: number;
}

const IMAGE = /\.(jpe?g|png|webp)$/i;

/** Every image under `dirs` (recursively), sorted. */
export function imagesUnder(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (IMAGE.test(name)) out.push(path);
    }
  };
  dirs.forEach(walk);
  return out;
}

export async function calibrationInputs(service: InferenceService, paths: string[], maxPixels: number): Promise<CalibrationInputs> {
  const inputs: CalibrationInputs = { detector: [], recogniser: [], photos: paths.length };
  for (const path of paths) {
    const bytes = readFileSync(path);
    const header = await readHeader(bytes, maxPixels);
    const { image } = await decodeAt(bytes, header, detectionShrink(header), maxPixels);
    for (const region of [paddedRegion(image.width, image.height), { x: 0, y: 0, width: image.width, height: image.height }]) {
      inputs.detector.push(image.resizeToTensor(region, DETECTOR_WIDTH, DETECTOR_HEIGHT, { mean: 127, std: 128, order: 'rgb' }));
    }
    const faces = await service.detect(bytes);
    if (faces.length === 0) continue;
    const full = await decodeImage(bytes, maxPixels);
    for (const face of faces) {
      const aligned = alignFace(full.image, face.landmarks.map((p) => ({ x: p.x / full.scale, y: p.y / full.scale })));
      for (const mirror of [false, true]) inputs.recogniser.push(packNchw(aligned, { mean: 127, std: 128, order: 'bgr', mirror }));
    }
  }
  return inputs;
}

export const RECOGNISER_INPUT = [1, 3, ALIGNED_SIZE, ALIGNED_SIZE];
export const DETECTOR_INPUT = [1, 3, DETECTOR_HEIGHT, DETECTOR_WIDTH];
