import { EntityManager, MikroORM } from '@mikro-orm/core';
import { Test } from '@nestjs/testing';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigModule, ConfigValidationError } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { CapturingLogger, TEST_ISSUER, TEST_SECRET, tokenServices, TokenServices } from '../../../test/factories/login-tokens';
import { DEV_SECRET_FILE } from './dev-secret';
import { SigningKey } from './entities/signing-key.entity';
import { LOGIN_TOKEN_TYP, RETIRED_KEY_GRACE_MS } from './login-token.types';
import { unsealPrivateKey } from './signing-key.crypto';
import { SigningKeyRepository } from './signing-key.repository';
import { SigningKeysService, SigningSecretMismatchError } from './signing-keys.service';

const claims = { audience: 'acct_pub_1', subject: 'u1', sessionId: 's1', amr: ['face'] };

async function rows(services: TokenServices): Promise<SigningKey[]> {
  return services.module.get(EntityManager).fork().find(SigningKey, {}, { orderBy: { id: 'asc' } });
}

/** Applies the migrations on their own, so the services started next race only for the first key. */
async function migrate(url: string): Promise<void> {
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot({ databaseUrl: url, logLevel: 'silent' }), DatabaseModule.forRoot([SigningKey])],
  }).compile();
  module.useLogger(false);
  await module.init();
  await module.close();
}

