import { EventBuffer } from './event-buffer';

async function until(condition: () => boolean, deadlineMs = 2000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe(EventBuffer.name, () => {
  it('delivers every pushed item once, in order, in batches', async () => {
    const delivered: number[][] = [];
    const buffer = new EventBuffer<number>(async (batch) => void delivered.push(batch), { batchSize: 3, retryMs: 10, onError: () => undefined });
    for (let i = 0; i < 7; i++) buffer.push(i);
    await until(() => buffer.size === 0);
    expect(delivered.flat()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Math.max(...delivered.map((b) => b.length))).toBeLessThanOrEqual(3);
  });

  it('keeps a failed batch and delivers it on retry, losing nothing', async () => {
    const delivered: number[] = [];
    let down = true;
    const errors: number[] = [];
    const buffer = new EventBuffer<number>(
      async (batch) => {
        if (down) throw new Error('redis is down');
        delivered.push(...batch);
      },
      { batchSize: 2, retryMs: 5, onError: (_e, pending) => errors.push(pending) },
    );
    for (let i = 0; i < 5; i++) buffer.push(i);
    await until(() => errors.length > 0);
    expect(buffer.size).toBe(5);
    down = false;
    await until(() => buffer.size === 0);
    expect(delivered).toEqual([0, 1, 2, 3, 4]);
    buffer.stop();
  });

  it('retries at once on flush(), without waiting for the retry timer', async () => {
    let down = true;
    const delivered: number[] = [];
    const buffer = new EventBuffer<number>(
      async (batch) => {
        if (down) throw new Error('down');
        delivered.push(...batch);
      },
      { batchSize: 10, retryMs: 60_000, onError: () => undefined },
    );
    buffer.push(1);
    await until(() => buffer.size === 1 && (buffer as any).retryTimer !== undefined);
    down = false;
    await buffer.flush();
    expect(delivered).toEqual([1]);
  });
});
