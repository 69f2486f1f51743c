import { MikroORM } from '@mikro-orm/core';
import { Test, TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { Account, newAccountPublicId } from '@faceauth/accounts';
import { ApiKeysModule } from '@faceauth/api-keys';
import { ConfigModule } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { QuotaService, UsageEvent, UsageQueue, UsageRecorder, UsageRetention } from '@faceauth/usage';
import { ENTITIES } from '../../apps/api/src/entities';
import { USAGE_REPOSITORIES } from '../../libs/usage/src/repositories';
import { UsageReportService } from '../../libs/usage/src/report/usage-report.service';
import { uniqueEmail } from '../factories/accounts';
import { createTestDatabase, TestDatabase } from '../support/test-database';

export interface UsageMedium {
  module: TestingModule;
  database: TestDatabase;
  orm: MikroORM;
  /** Inserts an account (usage rows need one: foreign keys) and returns its id. */
  account(plan?: string): Promise<number>;
  /** Runs SQL on the test database (placeholders `?`). */
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The report settles the queue before it reads: here the tests record events with UsageRecorder, nothing waits. */
const NOTHING_PENDING: Pick<UsageQueue, 'settle'> = { settle: () => Promise.resolve() };

/**
 * The usage services and their repositories on a fresh migrated database, wired by a Nest testing module with
 * ConfigModule and DatabaseModule only: no HTTP, no models, no queue (NOTHING_PENDING stands in for it).
 */
export async function startUsageMedium(overrides: Record<string, any> = {}): Promise<UsageMedium> {
  const database = await createTestDatabase();
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot({ databaseUrl: database.url, logLevel: 'silent', ...overrides }), DatabaseModule.forRoot(ENTITIES), ApiKeysModule],
    providers: [...USAGE_REPOSITORIES, QuotaService, UsageRecorder, UsageReportService, UsageRetention, { provide: UsageQueue, useValue: NOTHING_PENDING }],
  }).compile();
  await module.init();
  const orm = module.get(MikroORM);
  return {
    module,
    database,
    orm,
    account: async (plan = 'free') => {
      const now = new Date();
      return Number(await orm.em.fork().insert(Account, { email: uniqueEmail(), name: 'Medium Test', plan, publicId: newAccountPublicId(), createdAt: now, updatedAt: now }));
    },
    sql: (query, params = []) => orm.em.getConnection().execute(query, params as any[]),
    close: async () => {
      await module.close();
      await database.drop();
    },
  };
}

/** A usage event of `accountId` at `time`, successful unless `errorCode` is given. */
export function usageEvent(accountId: number, time: Date, errorCode: string | null = null): UsageEvent {
  return {
    eventId: randomUUID(),
    requestId: randomUUID(),
    accountId,
    keyId: 1,
    endpoint: 'verify',
    statusCode: errorCode ? 422 : 200,
    success: errorCode === null,
    errorCode,
    latencyMs: 12,
    time: time.toISOString(),
  };
}

export const DAY_MS = 86_400_000;
