import { RawImage } from './image';
import { imageQuality, yawOf } from './quality';

function image(pixel: (x: number, y: number) => number): RawImage {
  const data = new Uint8Array(112 * 112 * 3);
  for (let y = 0; y < 112; y++) for (let x = 0; x < 112; x++) data.fill(pixel(x, y), (y * 112 + x) * 3, (y * 112 + x) * 3 + 3);
  return { data, width: 112, height: 112, channels: 3 };
}

describe('face quality measures', () => {
  it('reads a flat grey crop as dark or bright and perfectly blurred', () => {
    expect(imageQuality(image(() => 30))).toEqual({ sharpness: 0, brightness: 30, overexposed: 0 });
    expect(imageQuality(image(() => 255))).toMatchObject({ brightness: 255, overexposed: 1 });
  });

  it('finds fine detail sharper than a smooth ramp', () => {
    const checker = imageQuality(image((x, y) => ((x + y) % 2 ? 200 : 50)));
    const ramp = imageQuality(image((x) => x * 2));
    expect(checker.sharpness).toBeGreaterThan(1000);
    expect(ramp.sharpness).toBeLessThan(1);
  });

  it('measures yaw as the nose offset from the face midline in eye distances', () => {
    const face = (noseX: number) => [{ x: 40, y: 50 }, { x: 72, y: 50 }, { x: noseX, y: 70 }, { x: 42, y: 90 }, { x: 70, y: 90 }];
    expect(yawOf(face(56))).toBeCloseTo(0, 2);
    expect(yawOf(face(64))).toBeCloseTo(0.25, 2);
    expect(yawOf(face(48))).toBeCloseTo(-0.25, 2);
  });
});
