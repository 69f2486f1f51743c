// A built API under load: started from a checkout's dist/, set up with an enterprise account and one enrolled
// photo, driven with autocannon; its CPU time and RSS read from /proc. Used by bench:api, for this checkout and
// for a baseline checkout side by side.
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, quantile, round, setupFetch, waitForApi } from './bench-support';
import { drive, multipart, Run } from './http-load';
import { createScratchDatabase, isPostgresUrl } from './scratch-postgres';

export const USER = 'bench-user';

export interface LoadResult {
  connections: number;
  requests: number;
  non_2xx: number;
  errors: number;
  seconds: number;
  rps: number;
  latency_ms: { min: number; p50: number; p90: number; p99: number; mean: number; max: number };
  /** CPU time of the server process (every thread) per request, and cores kept busy on average (Linux). */
  server_cpu_ms_per_request: number | null;
  server_cores_busy: number | null;
}

/** Several runs as one: latencies pooled, counts, time and CPU summed. */
export function pooled(runs: Run[]): Run {
  const sum = (pick: (r: Run) => number) => runs.reduce((a, r) => a + pick(r), 0);
  return {
    connections: runs[0].connections,
    latencies: runs.flatMap((r) => r.latencies),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    seconds: sum((r) => r.seconds),
    serverCpuMs: runs.every((r) => r.serverCpuMs !== null) ? sum((r) => r.serverCpuMs!) : null,
  };
}

export function summarise({ connections, latencies, non2xx, errors, seconds, serverCpuMs: cpu }: Run): LoadResult {
  return {
    connections,
    requests: latencies.length,
    non_2xx: non2xx,
    errors,
    seconds: round(seconds),
    rps: round(latencies.length / seconds),
    latency_ms: latencyStats(latencies),
    server_cpu_ms_per_request: cpu === null ? null : round(cpu / Math.max(1, latencies.length)),
    server_cores_busy: cpu === null ? null : round(cpu / 1000 / seconds),
  };
}

function latencyStats(latencies: number[]): LoadResult['latency_ms'] {
  return {
    min: round(Math.min(...latencies)),
    p50: round(quantile(latencies, 0.5)),
    p90: round(quantile(latencies, 0.9)),
    p99: round(quantile(latencies, 0.99)),
    mean: round(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
    max: round(Math.max(...latencies)),
  };
}

/** Resident set size of a process in MB (Linux /proc, else ps). */
export function rssMb(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(status, 'utf8'))?.[1]);
    return round(kb / 1024, 1);
  }
  return round(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024, 1);
}

/** One started API: POST /verify of the enrolled photo (`verify`) or of a name nobody enrolled (`unknown`, 404). */
export interface ApiUnderTest {
  label: string;
  baseUrl: string;
  pid: number;
  /** The registered account's secret API key. */
  apiKey: string;
  verify(connections: number, amount: number): Promise<Run>;
  unknown(connections: number, amount: number): Promise<Run>;
  rss(): number;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/apps/api/src/main.js` of the checkout at `root` (already built) on the embedded defaults (a
 * temp SQLite database, the in-process queue) unless `env` names a PostgreSQL server (DATABASE_URL: a scratch
 * database on it, dropped at stop) or a Redis (REDIS_URL), registers an account, moves it to the enterprise plan
 * (the limits never answer instead of the API), enrolls the photo and checks that verify matches it.
 */
export async function startApi(label: string, root: string, photo: Buffer, options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; port?: number } = {}): Promise<ApiUnderTest> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const scratch = mkdtempSync(join(tmpdir(), 'faceauth-bench-api-'));
  // Backends only from `env` (bench:api --env or a --variants entry), never from this shell's environment.
  const pg = isPostgresUrl(options.env?.DATABASE_URL) ? await createScratchDatabase(options.env.DATABASE_URL) : null;
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PORT: String(port), DATABASE_URL: pg?.url ?? `sqlite:${join(scratch, 'bench.sqlite')}` };
  if (!options.env?.REDIS_URL) delete env.REDIS_URL;
  const log = createWriteStream(join(scratch, 'api.log'));
  const server: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), join(root, 'dist/apps/api/src/main.js')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout!.pipe(log);
  server.stderr!.pipe(process.stderr);
  const stop = async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)));
    await pg?.drop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    await waitForApi(baseUrl, server, { healthy: true });
    const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
    const registered = await setupFetch(`${baseUrl}/api/v1/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, name: 'Bench' }),
    }).then((r) => r.json());
    const key: string = registered.api_key;
    // Enterprise: 10,000 calls per minute and no monthly cap, so the limits never answer instead of the API.
    execFileSync(process.execPath, [join(root, 'dist/apps/api/src/cli.js'), 'set-plan', email, 'enterprise'], { cwd: root, env, stdio: 'ignore' });
    // One body serves both routes: enroll the photo under USER, then verify it against USER.
    const form = multipart({ name: USER }, { field: 'image', name: 'photo.jpg', type: 'image/jpeg', data: photo });
    const headers = { 'content-type': form.contentType, 'x-api-key': key };
    const enrolled = await setupFetch(`${baseUrl}/api/v1/enroll`, { method: 'POST', headers, body: Uint8Array.from(form.body) });
    if (enrolled.status !== 201) throw new Error(`${label}: enroll answered ${enrolled.status}: ${await enrolled.text()}`);
    const url = `${baseUrl}/api/v1/verify`;
    const check = await setupFetch(url, { method: 'POST', headers, body: Uint8Array.from(form.body) }).then((r) => r.json());
    if (check.match !== true) throw new Error(`${label}: verify of the enrolled photo did not match: ${JSON.stringify(check)}`);
    // The same request for a name nobody enrolled: key check, rate limit, quota, lookup, usage log and the 404
    // envelope, but no inference.
    const unknown = multipart({ name: 'nobody-enrolled' }, { field: 'image', name: 'photo.jpg', type: 'image/jpeg', data: photo });
    const pid = server.pid!;
    return {
      label,
      baseUrl,
      pid,
      apiKey: key,
      verify: (connections, amount) => drive(url, headers, form.body, connections, amount, pid),
      unknown: (connections, amount) => drive(url, { ...headers, 'content-type': unknown.contentType }, unknown.body, connections, amount, pid, 404),
      rss: () => rssMb(pid),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