describe(SigningKeysService.name, () => {
  let database: TestDatabase;
  const open: TokenServices[] = [];
  const start = async (...args: Parameters<typeof tokenServices>) => {
    const services = await tokenServices(...args);
    open.push(services);
    return services;
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((services) => services.close()));
    await database.drop();
  });

  it('creates one key pair at first start and keeps it across restarts', async () => {
    const first = await start(database.url);
    const [row] = await rows(first);
    expect(row).toMatchObject({ algorithm: 'EdDSA', retiredAt: null });
    expect(JSON.parse(row.publicJwk)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String) });
    const { token } = await first.tokens.issue(claims);
    await first.close();
    open.length = 0;
    const second = await start(database.url);
    expect((await rows(second)).map((r) => r.kid)).toEqual([row.kid]);
    await expect(second.tokens.verify(token)).resolves.toMatchObject({ sub: 'u1' });
  });

  it('ends with one active key when several processes start at once on one database', async () => {
    await migrate(database.url);
    const inserts = jest.spyOn(SigningKeyRepository.prototype, 'insertActive');
    const starting = await Promise.all([1, 2, 3, 4].map(() => start(database.url, {}, { init: false })));
    await Promise.all(starting.map((services) => services.module.init()));
    // Every process found no key and tried to create one: the race really happened.
    expect(inserts.mock.calls.length).toBeGreaterThan(1);
    inserts.mockRestore();
    const all = await rows(starting[0]);
    expect(all).toHaveLength(1);
    const kids = await Promise.all(starting.map(async (services) => decodeProtectedHeader((await services.tokens.issue(claims)).token).kid));
    expect(new Set(kids)).toEqual(new Set([all[0].kid]));
  });

  it('rotates: new tokens use the new key, old tokens verify until they expire, the JWKS lists both meanwhile', async () => {
    const services = await start(database.url);
    const old = await services.tokens.issue(claims);
    const oldKid = decodeProtectedHeader(old.token).kid;
    const rotation = await services.keys.rotate();
    expect(rotation).toMatchObject({ retired: [oldKid], pruned: 0 });
    const fresh = await services.tokens.issue(claims);
    expect(decodeProtectedHeader(fresh.token).kid).toBe(rotation.kid);
    await expect(services.tokens.verify(old.token)).resolves.toMatchObject({ jti: old.jti });
    await expect(services.tokens.verify(fresh.token)).resolves.toMatchObject({ jti: fresh.jti });

    const jwks = { keys: await services.keys.publishedKeys() };
    expect(jwks.keys.map((key) => key.kid)).toEqual([rotation.kid, oldKid]);
    for (const key of jwks.keys) expect(key).toEqual({ kid: key.kid, kty: 'OKP', crv: 'Ed25519', x: expect.any(String), alg: 'EdDSA', use: 'sig' });
    // A relying party verifying against the published set accepts both tokens.
    const set = createLocalJWKSet(jwks);
    for (const { token } of [old, fresh]) await expect(jwtVerify(token, set, { issuer: TEST_ISSUER, typ: LOGIN_TOKEN_TYP })).resolves.toBeDefined();

    const retiredAt = (await rows(services)).find((row) => row.kid === oldKid)!.retiredAt!;
    const afterGrace = new Date(retiredAt.getTime() + RETIRED_KEY_GRACE_MS + 1000);
    expect((await services.keys.publishedKeys(afterGrace)).map((key) => key.kid)).toEqual([rotation.kid]);
    expect(await services.keys.verificationKey(oldKid!, afterGrace)).toBeNull();
    expect(await services.keys.verificationKey(oldKid!)).not.toBeNull();
  });

  it('prunes keys retired over a day ago when rotating', async () => {
    const services = await start(database.url);
    const first = (await rows(services))[0].kid;
    const second = await services.keys.rotate(new Date(Date.now() - 3 * 86_400_000));
    const third = await services.keys.rotate();
    expect(third).toMatchObject({ retired: [second.kid], pruned: 1 });
    expect((await rows(services)).map((row) => row.kid)).toEqual([second.kid, third.kid]);
    expect(first).not.toBe(second.kid);
  });

  it('stops the boot with a clear configuration error when the secret does not decrypt the stored key', async () => {
    const first = await start(database.url);
    const [row] = await rows(first);
    await first.close();
    open.length = 0;
    const otherSecret = 'another-secret-that-is-long-enough-0123456789';
    const logger = new CapturingLogger();
    const wrong = await tokenServices(database.url, { secret: otherSecret }, { init: false, logger });
    const error = await wrong.module.init().then(() => null, (e: unknown) => e as Error);
    // A context whose boot failed cannot be closed (close() awaits the boot): release its database alone.
    await wrong.module.get(MikroORM).close(true);
    expect(error).toBeInstanceOf(SigningSecretMismatchError);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error!.message).toMatch(new RegExp(`^Invalid configuration: FACEAUTH_SECRET does not decrypt the stored token-signing key ${row.kid}\\.`));
    expect(error!.message).not.toMatch(/\n/);
    for (const secret of [otherSecret, TEST_SECRET]) {
      expect(error!.message).not.toContain(secret);
      expect(logger.text).not.toContain(secret);
    }
  });

  it('never writes the secret or the private key to a log line or an error', async () => {
    const logger = new CapturingLogger();
    const services = await start(database.url, { logLevel: 'debug' }, { logger });
    const { token } = await services.tokens.issue(claims);
    await services.tokens.verify(token);
    await services.tokens.verify(token + 'x').catch((error: Error) => logger.error(error));
    const rotated = await services.keys.rotate();
    await services.tokens.verify((await services.tokens.issue(claims)).token);
    // A rotation racing another is refused with its own message, not the driver's statement.
    const conflict = await services.module.get(SigningKeyRepository).insertActive(
      { kid: 'x', publicJwk: { kty: 'OKP', crv: 'Ed25519', x: 'x' }, sealed: { salt: 's', iv: 'i', tag: 't', ciphertext: 'CIPHERTEXT' } },
      new Date(),
    ).catch((error: Error) => error);
    expect((conflict as Error).message).not.toContain('CIPHERTEXT');

    expect(logger.lines.length).toBeGreaterThan(0);
    const secrets = [TEST_SECRET];
    for (const row of await rows(services)) {
      const privateKey = unsealPrivateKey(
        { salt: row.privateKeySalt, iv: row.privateKeyIv, tag: row.privateKeyTag, ciphertext: row.privateKeyCiphertext },
        row.kid,
        TEST_SECRET,
      );
      const der = privateKey.export({ format: 'der', type: 'pkcs8' });
      secrets.push(privateKey.export({ format: 'jwk' }).d!, der.toString('base64'), der.toString('hex'), der.subarray(-32).toString('base64url'));
    }
    expect(secrets).toHaveLength(1 + 4 * 2);
    for (const secret of secrets) expect(logger.text).not.toContain(secret);
    expect(logger.text).toContain(rotated.kid);
  });

  it('in development without FACEAUTH_SECRET generates one beside the SQLite file, warns once without the value, and reuses it', async () => {
    if (database.kind !== 'sqlite') return; // the PostgreSQL variant would keep its file in the project's data/ folder
    const file = join(dirname(database.url.slice('sqlite:'.length)), DEV_SECRET_FILE);
    const logger = new CapturingLogger();
    const first = await start(database.url, { secret: null }, { logger });
    const { token } = await first.tokens.issue(claims);
    expect(existsSync(file)).toBe(true);
    const generated = readFileSync(file, 'utf8').trim();
    expect(generated.length).toBeGreaterThanOrEqual(32);
    const warnings = logger.lines.filter((line) => line.startsWith('warn'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/FACEAUTH_SECRET is not set: generated a development secret/);
    expect(logger.text).not.toContain(generated);
    await first.close();
    open.length = 0;

    const again = new CapturingLogger();
    const second = await start(database.url, { secret: null }, { logger: again });
    await expect(second.tokens.verify(token)).resolves.toMatchObject({ sub: 'u1' });
    await second.tokens.issue(claims);
    expect(again.lines.filter((line) => line.startsWith('warn'))).toEqual([expect.stringMatching(/using the generated development secret/)]);
    expect(readFileSync(file, 'utf8').trim()).toBe(generated);
    expect(again.text).not.toContain(generated);
  });
});
