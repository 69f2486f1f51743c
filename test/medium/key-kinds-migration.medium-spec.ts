import { MikroORM } from '@mikro-orm/core';
import { createTestDatabase } from '../support/test-database';
import { databaseModule } from './database-medium';

describe('the key-kinds migration', () => {
  it('turns the keys of an existing database into secret keys and gives its accounts public ids', async () => {
    const database = await createTestDatabase();
    const module = await databaseModule(database, { migrate: false });
    try {
      const orm = module.get(MikroORM);
      const migrator = orm.getMigrator();
      const all = (await migrator.getPendingMigrations()).map((migration) => migration.name);
      const keyKinds = all.find((name) => name.includes('20261201090000'))!;
      // The schema as it was before key kinds, with an account and its one key.
      await migrator.up({ to: all[all.indexOf(keyKinds) - 1] });
      const sql = (query: string, params: unknown[] = []) => orm.em.getConnection().execute(query, params);
      const now = orm.em.getPlatform().processDateProperty(new Date());
      await sql("insert into accounts (email, name, plan, created_at, updated_at) values ('old@example.com', 'Old', 'free', ?, ?)", [now, now]);
      const [account] = await sql("select id from accounts where email = 'old@example.com'");
      await sql("insert into api_keys (account_id, key_hash, display_prefix, display_suffix, created_at) values (?, ?, 'fa_abcd', 'wxyz', ?)", [account.id, 'a'.repeat(64), now]);

      await migrator.up();
      const [key] = await sql('select kind, name, allowed_origins, last_used_at, revoked_at from api_keys');
      expect(key).toMatchObject({ kind: 'secret', name: null, allowed_origins: null, last_used_at: null, revoked_at: null });
      const [migrated] = await sql('select public_id from accounts');
      expect(migrated.public_id).toMatch(/^acct_[0-9a-f]{24}$/);
    } finally {
      await module.close();
      await database.drop();
    }
  });
});
