// What the benchmark scripts share: the load generator, statistics, and starting the built API.
import { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** The slice of autocannon's API used here (the package ships no types). */
export interface AutocannonRun extends PromiseLike<{ non2xx: number; errors: number; timeouts: number }> {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void;
}
export const autocannon: (options: Record<string, unknown>) => AutocannonRun = require('autocannon');

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Linear-interpolated quantile q (0..1) of the values. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (pos - lo);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Waits until the API answers /health: with `healthy`, until it answers 200 (models loaded); otherwise until it
 * answers at all. Fails early when the server process exits.
 */
export async function waitForApi(baseUrl: string, server: ChildProcess, { healthy }: { healthy: boolean }): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`API exited with code ${server.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (!healthy || res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`API did not ${healthy ? 'become healthy' : 'listen'} within 120 s`);
}

/**
 * fetch for the setup calls, retried once on a network error: a slow step (seeding, the set-plan command) can
 * outlast the server's keep-alive timeout, and the next request may then go to a socket the server just closed.
 */
export async function setupFetch(url: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fetch(url, init);
  }
}

/** The benchmarks' photo (shared datasets): a 640x480 portrait JPEG with EXIF orientation 6. */
export const BENCH_PHOTO = 'spoof_samples/live/image_T1.jpg';

// Split at the first separator only: values may be URLs (DATABASE_URL=postgres://host:5432/db?x=y).
function splitOnce(text: string, separator: string): [string, string] {
  const i = text.indexOf(separator);
  return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + 1)];
}

/** 'X=1,Y=2' -> { X: '1', Y: '2' }. */
export function parseAssignments(list: string): Record<string, string> {
  return Object.fromEntries(list.split(',').filter(Boolean).map((a) => splitOnce(a, '=')));
}

/** 'a:X=1,Y=2;b:X=3' -> [{ label: 'a', env: { X: '1', Y: '2' } }, { label: 'b', env: { X: '3' } }]; a label alone is the defaults. */
export function parseVariants(spec: string): Array<{ label: string; env: Record<string, string> }> {
  return spec.split(';').filter(Boolean).map((part) => {
    const [label, assignments] = splitOnce(part, ':');
    return { label: label.trim(), env: parseAssignments(assignments) };
  });
}

/** JSON.stringify replacer for reports: the password of a URL (DATABASE_URL=postgres://user:secret@...) is not written. */
export function hidePasswords(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/i, '$1:***@') : value;
}
