import { Test, TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { ENTITIES } from '../../apps/api/src/entities';
import { TestDatabase } from '../support/test-database';

/** Config and the database module alone on `database`, initialised (migrations applied unless `migrate: false`). */
export async function databaseModule(database: TestDatabase, options: { migrate?: boolean } = {}): Promise<TestingModule> {
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot({ databaseUrl: database.url, logLevel: 'silent' }), DatabaseModule.forRoot(ENTITIES, options)],
  }).compile();
  await module.init();
  return module;
}
