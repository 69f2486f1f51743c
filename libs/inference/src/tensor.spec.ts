import { RawImage } from './image';
import { mirror, packGrey, packNchw } from './tensor';

const rgb: RawImage = { data: Uint8Array.from([255, 127, 0, 1, 2, 3]), width: 2, height: 1, channels: 3 };

describe('packNchw', () => {
  it('writes planar RGB, (v - mean) / std', () => {
    expect(Array.from(packNchw(rgb, { mean: 127, std: 128, order: 'rgb' }))).toEqual([1, -126 / 128, 0, -125 / 128, -127 / 128, -124 / 128]);
  });

  it('writes planar BGR when asked', () => {
    expect(Array.from(packNchw(rgb, { mean: 0, std: 1, order: 'bgr' }))).toEqual([0, 3, 127, 2, 255, 1]);
  });
});

describe('packGrey', () => {
  it('converts with BT.601 weights and scales', () => {
    const out = packGrey(rgb, 256);
    expect(out[0]).toBeCloseTo(Math.round(0.299 * 255 + 0.587 * 127) / 256, 7);
    expect(out[1]).toBeCloseTo(2 / 256, 7);
  });
});

describe('mirror', () => {
  it('flips pixels left-right, keeping each pixel\'s channels', () => {
    expect(Array.from(mirror(rgb).data)).toEqual([1, 2, 3, 255, 127, 0]);
  });
});
