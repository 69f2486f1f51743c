import { DropReport, EventBuffer, EventBufferOptions } from './event-buffer';

async function until(condition: () => boolean, deadlineMs = 2000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Item n was created at second n. */
const at = (n: number) => new Date(n * 1000);

function options(extra: Partial<EventBufferOptions<number>> = {}): EventBufferOptions<number> {
  return { batchSize: 10, retryMs: 60_000, max: 10_000, timeOf: (n) => at(n).getTime(), onError: () => undefined, onDrop: () => undefined, ...extra };
}

/** A delivery that fails while `down` is set and records what it delivered. */
function flaky() {
  const state = { down: true, delivered: [] as number[], errors: 0 };
  const deliver = async (batch: number[]) => {
    if (state.down) {
      state.errors++;
      throw new Error('redis is down');
    }
    state.delivered.push(...batch);
  };
  return { state, deliver };
}

describe(EventBuffer.name, () => {
  it('delivers every pushed item once, in order, in batches', async () => {
    const delivered: number[][] = [];
    const buffer = new EventBuffer<number>(async (batch) => void delivered.push(batch), options({ batchSize: 3, retryMs: 10 }));
    for (let i = 0; i < 7; i++) buffer.push(i);
    await until(() => buffer.size === 0);
    expect(delivered.flat()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Math.max(...delivered.map((b) => b.length))).toBeLessThanOrEqual(3);
  });

  it('keeps a failed batch and delivers it on retry, losing nothing', async () => {
    const { state, deliver } = flaky();
    const errors: number[] = [];
    const buffer = new EventBuffer<number>(deliver, options({ batchSize: 2, retryMs: 5, onError: (_e, pending) => errors.push(pending) }));
    for (let i = 0; i < 5; i++) buffer.push(i);
    await until(() => errors.length > 0);
    expect(buffer.size).toBe(5);
    state.down = false;
    await until(() => buffer.size === 0);
    expect(state.delivered).toEqual([0, 1, 2, 3, 4]);
    buffer.stop();
  });

  it('with delayMs, delivers what was pushed within the delay in one batch, once the delay is over', async () => {
    const delivered: number[][] = [];
    const buffer = new EventBuffer<number>(async (batch) => void delivered.push(batch), options({ delayMs: 40 }));
    const start = performance.now();
    buffer.push(1);
    buffer.push(2);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(delivered).toEqual([]);
    buffer.push(3);
    await until(() => buffer.size === 0);
    expect(delivered).toEqual([[1, 2, 3]]);
    expect(performance.now() - start).toBeGreaterThanOrEqual(35);
  });

  it('with delayMs, flush() delivers at once, and stop() cancels the wait', async () => {
    const delivered: number[][] = [];
    const buffer = new EventBuffer<number>(async (batch) => void delivered.push(batch), options({ delayMs: 60_000 }));
    buffer.push(1);
    await buffer.flush();
    expect(delivered).toEqual([[1]]);
    buffer.push(2);
    buffer.stop();
    expect((buffer as any).delayTimer).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(delivered).toEqual([[1]]);
    expect(buffer.size).toBe(1);
  });

  it('retries at once on flush(), without waiting for the retry timer', async () => {
    const { state, deliver } = flaky();
    const buffer = new EventBuffer<number>(deliver, options());
    buffer.push(1);
    await until(() => buffer.size === 1 && (buffer as any).retryTimer !== undefined);
    state.down = false;
    await buffer.flush();
    expect(state.delivered).toEqual([1]);
  });

  describe('bound', () => {
    it('holds at most `max` items while deliveries fail, drops the oldest, and delivers the newest in order once they work', async () => {
      const { state, deliver } = flaky();
      const drops: DropReport[] = [];
      const buffer = new EventBuffer<number>(deliver, options({ max: 5, batchSize: 2, onDrop: (r) => drops.push(r) }));
      buffer.push(0);
      await until(() => state.errors === 1);
      for (let i = 1; i < 12; i++) buffer.push(i);
      expect(buffer.size).toBe(5);
      expect(drops).toEqual([]);

      state.down = false;
      await buffer.flush();
      expect(state.delivered).toEqual([7, 8, 9, 10, 11]);
      expect(drops).toEqual([{ dropped: 7, from: at(0), to: at(6) }]);
    });

    it('never drops the items of a delivery in flight', async () => {
      const delivered: number[] = [];
      let release!: () => void;
      const drops: DropReport[] = [];
      const buffer = new EventBuffer<number>(
        async (batch) => {
          if (!delivered.length) await new Promise<void>((resolve) => (release = resolve));
          delivered.push(...batch);
        },
        options({ max: 4, batchSize: 2, onDrop: (r) => drops.push(r) }),
      );
      buffer.push(0); // in flight until released
      for (let i = 1; i < 10; i++) buffer.push(i);
      expect(buffer.size).toBe(4);
      release();
      await until(() => buffer.size === 0);
      expect(delivered).toEqual([0, 7, 8, 9]);
      // Nothing failed, so there is no outage to end: the drops are reported at stop().
      expect(drops).toEqual([]);
      buffer.stop();
      expect(drops).toEqual([{ dropped: 6, from: at(1), to: at(6) }]);
    });

    it('reports a long outage once per 1000 drops, then once for the rest when deliveries work again', async () => {
      const { state, deliver } = flaky();
      const drops: DropReport[] = [];
      const buffer = new EventBuffer<number>(deliver, options({ max: 10, onDrop: (r) => drops.push(r) }));
      buffer.push(0);
      await until(() => state.errors === 1);
      for (let i = 1; i < 2510; i++) buffer.push(i);
      expect(drops).toEqual([
        { dropped: 1000, from: at(0), to: at(999) },
        { dropped: 1000, from: at(1000), to: at(1999) },
      ]);
      state.down = false;
      await buffer.flush();
      expect(drops[2]).toEqual({ dropped: 500, from: at(2000), to: at(2499) });
      expect(drops).toHaveLength(3);
      expect(state.delivered).toEqual(Array.from({ length: 10 }, (_, i) => 2500 + i));
      // Later successes after the outage report nothing more.
      buffer.push(3000);
      await until(() => buffer.size === 0);
      expect(drops).toHaveLength(3);
    });

    it('reports what a shutdown during an outage dropped', async () => {
      const { state, deliver } = flaky();
      const drops: DropReport[] = [];
      const buffer = new EventBuffer<number>(deliver, options({ max: 2, onDrop: (r) => drops.push(r) }));
      buffer.push(0);
      await until(() => state.errors === 1);
      buffer.push(1);
      buffer.push(2);
      buffer.stop();
      expect(drops).toEqual([{ dropped: 1, from: at(0), to: at(0) }]);
      expect(buffer.size).toBe(2);
    });
  });
});
