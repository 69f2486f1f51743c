import { ServiceUnavailableError } from '@faceauth/common';
import { AppConfig, loadConfig } from '@faceauth/config';
import { cosineSimilarity, headPose, OnnxInferenceService } from '@faceauth/inference';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { datasetPath } from '../factories/datasets';
import { crc32, deflateSync } from 'node:zlib';

const readPhoto = (relative: string) => readFileSync(datasetPath(relative));

const LIVE = 'spoof_samples/live/image_T1.jpg';
const SORKIN_1 = 'lfw_gray_crops/Aaron_Sorkin/Aaron_Sorkin_0001.jpg';
const SORKIN_2 = 'lfw_gray_crops/Aaron_Sorkin/Aaron_Sorkin_0002.jpg';
const OTHER = 'lfw_gray_crops/Abbas_Kiarostami/Abbas_Kiarostami_0001.jpg';
/** One CelebA person facing the camera and turned to the right (the login benchmark's posed person). */
const FACING = 'celeba_dev/id07372/029198.jpg';
const TURNED = 'celeba_dev/id07372/054553.jpg';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])));
  return Buffer.concat([length, Buffer.from(type), data, crc]);
}

/** A well-formed PNG that claims 10000x5000 pixels (50 MP) but carries almost no data. */
function fiftyMegapixelPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(10_000, 0);
  ihdr.writeUInt32BE(5_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(64))), pngChunk('IEND', Buffer.alloc(0))]);
}

