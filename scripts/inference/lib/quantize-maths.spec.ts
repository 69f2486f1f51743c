import { activationParams, quantize, quantizeBias, quantizeWeights, roundHalfEven } from './quantize-maths';

describe('quantize maths', () => {
  it('rounds half to even, as QuantizeLinear does', () => {
    expect([2.5, 3.5, -2.5, -3.5, 1.4, -1.6].map(roundHalfEven)).toEqual([2, 4, -2, -4, 1, -2]);
  });

  it('maps an activation range onto uint8 with 0 exact, widening it to hold 0', () => {
    expect(activationParams(-1, 3)).toEqual({ scale: Math.fround(4 / 255), zeroPoint: 64 });
    expect(activationParams(0.5, 2)).toEqual({ scale: Math.fround(2 / 255), zeroPoint: 0 });
    expect(activationParams(-2, -1)).toEqual({ scale: Math.fround(2 / 255), zeroPoint: 255 });
    expect(activationParams(0, 0)).toEqual({ scale: 1, zeroPoint: 0 });
  });

  it('clamps quantized values to the integer range', () => {
    expect(quantize(10, 0.1, 0, -127, 127)).toBe(100);
    expect(quantize(100, 0.1, 0, -127, 127)).toBe(127);
    expect(quantize(-1, 0.01, 64, 0, 255)).toBe(0);
    expect(quantize(0.05, 0.1, 3, 0, 255)).toBe(3); // 0.5 steps: the tie goes to the even 0
  });

  it('quantizes weights per output channel, symmetric, an all-zero channel at scale 1', () => {
    const { values, scales } = quantizeWeights(Float32Array.of(0.2, -0.6, 0.6, 0, 0, 0), 2);
    expect([...scales]).toEqual([Math.fround(0.6 / 127), 1]);
    expect([...values]).toEqual([42, -127, 127, 0, 0, 0]);
  });

  it('keeps weights in 7 bits with reduceRange', () => {
    const { values, scales } = quantizeWeights(Float32Array.of(0.2, -0.6, 0.6), 1, true);
    expect(scales[0]).toBe(Math.fround(0.6 / 63));
    expect([...values]).toEqual([21, -63, 63]);
  });

  it('quantizes biases to int32 at input scale x weight scale, saturating', () => {
    const { values, scales } = quantizeBias(Float32Array.of(0.1, 1e10), 0.02, Float32Array.of(0.5, 0.05));
    expect([...scales]).toEqual([Math.fround(0.01), Math.fround(0.001)]);
    expect([...values]).toEqual([10, 2 ** 31 - 1]);
  });
});
