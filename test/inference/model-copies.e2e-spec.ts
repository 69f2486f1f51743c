import { ModelRunner, packGrey, packNchw, RawImage } from '@faceauth/inference';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { datasetPath } from '../factories/datasets';

// The models script is plain Node (it runs at postinstall, before any build).
const { flushTinyWeights } = require('../../models/flush-tiny-weights') as { flushTinyWeights: (model: Uint8Array) => { data: Buffer; flushed: number } };

const MODELS = join(__dirname, '../../models');
const manifest = JSON.parse(readFileSync(join(MODELS, 'manifest.json'), 'utf8')) as { derived: Array<{ name: string; from: string; transform: string; sha256: string }> };
const flushedCopies = manifest.derived.filter((d) => d.transform === 'flush-tiny-weights');

/** Real photos of both kinds the engine sees: grey LFW crops and CelebA colour photos. */
const PHOTOS = ['lfw_gray_crops/Aaron_Sorkin/Aaron_Sorkin_0001.jpg', 'lfw_gray_crops/Abbas_Kiarostami/Abbas_Kiarostami_0001.jpg', 'celeba_dev/id07372/029198.jpg', 'celeba_dev/id07372/054553.jpg'];

/** Each model's input packed as the engine packs it (the same functions), from the photo resized to the input size. */
const INPUTS: Record<string, { name: string; dims: number[]; pack: (photo: string) => Promise<Float32Array> }> = {
  'fr_landmark.onnx': { name: 'input', dims: [1, 1, 64, 64], pack: async (photo) => packGrey(await rgb(photo, 64), 256) },
  'fr_feature.onnx': { name: 'input', dims: [1, 3, 112, 112], pack: async (photo) => packNchw(await rgb(photo, 112), { mean: 127, std: 128, order: 'bgr' }) },
};

async function rgb(photo: string, size: number): Promise<RawImage> {
  const data = await sharp(readFileSync(datasetPath(photo))).resize(size, size, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
  return { data, width: size, height: size, channels: 3 };
}

async function outputsOf(model: Uint8Array, input: (typeof INPUTS)[string], feeds: Float32Array[]): Promise<Float32Array[]> {
  const runner = await ModelRunner.open(model, { [input.name]: input.dims }, {});
  try {
    const outs: Float32Array[] = [];
    for (const feed of feeds) outs.push(Object.values(await runner.run({ [input.name]: feed }))[0].data);
    return outs;
  } finally {
    await runner.release();
  }
}

describe('the model copies with weights below 1e-20 flushed to zero', () => {
  it('covers the recogniser and the landmark model', () => {
    expect(flushedCopies.map((d) => d.from).sort()).toEqual(['fr_feature.onnx', 'fr_landmark.onnx']);
  });

  describe.each(flushedCopies)('$name', (copy) => {
    const source = readFileSync(join(MODELS, copy.from));
    const { data, flushed } = flushTinyWeights(source);

    it('is what the transform makes of its source, byte for byte (the pinned SHA-256), and the file the models script wrote', () => {
      expect(flushed).toBeGreaterThan(1000);
      expect(createHash('sha256').update(data).digest('hex')).toBe(copy.sha256);
      expect(readFileSync(join(MODELS, copy.name)).equals(data)).toBe(true);
    });

    it('gives the same outputs as its source to the bit on real photos', async () => {
      const input = INPUTS[copy.from];
      const feeds = await Promise.all(PHOTOS.map((photo) => input.pack(photo)));
      const [before, after] = [await outputsOf(source, input, feeds), await outputsOf(data, input, feeds)];
      for (let i = 0; i < feeds.length; i++) {
        expect(before[i].length).toBeGreaterThan(100);
        expect(Buffer.from(after[i].buffer).equals(Buffer.from(before[i].buffer))).toBe(true);
      }
    });
  });
});