describe(`${OnnxInferenceService.name} on real photos`, () => {
  let config: AppConfig;
  let service: OnnxInferenceService;

  beforeAll(async () => {
    config = loadConfig();
    service = new OnnxInferenceService(config);
    await service.onModuleInit();
  });
  afterAll(() => service.onModuleDestroy());

  it('loads and warms every model', () => {
    expect(service.modelsLoaded).toBe(true);
  });

  it('finds no face in any of the no-face images', async () => {
    const files = readdirSync(datasetPath('noface')).filter((f) => /\.(png|jpe?g)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) expect(await service.detect(readPhoto(`noface/${file}`))).toEqual([]);
    await expect(service.extractTemplate(readPhoto('noface/brick.png'), 'largest')).rejects.toMatchObject({ code: 'NO_FACE' });
  });

  it('finds several faces in every group photo, largest first, with landmarks inside each box', async () => {
    for (const file of readdirSync(datasetPath('group_photos')).filter((f) => f.endsWith('.jpg'))) {
      const faces = await service.detect(readPhoto(`group_photos/${file}`));
      expect(faces.length).toBeGreaterThanOrEqual(2);
      const areas = faces.map((f) => f.box.width * f.box.height);
      expect(areas).toEqual([...areas].sort((a, b) => b - a));
      for (const face of faces) {
        expect(face.score).toBeGreaterThanOrEqual(config.inference.detectScoreThreshold);
        expect(face.landmarks).toHaveLength(5);
        const [eye] = face.landmarks;
        expect(eye.x).toBeGreaterThan(face.box.x - face.box.width * 0.2);
        expect(eye.x).toBeLessThan(face.box.x + face.box.width * 1.2);
      }
    }
  });

  it('refuses a group photo for a single-face enrollment and takes the largest face otherwise', async () => {
    const group = readPhoto('group_photos/sample1.jpg');
    const faces = await service.detect(group);
    await expect(service.extractTemplate(group, 'single')).rejects.toMatchObject({ code: 'MULTIPLE_FACES', details: { faces: faces.length } });
    const template = await service.extractTemplate(group, 'largest');
    expect(template.faces).toBe(faces.length);
    expect(template.face.box).toEqual(faces[0].box);
  });

  it('honours EXIF orientation and returns a unit-length 512-value embedding', async () => {
    const template = await service.extractTemplate(readPhoto(LIVE), 'single', { liveness: true });
    expect([template.imageWidth, template.imageHeight]).toEqual([480, 640]);
    expect(template.embedding).toHaveLength(512);
    expect(Math.hypot(...template.embedding)).toBeCloseTo(1, 5);
    expect(template.liveness).toBeGreaterThanOrEqual(0);
    expect(template.liveness).toBeLessThanOrEqual(1);
    expect(template.face.eyeDistance).toBeGreaterThan(40);
  });

  it('puts a photo and a cropped, scaled, mirrored, re-encoded copy far below the threshold', async () => {
    const original = readPhoto(LIVE);
    const { face } = await service.extractTemplate(original, 'single');
    const margin = face.box.width;
    const left = Math.max(0, Math.round(face.box.x - margin));
    const top = Math.max(0, Math.round(face.box.y - margin));
    const copy = await sharp(original)
      .rotate()
      .extract({ left, top, width: Math.min(480 - left, Math.round(3 * margin)), height: Math.min(640 - top, Math.round(3 * face.box.height)) })
      .resize({ width: 200 })
      .flop()
      .jpeg({ quality: 70 })
      .toBuffer();
    const a = await service.extractTemplate(original, 'single');
    const b = await service.extractTemplate(copy, 'single');
    const result = service.compare(a.embedding, b.embedding);
    expect(result.distance).toBeLessThan(config.match.distanceThreshold / 2);
    expect(result.confidence).toBeGreaterThan(config.match.confidenceThreshold);
  });

  it('decodes a big photo small (shrink-on-load) and still matches the original', async () => {
    const original = readPhoto(LIVE);
    const big = await sharp(original).rotate().resize({ width: 1920 }).jpeg({ quality: 90 }).toBuffer(); // 1920x2560
    const [a, b] = await Promise.all([original, big].map((photo) => service.extractTemplate(photo, 'single')));
    expect([b.imageWidth, b.imageHeight]).toEqual([1920, 2560]);
    expect(b.face.eyeDistance / a.face.eyeDistance).toBeCloseTo(4, 0);
    expect(service.compare(a.embedding, b.embedding).distance).toBeLessThan(config.match.distanceThreshold / 2);
  });

  it('skips the mirror passes only when the first pass alone is close enough to the given template (earlyMatch)', async () => {
    const full = await service.extractTemplate(readPhoto(SORKIN_1), 'single');
    expect(full.mirrorPass).toBe(true);
    const same = await service.extractTemplate(readPhoto(SORKIN_2), 'single');
    const other = await service.extractTemplate(readPhoto(OTHER), 'single');
    const sameCosine = cosineSimilarity(same.firstPass, full.embedding);
    // Close enough: the first pass is the answer; no flip cosine, no mirror landmarks, no plausibility check.
    const early = await service.extractTemplate(readPhoto(SORKIN_2), 'single', { earlyMatch: { template: full.embedding, minCosine: sameCosine - 0.01 } });
    expect(early).toMatchObject({ mirrorPass: false, quality: { flipCosine: null, mirrorShift: null } });
    expect(Array.from(early.embedding)).toEqual(Array.from(same.firstPass));
    // Not close enough (a stranger, or a bar above the cosine): the full template, exactly as without the option.
    for (const [photo, minCosine, expected] of [[OTHER, sameCosine - 0.01, other], [SORKIN_2, sameCosine + 0.01, same]] as const) {
      const late = await service.extractTemplate(readPhoto(photo), 'single', { earlyMatch: { template: full.embedding, minCosine } });
      expect(late.mirrorPass).toBe(true);
      expect(Array.from(late.embedding)).toEqual(Array.from(expected.embedding));
      expect(late.quality.flipCosine).toBeCloseTo(expected.quality.flipCosine!, 6);
    }
  });

  it('skips the mirror passes of a head turned beyond mirrorPassMaxYawDeg, and only of that one', async () => {
    const [facing, turned] = await Promise.all([FACING, TURNED].map((f) => service.extractTemplate(readPhoto(f), 'largest')));
    const yaw = (t: typeof facing) => Math.abs(headPose(t.face.points68).yaw);
    expect(yaw(facing)).toBeLessThan(10);
    expect(yaw(turned)).toBeGreaterThan(20);
    const [facingGated, turnedGated] = await Promise.all([FACING, TURNED].map((f) => service.extractTemplate(readPhoto(f), 'largest', { mirrorPassMaxYawDeg: 15 })));
    expect(facingGated.mirrorPass).toBe(true);
    expect(Array.from(facingGated.embedding)).toEqual(Array.from(facing.embedding));
    expect(turnedGated).toMatchObject({ mirrorPass: false, quality: { flipCosine: null, mirrorShift: null } });
    expect(Array.from(turnedGated.embedding)).toEqual(Array.from(turned.firstPass));
    // The same face either way: what same_person compares it with does not move.
    expect(cosineSimilarity(turnedGated.embedding, turned.embedding)).toBeGreaterThan(0.97);
    expect(turnedGated.face.points68).toEqual(turned.face.points68);
  });

  it('matches two photos of one person and rejects two different people by a wide margin', async () => {
    const [a, b, c] = await Promise.all([SORKIN_1, SORKIN_2, OTHER].map((f) => service.extractTemplate(readPhoto(f), 'single')));
    const same = service.compare(a.embedding, b.embedding);
    const different = service.compare(a.embedding, c.embedding);
    expect(same.distance).toBeLessThan(config.match.distanceThreshold);
    expect(different.distance).toBeGreaterThan(config.match.distanceThreshold * 1.3);
    expect(different.confidence).toBeLessThan(config.match.confidenceThreshold);
    expect(same.confidence).toBeGreaterThan(different.confidence);
  });

  it('answers a truncated JPEG, a text file, a 50-megapixel PNG header and a 1x1 PNG with the right error', async () => {
    const jpeg = readPhoto(LIVE);
    await expect(service.extractTemplate(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'single')).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(service.extractTemplate(Buffer.from('just some text\n'), 'single')).rejects.toMatchObject({ code: 'INVALID_IMAGE' });
    await expect(service.extractTemplate(fiftyMegapixelPng(), 'single')).rejects.toMatchObject({
      code: 'INVALID_IMAGE',
      details: { max_pixels: config.uploads.maxPixels },
    });
    const onePixel = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).png().toBuffer();
    await expect(service.extractTemplate(onePixel, 'single')).rejects.toMatchObject({ code: 'NO_FACE' });
  });

  it('refuses a face whose eyes are closer than the configured minimum', async () => {
    const strict = new OnnxInferenceService(loadConfig(process.env, { inference: { minEyeDistancePx: 500 } }));
    await strict.onModuleInit();
    try {
      await expect(strict.extractTemplate(readPhoto(LIVE), 'single')).rejects.toMatchObject({
        code: 'FACE_TOO_SMALL',
        details: { min_eye_distance_px: 500 },
      });
    } finally {
      await strict.onModuleDestroy();
    }
  });

  it('serves a burst of requests through the bounded queue', async () => {
    const photos = [SORKIN_1, SORKIN_2, OTHER, LIVE, SORKIN_1, SORKIN_2].map(readPhoto);
    const templates = await Promise.all(photos.map((p) => service.extractTemplate(p, 'largest')));
    expect(service.compare(templates[0].embedding, templates[4].embedding).distance).toBeCloseTo(0, 6);
  });
});

describe(`${OnnxInferenceService.name} without models`, () => {
  it('starts, reports modelsLoaded false and answers SERVICE_UNAVAILABLE', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'faceauth-no-models-'));
    const service = new OnnxInferenceService(loadConfig(process.env, { inference: { modelsDir: empty } }));
    await service.onModuleInit();
    expect(service.modelsLoaded).toBe(false);
    await expect(service.extractTemplate(readPhoto(LIVE), 'single')).rejects.toBeInstanceOf(ServiceUnavailableError);
    await expect(service.detect(readPhoto(LIVE))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });
});
