import { alignFace } from './align';
import { RawImage } from './image';
import { OrientedImage } from './oriented-image';
import { ALIGNED_SIZE, ARCFACE_TEMPLATE } from './similarity-transform';

function pattern(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set([(i * 7) % 256, (i * 13) % 256, (i * 29) % 256], i * 3);
  return { data, width, height, channels: 3 };
}

describe('alignFace', () => {
  it('returns the image itself when the points already sit on the template', () => {
    const image = pattern(ALIGNED_SIZE, ALIGNED_SIZE);
    // Template points are pixel indices; landmarks are continuous coordinates (half a pixel further).
    const five = ARCFACE_TEMPLATE.map((p) => ({ x: p.x + 0.5, y: p.y + 0.5 }));
    expect(alignFace(new OrientedImage(image), five).data).toEqual(image.data);
  });

  it('undoes a 2x enlargement and a shift of the face', () => {
    const small = pattern(ALIGNED_SIZE, ALIGNED_SIZE);
    // Each source pixel repeated 2x2 at offset (10, 20): the aligned crop must give the small image back.
    const big: RawImage = { data: new Uint8Array(300 * 300 * 3), width: 300, height: 300, channels: 3 };
    for (let y = 0; y < 2 * ALIGNED_SIZE; y++) {
      for (let x = 0; x < 2 * ALIGNED_SIZE; x++) {
        const s = (Math.floor(y / 2) * ALIGNED_SIZE + Math.floor(x / 2)) * 3;
        big.data.set(small.data.subarray(s, s + 3), ((y + 20) * 300 + x + 10) * 3);
      }
    }
    const five = ARCFACE_TEMPLATE.map((p) => ({ x: 10 + 2 * (p.x + 0.5), y: 20 + 2 * (p.y + 0.5) }));
    expect(alignFace(new OrientedImage(big), five).data).toEqual(small.data);
  });
});
