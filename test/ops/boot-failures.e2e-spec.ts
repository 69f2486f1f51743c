import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';

const ROOT = join(__dirname, '../..');
const requireFrom = (module: string) => ['-r', join(ROOT, 'node_modules', module)];

interface Boot {
  code: number | null;
  lines: Record<string, any>[];
  output: string;
}

/**
 * The API's entry point (from source, as `npm run start:prod` runs it built) in a scratch working directory with
 * `dotEnv` as its `.env` and `env` as its whole environment: its exit code and everything it printed.
 */
function boot(dotEnv: string[], env: Record<string, string>): Promise<Boot> {
  const dir = mkdtempSync(join(tmpdir(), 'faceauth-boot-'));
  writeFileSync(join(dir, '.env'), dotEnv.join('\n') + '\n');
  const args = [...requireFrom('ts-node/register/transpile-only'), ...requireFrom('tsconfig-paths/register'), join(ROOT, 'apps/api/src/main.ts')];
  const fullEnv = { PATH: process.env.PATH!, HOME: process.env.HOME!, TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env };
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: dir, env: fullEnv, timeout: 150_000 }, (error, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      const output = stdout + stderr;
      const lines = output.split('\n').filter(Boolean).map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return { not_json: line };
        }
      });
      resolve({ code: error ? (error.code as number) : 0, lines, output });
    });
  });
}

const fatal = (run: Boot) => run.lines.filter((line) => line.level === 'fatal').map((line) => line.msg);

describe('A boot that fails', () => {
  let badValues: Boot;
  let unreachable: Boot;
  let port: string;
  beforeAll(async () => {
    port = String(await freePort());
    [badValues, unreachable] = await Promise.all([
      // One bad value from the environment, one from .env: both reported.
      boot(['METRICS_TOKEN=too-short'], { PORT: port, DATABASE_URL: 'mysql://faceauth:mysql-pw@db/faceauth' }),
      // Nothing listens on the port of a free one just released.
      boot([`DATABASE_URL=postgres://faceauth:pg-password-123@127.0.0.1:${port}/faceauth`], { PORT: port }),
    ]);
  }, 180_000);

  it('stops on bad configuration values with exit code 1 and one JSON line per problem naming its variable, never the value', () => {
    expect(badValues.code).toBe(1);
    expect(badValues.lines.filter((line) => line.not_json)).toEqual([]);
    expect(fatal(badValues).sort()).toEqual([
      'FaceAuth failed to start: invalid configuration: DATABASE_URL (databaseUrl): must start with postgres://, postgresql:// or sqlite: (got "mysql:...")',
      'FaceAuth failed to start: invalid configuration: metricsToken: METRICS_TOKEN (metricsToken) must be at least 16 characters',
    ]);
    expect(badValues.lines).toHaveLength(2);
    expect(badValues.output).not.toMatch(/mysql-pw|too-short|\n\s+at /);
  });

  it('stops on a database it cannot reach with exit code 1 and a JSON line naming DATABASE_URL, its password masked', () => {
    expect(unreachable.code).toBe(1);
    expect(unreachable.lines.filter((line) => line.not_json)).toEqual([]);
    expect(fatal(unreachable)).toEqual([`FaceAuth failed to start: DATABASE_URL (postgres://faceauth:***@127.0.0.1:${port}/faceauth): the database cannot be reached (ECONNREFUSED)`]);
    expect(unreachable.lines[unreachable.lines.length - 1]).toMatchObject({ level: 'fatal', error_code: 'ECONNREFUSED' });
    expect(unreachable.output).not.toContain('pg-password-123');
  });
});
