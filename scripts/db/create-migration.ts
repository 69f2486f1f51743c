/**
 * Generates the next migration for both SQLite and PostgreSQL from the entity metadata:
 * `npm run db:migration:create`. Each kind is diffed against a scratch database with the committed
 * migrations applied. PostgreSQL comes from TEST_DATABASE_URL or a throw-away cluster.
 */
import { MikroORM } from '@mikro-orm/core';
import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '@faceauth/config';
import { ormOptions } from '@faceauth/database';
import { ENTITIES } from '../../apps/api/src/entities';

async function generate(url: string, kind: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions(url, ENTITIES, projectRoot()));
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration();
    if (!result.fileName) {
      console.log(`${kind}: schema up to date, nothing generated`);
      return;
    }
    const name = result.fileName.replace(/\.ts$/, '');
    appendFileSync(join(projectRoot(), 'libs/database/src/migrations', kind, 'index.ts'), `export { ${name} } from './${name}';\n`);
    console.log(`${kind}: wrote ${result.fileName}`);
  } finally {
    await orm.close(true);
  }
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'faceauth-migrations-'));
  // The throw-away cluster runs as the postgres user, who must be able to enter this folder.
  chmodSync(scratch, 0o755);
  const pgScript = join(projectRoot(), 'scripts/services/pg.sh');
  let pgUrl = process.env.TEST_DATABASE_URL;
  const ownPg = !pgUrl;
  try {
    await generate(`sqlite:${join(scratch, 'scratch.sqlite')}`, 'sqlite');
    if (ownPg) pgUrl = execFileSync(pgScript, ['start', join(scratch, 'pg'), '5499'], { encoding: 'utf8' }).trim();
    await generate(pgUrl!, 'postgresql');
  } finally {
    if (ownPg) execFileSync(pgScript, ['stop', join(scratch, 'pg')]);
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
