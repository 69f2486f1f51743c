import { bufferToEmbedding, embeddingToBuffer } from './embedding-codec';

describe('embedding codec', () => {
  it('round-trips float32 values exactly as 4 little-endian bytes each', () => {
    const embedding = Float32Array.from([1.5, -0.25, 3.4028234663852886e38, 0]);
    const bytes = embeddingToBuffer(embedding);
    expect(bytes.length).toBe(16);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0, 0, 0xc0, 0x3f]));
    expect(bufferToEmbedding(bytes)).toEqual(embedding);
  });

  it('reads from a buffer that is a slice of a bigger one', () => {
    const big = Buffer.concat([Buffer.from([9, 9, 9]), embeddingToBuffer(Float32Array.from([2, 4]))]);
    expect(Array.from(bufferToEmbedding(big.subarray(3)))).toEqual([2, 4]);
  });

  it('refuses a byte length that is not a multiple of 4', () => {
    expect(() => bufferToEmbedding(Buffer.alloc(6))).toThrow(RangeError);
  });
});
