import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the operator CLI from source (ts-node) against a database, as an operator would, and collects its output. */
export function runCli(databaseUrl: string, ...args: string[]): Promise<CliRun> {
  return runCliWithEnv({}, databaseUrl, ...args);
}

/** runCli with more environment variables (configuration the command reads, e.g. REGISTRATION). */
export async function runCliWithEnv(env: Record<string, string>, databaseUrl: string, ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['ts-node', '-r', 'tsconfig-paths/register', '--transpile-only', 'apps/api/src/cli.ts', ...args], {
      env: { ...process.env, ...env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      cwd: join(__dirname, '../..'),
    });
    return { code: 0, stdout, stderr };
  } catch (error: any) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}
