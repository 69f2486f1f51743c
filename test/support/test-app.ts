import { AddressInfo } from 'node:net';
import { Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { installClientErrorHandler } from '../../apps/api/src/client-errors';
import { createApp } from '../../apps/api/src/create-app';
import { createTestDatabase, TestDatabase } from './test-database';

/** Overrides for suites that send no faces: no inference workers are started (they take seconds to boot). */
export const NO_FACES = { inference: { loadModels: false } };

export interface TestApp {
  app: NestExpressApplication;
  /** supertest bound to the running server. */
  http: TestAgent;
  /** http://127.0.0.1:PORT of the listening server (for browsers and load generators). */
  baseUrl: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * Boots the real application (real database, real modules) on a random port with a fresh database.
 * `overrides` change configuration values, e.g. { rateLimitWindowMs: 1000 }. Logs are silenced
 * unless TEST_LOG_LEVEL is set; `shared.database` boots a second API process on another's database; the registration limit per address is lifted unless `registration` says otherwise. `extraModules` mount test-only controllers beside the real ones.
 */
export async function startTestApp(overrides: Record<string, any> = {}, extraModules: Type[] = [], shared?: { database: TestDatabase }): Promise<TestApp> {
  // A second process of one deployment shares the first one's database, and leaves dropping it to that one.
  const database = shared?.database ?? (await createTestDatabase());
  const app = await createApp({
    databaseUrl: database.url,
    logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(process.env.TEST_REDIS_URL && !('redisUrl' in overrides) ? { redisUrl: process.env.TEST_REDIS_URL } : {}),
    ...overrides,
    // Suites register many accounts from 127.0.0.1: the per-address limit is tested on its own.
    registration: { perWindow: 1_000_000, ...overrides.registration },
  }, extraModules);
  await app.listen(0, '127.0.0.1');
  const server = app.getHttpServer();
  installClientErrorHandler(server);
  const { port } = server.address() as AddressInfo;
  return {
    app,
    http: request(server),
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    close: async () => {
      await app.close();
      if (!shared) await database.drop();
    },
  };
}
