import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigValidationError } from '@faceauth/config';

/**
 * Development without FACEAUTH_SECRET: a generated secret kept in `.faceauth-secret`, beside the SQLite
 * database file (so a database and the secret that opens its keys travel together, and each test database
 * gets its own), or in `<project>/data/` for PostgreSQL and in-memory SQLite. Production never gets here:
 * the configuration refuses a missing secret when NODE_ENV=production.
 */
export const DEV_SECRET_FILE = '.faceauth-secret';

export function devSecretPath(sqliteFile: string | null, projectRoot: string): string {
  const dir = sqliteFile && sqliteFile !== ':memory:' ? dirname(sqliteFile) : join(projectRoot, 'data');
  return join(dir, DEV_SECRET_FILE);
}

/**
 * Reads the development secret at `path`, creating it first when absent. The file is written aside and
 * hard-linked into place, so two processes starting at once both end up with the one that won, complete.
 */
export function readOrCreateDevSecret(path: string): { secret: string; created: boolean } {
  let created = false;
  mkdirSync(dirname(path), { recursive: true });
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(aside, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
    linkSync(aside, path);
    created = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      // never written (e.g. read-only folder): the error above says why
    }
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < 32) {
    throw new ConfigValidationError(`Invalid configuration: the development secret file ${path} holds no valid secret: delete it or set FACEAUTH_SECRET`);
  }
  return { secret, created };
}
