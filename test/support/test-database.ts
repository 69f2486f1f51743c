import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScratchDatabase } from '../../scripts/bench/scratch-postgres';

export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'postgresql';
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test app: a new database on the PostgreSQL server of
 * TEST_DATABASE_URL when set (the suite runs twice, once each way), else a temp SQLite file.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) {
    const dir = mkdtempSync(join(tmpdir(), 'faceauth-test-'));
    return { url: `sqlite:${join(dir, 'test.sqlite')}`, kind: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  return { ...(await createScratchDatabase(admin, 'faceauth_test')), kind: 'postgresql' };
}
