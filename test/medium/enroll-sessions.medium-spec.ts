import { MikroORM } from '@mikro-orm/core';
import { Test, TestingModule } from '@nestjs/testing';
import { Account, newAccountPublicId } from '@faceauth/accounts';
import { ConfigModule } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { EnrollSession } from '@faceauth/enroll-sessions';
import { ENTITIES } from '../../apps/api/src/entities';
import { EnrollSessionsRepository } from '../../libs/enroll-sessions/src/enroll-sessions.repository';
import { EnrollSessionsRetention } from '../../libs/enroll-sessions/src/enroll-sessions.retention';
import { StoredSample } from '../../libs/enroll-sessions/src/stored-sample';
import { uniqueEmail } from '../factories/accounts';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const sample = (step: number) => ({ step, embedding: '', yaw: 0, pitch: 0 }) as unknown as StoredSample;

describe(EnrollSessionsRepository.name, () => {
  let database: TestDatabase;
  let module: TestingModule;
  let sessions: EnrollSessionsRepository;
  let accountId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    module = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ databaseUrl: database.url, logLevel: 'silent' }), DatabaseModule.forRoot(ENTITIES)],
      providers: [EnrollSessionsRepository, EnrollSessionsRetention],
    }).compile();
    await module.init();
    sessions = module.get(EnrollSessionsRepository);
    const now = new Date();
    accountId = Number(await module.get(MikroORM).em.fork().insert(Account, { email: uniqueEmail(), name: 'Medium', plan: 'free', publicId: newAccountPublicId(), createdAt: now, updatedAt: now }));
  });
  afterAll(async () => {
    await module.close();
    await database.drop();
  });

  let n = 0;
  async function session(fields: Partial<EnrollSession> = {}): Promise<EnrollSession> {
    const created = Object.assign(new EnrollSession(), {
      id: `es_medium_${++n}`,
      accountId,
      keyId: 1,
      userId: 'ana',
      clientSecretHash: 'a'.repeat(64),
      expiresAt: new Date(Date.now() + 600_000),
      ...fields,
    });
    await sessions.insert(created);
    return created;
  }

  it('keeps one of 10 concurrent photos of one step, and moves to enrolling with the last step exactly once', async () => {
    const s = await session();
    const now = new Date();
    const first = await Promise.all(Array.from({ length: 10 }, () => sessions.keep(s.id, 0, [sample(0)], false, now)));
    expect(first.filter(Boolean)).toHaveLength(1);
    await sessions.keep(s.id, 1, [sample(0), sample(1)], false, now);
    const last = await Promise.all(Array.from({ length: 10 }, () => sessions.keep(s.id, 2, [sample(0), sample(1), sample(2)], true, now)));
    expect(last.filter(Boolean)).toHaveLength(1);
    expect(await sessions.find(s.id)).toMatchObject({ status: 'enrolling', stepsKept: 3 });
  });

  it('keeps nothing in an expired session', async () => {
    const s = await session({ expiresAt: new Date(Date.now() - 1000) });
    expect(await sessions.keep(s.id, 0, [sample(0)], false, new Date())).toBe(false);
  });

  it('restarts a mismatched session at step 0, and closes it as failed at the last allowed mismatch', async () => {
    const s = await session({ status: 'enrolling', stepsKept: 3, samples: [sample(0), sample(1), sample(2)], mismatches: 1 });
    expect(await sessions.restart(s.id, 3, new Date())).toEqual({ status: 'collecting', mismatches: 2 });
    expect(await sessions.find(s.id)).toMatchObject({ stepsKept: 0, samples: null, completedAt: null });
    await sessions.keep(s.id, 0, [sample(0)], false, new Date());
    await sessions.keep(s.id, 1, [sample(0), sample(1)], false, new Date());
    await sessions.keep(s.id, 2, [sample(0), sample(1), sample(2)], true, new Date());
    expect(await sessions.restart(s.id, 3, new Date())).toEqual({ status: 'failed', mismatches: 3 });
    expect(await sessions.find(s.id)).toMatchObject({ status: 'failed', samples: null, completedAt: expect.any(Date) });
  });

  it('gives the last photo back (step 2 again) when the enrollment could not run', async () => {
    const s = await session({ status: 'enrolling', stepsKept: 3, samples: [sample(0), sample(1), sample(2)] });
    await sessions.release(s.id, [sample(0), sample(1)]);
    expect(await sessions.find(s.id)).toMatchObject({ status: 'collecting', stepsKept: 2, samples: [sample(0), sample(1)] });
  });

  it('drops the templates of sessions that expired unfinished and deletes sessions past their retention', async () => {
    const expired = await session({ samples: [sample(0)], stepsKept: 1, expiresAt: new Date(Date.now() - 1000) });
    const open = await session({ samples: [sample(0)], stepsKept: 1 });
    const old = await session({ createdAt: new Date(Date.now() - 31 * 86_400_000) });
    const pruned = await module.get(EnrollSessionsRetention).prune();
    expect(pruned.dropped).toBeGreaterThanOrEqual(1);
    expect(pruned.deleted).toBeGreaterThanOrEqual(1);
    expect((await sessions.find(expired.id))?.samples).toBeNull();
    expect((await sessions.find(open.id))?.samples).toHaveLength(1);
    expect(await sessions.find(old.id)).toBeNull();
  });
});
