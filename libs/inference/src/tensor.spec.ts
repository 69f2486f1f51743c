import { RawImage } from './image';
import { packGrey, packNchw } from './tensor';

const rgb: RawImage = { data: Uint8Array.from([255, 127, 0, 1, 2, 3]), width: 2, height: 1, channels: 3 };

describe('packNchw', () => {
  it('writes planar RGB, (v - mean) / std', () => {
    expect(Array.from(packNchw(rgb, { mean: 127, std: 128, order: 'rgb' }))).toEqual([1, -126 / 128, 0, -125 / 128, -127 / 128, -124 / 128]);
  });

  it('mirrors left-right while packing, row by row', () => {
    const twoRows: RawImage = { data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), width: 2, height: 2, channels: 3 };
    // Planes R, G, B of the mirrored image [[4,5,6],[1,2,3]] / [[10,11,12],[7,8,9]].
    expect(Array.from(packNchw(twoRows, { mean: 0, std: 1, order: 'rgb', mirror: true }))).toEqual([4, 1, 10, 7, 5, 2, 11, 8, 6, 3, 12, 9]);
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
