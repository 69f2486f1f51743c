// The load the API benchmark drives: POST requests with one prebuilt multipart body, over autocannon.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { autocannon } from './bench-support';

/** What one load run measured, before any statistics. */
export interface Run {
  connections: number;
  /** Client latency (ms) of each response with the expected status. */
  latencies: number[];
  non2xx: number;
  errors: number;
  seconds: number;
  /** CPU time the server process used meanwhile (every thread), null where /proc is missing. */
  serverCpuMs: number | null;
}

/** CPU time (user + system, every thread) a process has used, in ms; null where /proc is missing. */
export function cpuMs(pid: number): number | null {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return null;
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = readFileSync(stat, 'utf8').split(') ')[1].split(' ');
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** A multipart/form-data body: the text fields, then the files in order. */
export function multipart(fields: Record<string, string>, files: FormFile | FormFile[]): { body: Buffer; contentType: string } {
  const boundary = `----faceauth-bench-${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of Array.isArray(files) ? files : [files]) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface FormFile {
  field: string;
  name: string;
  type: string;
  data: Buffer;
}

/** `amount` POST /verify requests over `connections` connections; latencies from autocannon's response events. */
export async function drive(
  url: string, headers: Record<string, string>, body: Buffer, connections: number, amount: number, serverPid: number, expected = 200,
): Promise<Run> {
  const latencies: number[] = [];
  const cpuBefore = cpuMs(serverPid);
  const started = performance.now();
  let lastResponse = started;
  let cpuAfter: number | null = null;
  const instance = autocannon({ url, method: 'POST', headers, body, connections, amount, timeout: 30 });
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode === expected) latencies.push(responseTime);
    // autocannon resolves on its next one-second tick: the run ends at the last response instead.
    lastResponse = performance.now();
    cpuAfter = cpuMs(serverPid);
  });
  const result = await instance;
  const seconds = (lastResponse - started) / 1000;
  return {
    connections,
    latencies,
    non2xx: expected === 200 ? result.non2xx : amount - latencies.length,
    errors: result.errors + result.timeouts,
    seconds,
    serverCpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
  };
}

