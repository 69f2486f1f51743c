/**
 * Buffers one photo's run reuses instead of allocating: the decoded pixels (~1 MB for 640x480) and the
 * detector's input tensor (0.9 MB). Fresh ones per photo were zero-filled every time and counted as external
 * memory, which made V8 scavenge every few photos (docs/performance.md). One Scratch serves one run at a time.
 */
export class Scratch {
  private pixelBuffer = Buffer.alloc(0);
  private tensorBuffer = new Float32Array(0);

  /** A buffer of at least `bytes` bytes; its contents are stale. */
  pixels(bytes: number): Buffer {
    if (this.pixelBuffer.length < bytes) this.pixelBuffer = Buffer.allocUnsafeSlow(bytes);
    return this.pixelBuffer;
  }

  /** Exactly `length` floats; their values are stale. */
  tensor(length: number): Float32Array {
    if (this.tensorBuffer.length < length) this.tensorBuffer = new Float32Array(length);
    return this.tensorBuffer.subarray(0, length);
  }
}

/** Scratch objects for runs that may overlap: take one per run, give it back when the run ends. */
export class ScratchPool {
  private readonly free: Scratch[] = [];

  async with<T>(work: (scratch: Scratch) => Promise<T>): Promise<T> {
    const scratch = this.free.pop() ?? new Scratch();
    try {
      return await work(scratch);
    } finally {
      this.free.push(scratch);
    }
  }
}
