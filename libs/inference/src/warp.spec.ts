import { RawImage } from './image';
import { cropToSource, warpAffine } from './warp';

/** A grey ramp: value = 10 * x + y. */
function ramp(width: number, height: number): RawImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = 10 * x + y;
  return { data, width, height, channels: 1 };
}

describe('warpAffine', () => {
  it('copies the image unchanged under the identity', () => {
    const src = ramp(8, 6);
    expect(warpAffine(src, [1, 0, 0, 0, 1, 0], 8, 6).data).toEqual(src.data);
  });

  it('interpolates bilinearly between pixels', () => {
    // Shift by half a pixel right and a quarter down: 10 * (x + 0.5) + (y + 0.25), rounded.
    const out = warpAffine(ramp(8, 6), [1, 0, 0.5, 0, 1, 0.25], 4, 4);
    expect(out.data[0]).toBe(5);
    expect(out.data[1 * 4 + 2]).toBe(Math.round(25 + 1.25));
  });

  it('fills black outside the source', () => {
    const out = warpAffine(ramp(4, 4), [1, 0, -10, 0, 1, 0], 4, 4);
    expect(Array.from(out.data)).toEqual(new Array(16).fill(0));
  });

  it('rotates a synthetic pattern by 90 degrees exactly, keeping the channels of a pixel together', () => {
    // 3x2 source with two channels; output (x, y) samples source (y, 1 - x): a 3x2 -> 2x3 rotation.
    const src: RawImage = { data: Uint8Array.from([1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60]), width: 3, height: 2, channels: 2 };
    const out = warpAffine(src, [0, 1, 0, -1, 0, 1], 2, 3);
    expect(Array.from(out.data)).toEqual([4, 40, 1, 10, 5, 50, 2, 20, 6, 60, 3, 30]);
  });

  it('averages the covered pixels when it shrinks (no aliasing of a checkerboard)', () => {
    const size = 16;
    const data = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data[y * size + x] = (x + y) % 2 ? 200 : 0;
    const out = warpAffine({ data, width: size, height: size, channels: 1 }, cropToSource({ x: 0, y: 0, width: 16, height: 16 }, 4, 4), 4, 4);
    for (const v of out.data) expect(v).toBe(100);
  });
});

describe('cropToSource', () => {
  it('maps output pixel centres onto the box at pixel centres', () => {
    // A 4x4 box at (2, 2) onto 2x2: output pixel 0 covers source 2..4, centre 3 -> pixel-centre coordinate 2.5.
    expect(cropToSource({ x: 2, y: 2, width: 4, height: 4 }, 2, 2)).toEqual([2, 0, 2.5, 0, 2, 2.5]);
  });
});
