/** Embeddings as bytes for a binary database column: little-endian float32, 4 bytes per value. */
export function embeddingToBuffer(embedding: Float32Array): Buffer {
  const out = Buffer.alloc(embedding.length * 4);
  for (let i = 0; i < embedding.length; i++) out.writeFloatLE(embedding[i], i * 4);
  return out;
}

export function bufferToEmbedding(buffer: Buffer | Uint8Array): Float32Array {
  if (buffer.length % 4 !== 0) throw new RangeError(`embedding bytes must be a multiple of 4, got ${buffer.length}`);
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.length);
  const out = new Float32Array(buffer.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}
