import { MikroORM } from '@mikro-orm/core';
import { DatabaseModule } from '@faceauth/database';
import { createTestDatabase } from '../support/test-database';
import { databaseModule } from './database-medium';

describe(DatabaseModule.name, () => {
  it('applies every migration exactly once when three processes start together on one empty database', async () => {
    const database = await createTestDatabase();
    const modules = await Promise.all([databaseModule(database), databaseModule(database), databaseModule(database)]);
    try {
      const rows: { name: string }[] = await modules[0].get(MikroORM).em.getConnection().execute('select name from mikro_orm_migrations');
      const names = rows.map((row) => row.name);
      expect(names.length).toBeGreaterThan(3);
      expect(new Set(names).size).toBe(names.length);
    } finally {
      await Promise.all(modules.map((module) => module.close()));
      await database.drop();
    }
  });

  it('leaves the schema alone when started with migrate: false (operator commands other than migrate)', async () => {
    const database = await createTestDatabase();
    const module = await databaseModule(database, { migrate: false });
    try {
      const migrator = module.get(MikroORM).getMigrator();
      expect((await migrator.getExecutedMigrations()).length).toBe(0);
    } finally {
      await module.close();
      await database.drop();
    }
  });
});
