import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { until } from './usage-helpers';

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
    await redis.up();
    return redis;
  }

  /** Starts the server (with the data it had) and resolves once it answers PING. */
  async up(): Promise<void> {
    execFileSync('redis-server', [
      '--port', String(this.port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir,
      '--pidfile', join(this.dir, 'redis.pid'), '--logfile', join(this.dir, 'redis.log'),
    ]);
    await until(`redis on ${this.port} answering PING`, () => this.answersPing(), 5000);
  }

  /** Kills the server outright (no graceful shutdown): only what was fsynced survives. Resolves once it is gone. */
  async kill(): Promise<void> {
    const pid = Number(readFileSync(join(this.dir, 'redis.pid'), 'utf8'));
    process.kill(pid, 'SIGKILL');
    // A zombie (no init reaping it) still has a pid but no longer answers.
    await until(`redis (pid ${pid}) gone`, async () => !isRunning(pid) || !(await this.answersPing()), 5000);
    rmSync(join(this.dir, 'redis.pid'), { force: true });
  }

  async stop(): Promise<void> {
    try {
      await this.kill();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private async answersPing(): Promise<boolean> {
    try {
      const { stdout } = await promisify(execFile)('redis-cli', ['-p', String(this.port), 'ping'], { encoding: 'utf8' });
      return stdout.trim() === 'PONG';
    } catch {
      return false; // not up yet
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
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
