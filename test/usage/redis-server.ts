import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A Redis of the test's own (port 4300-4399) that can be killed and restarted with its data: append-only
 * file fsynced on every write, as a production Redis holding a queue should be. (scripts/services/redis.sh
 * runs without persistence and deletes its folder on stop, so a restart there would start empty.)
 */
export class OwnRedis {
  private readonly dir = mkdtempSync(join(tmpdir(), 'faceauth-redis-'));
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort(4300, 4399));
    redis.up();
    return redis;
  }

  up(): void {
    execFileSync('redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir,
      '--pidfile', join(this.dir, 'redis.pid'), '--logfile', join(this.dir, 'redis.log'),
    ]);
    for (let i = 0; i < 100; i++) {
      try {
        if (execFileSync('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' }).trim() === 'PONG') return;
      } catch {
        // not up yet
      }
      execFileSync('sleep', ['0.05']);
    }
    throw new Error(`redis on ${this.port} did not start`);
  }

  /** Kills the server outright (no graceful shutdown): only what was fsynced survives. */
  kill(): void {
    const pid = Number(readFileSync(join(this.dir, 'redis.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    for (let i = 0; i < 100; i++) {
      try {
        process.kill(pid, 0);
        execFileSync('sleep', ['0.05']);
      } catch {
        rmSync(join(this.dir, 'redis.pid'), { force: true });
        return;
      }
    }
  }

  stop(): void {
    try {
      this.kill();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

async function freePort(from: number, to: number): Promise<number> {
  const ports = Array.from({ length: to - from + 1 }, (_, i) => from + i).sort(() => Math.random() - 0.5);
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}
