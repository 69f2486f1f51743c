import { InferenceService, StageTimings } from '@faceauth/inference';
import { readFileSync } from 'node:fs';

export interface Embedded {
  path: string;
  identity: string;
  /** null when no usable face was found (counts as a non-match in every pair). */
  embedding: Float32Array | null;
  /** Eye distance in original pixels of the face embedded. */
  eyeDistance?: number;
  error?: string;
}

/** Runs `work` over `items` with at most `parallel` in flight, keeping the input order. */
export async function mapPool<T, R>(items: T[], parallel: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return out;
}

/** Embeds each image once ('largest' face policy, as verify does). */
export async function embedAll(
  service: InferenceService,
  items: Array<{ path: string; identity: string }>,
  parallel: number,
  onProgress?: (done: number) => void,
): Promise<Embedded[]> {
  let done = 0;
  return mapPool(items, parallel, async (item) => {
    const timings: StageTimings = {};
    try {
      const template = await service.extractTemplate(readFileSync(item.path), 'largest', { timings });
      return { ...item, embedding: template.embedding, eyeDistance: template.face.eyeDistance };
    } catch (error) {
      if (!error.code) throw error;
      return { ...item, embedding: null, error: error.code };
    } finally {
      if (++done % 100 === 0) onProgress?.(done);
    }
  });
}
