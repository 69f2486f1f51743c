import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError } from '@faceauth/config';
import { DEV_SECRET_FILE, devSecretPath, readOrCreateDevSecret } from './dev-secret';

describe(readOrCreateDevSecret.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'faceauth-dev-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the file beside a SQLite database, else in the project data folder', () => {
    expect(devSecretPath('/srv/db/faceauth.sqlite', '/app')).toBe(`/srv/db/${DEV_SECRET_FILE}`);
    expect(devSecretPath(':memory:', '/app')).toBe(`/app/data/${DEV_SECRET_FILE}`);
    expect(devSecretPath(null, '/app')).toBe(`/app/data/${DEV_SECRET_FILE}`);
  });

  it('creates a 256-bit secret once, readable by the owner only, and reads it back afterwards', () => {
    const path = join(dir, 'nested', DEV_SECRET_FILE);
    const first = readOrCreateDevSecret(path);
    expect(first.created).toBe(true);
    expect(first.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(path).mode & 0o077).toBe(0);
    expect(readOrCreateDevSecret(path)).toEqual({ secret: first.secret, created: false });
    expect(readFileSync(path, 'utf8').trim()).toBe(first.secret);
  });

  it('refuses a file that holds no usable secret, naming the file', () => {
    const path = join(dir, DEV_SECRET_FILE);
    writeFileSync(path, 'short\n');
    expect(() => readOrCreateDevSecret(path)).toThrow(ConfigValidationError);
    expect(() => readOrCreateDevSecret(path)).toThrow(path);
  });
});
