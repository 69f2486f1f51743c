import { base64url, decodeProtectedHeader, exportSPKI, SignJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { InvalidTokenError } from '@faceauth/common';
import { createTestDatabase, TestDatabase } from '../../../test/support/test-database';
import { TEST_ISSUER, tokenServices, TokenServices } from '../../../test/factories/login-tokens';
import { LoginTokenService } from './login-token.service';
import { LOGIN_TOKEN_TYP, LoginTokenClaims } from './login-token.types';

const input = { audience: 'acct_pub_123', subject: 'user-42', sessionId: 'ls_abc', nonce: 'n-0S6_WzA2Mj', amr: ['face'] };
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The token with its payload replaced and the original signature kept. */
function withPayload(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(base64url.decode(payload)).toString('utf8'));
  change(claims);
  return [header, base64url.encode(JSON.stringify(claims)), signature].join('.');
}

async function expectInvalid(promise: Promise<unknown>, message = 'Token invalid'): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidTokenError);
  expect(error).toMatchObject({ code: 'INVALID_TOKEN', status: 401, message });
}

describe(LoginTokenService.name, () => {
  let database: TestDatabase;
  let services: TokenServices;
  let tokens: LoginTokenService;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = await tokenServices(database.url);
    tokens = services.tokens;
  });

  afterAll(async () => {
    await services?.close();
    await database?.drop();
  });

  /** A token signed with the service's own active key, with any header and claims. */
  async function signOwn(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
    const { kid, key } = await services.keys.currentSigner();
    const iat = nowSeconds();
    const payload = { iss: TEST_ISSUER, aud: input.audience, sub: input.subject, sid: input.sessionId, amr: ['face'], iat, exp: iat + 60, jti: 'j1', ...claims };
    return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid, typ: LOGIN_TOKEN_TYP, ...header }).sign(key);
  }

  it('issues an EdDSA compact JWS that verifies and carries exactly the claims', async () => {
    const before = nowSeconds();
    const { token, jti, expiresAt } = await tokens.issue(input);
    const { kid } = await services.keys.currentSigner();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', kid, typ: 'faceauth-login+jwt' });
    const claims = await tokens.verify(token);
    expect(claims).toEqual<LoginTokenClaims>({
      iss: TEST_ISSUER,
      aud: 'acct_pub_123',
      sub: 'user-42',
      sid: 'ls_abc',
      nonce: 'n-0S6_WzA2Mj',
      amr: ['face'],
      iat: claims.iat,
      exp: claims.iat + 60,
      jti,
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(expiresAt.getTime()).toBe(claims.exp * 1000);
    expect(Buffer.from(base64url.decode(jti)).length).toBeGreaterThanOrEqual(16);
  });

  it('leaves nonce out when none is given, honours a shorter lifetime and refuses one over 60 s', async () => {
    const { token } = await tokens.issue({ ...input, nonce: undefined, amr: ['face', 'liveness'], ttlSeconds: 30 });
    const claims = await tokens.verify(token);
    expect('nonce' in claims).toBe(false);
    expect(claims.amr).toEqual(['face', 'liveness']);
    expect(claims.exp - claims.iat).toBe(30);
    await expect(tokens.issue({ ...input, ttlSeconds: 61 })).rejects.toThrow(RangeError);
  });

  it('gives every token its own jti', async () => {
    const jtis = new Set(await Promise.all([1, 2, 3, 4].map(async () => (await tokens.issue(input)).jti)));
    expect(jtis.size).toBe(4);
  });

  it('rejects a token with a changed claim with 401 INVALID_TOKEN', async () => {
    const { token } = await tokens.issue(input);
    await expectInvalid(tokens.verify(withPayload(token, (claims) => (claims.sub = 'admin'))));
    await expectInvalid(tokens.verify(withPayload(token, (claims) => (claims.exp = (claims.exp as number) + 3600))));
  });

  it('rejects a token signed by another Ed25519 key under our kid', async () => {
    const { kid } = await services.keys.currentSigner();
    const { privateKey } = generateKeyPairSync('ed25519');
    const iat = nowSeconds();
    const forged = await new SignJWT({ iss: TEST_ISSUER, aud: input.audience, sub: input.subject, sid: 's', amr: ['face'], iat, exp: iat + 60, jti: 'x' })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: LOGIN_TOKEN_TYP })
      .sign(privateKey);
    await expectInvalid(tokens.verify(forged));
  });

  it('rejects alg none, also without a signature part', async () => {
    const { token } = await tokens.issue(input);
    const { kid } = await services.keys.currentSigner();
    const header = base64url.encode(JSON.stringify({ alg: 'none', kid, typ: LOGIN_TOKEN_TYP }));
    const payload = token.split('.')[1];
    await expectInvalid(tokens.verify(`${header}.${payload}.`));
    await expectInvalid(tokens.verify(`${header}.${payload}`));
  });

  it('rejects HS256 signed with the public key as the HMAC secret', async () => {
    const { kid, key } = await services.keys.currentSigner();
    const { createPublicKey } = await import('node:crypto');
    const publicKey = createPublicKey(key);
    const [jwk] = await services.keys.publishedKeys();
    const iat = nowSeconds();
    const claims = { iss: TEST_ISSUER, aud: input.audience, sub: input.subject, sid: 's', amr: ['face'], iat, exp: iat + 60, jti: 'x' };
    for (const secret of [Buffer.from(await exportSPKI(publicKey)), Buffer.from(jwk.x), Buffer.from(base64url.decode(jwk.x))]) {
      const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid, typ: LOGIN_TOKEN_TYP }).sign(secret);
      await expectInvalid(tokens.verify(forged));
    }
  });

  it('rejects an expired token, saying only that it expired, within a clock tolerance of at most 5 s', async () => {
    const now = nowSeconds();
    await expectInvalid(tokens.verify(await signOwn({ iat: now - 70, exp: now - 10 })), 'Token expired');
    await expect(tokens.verify(await signOwn({ iat: now - 62, exp: now - 2 }))).resolves.toMatchObject({ sub: input.subject });
  });

  it('rejects a token that claims more than 60 s of life or was issued in the future', async () => {
    const now = nowSeconds();
    await expectInvalid(tokens.verify(await signOwn({ iat: now, exp: now + 3600 })));
    await expectInvalid(tokens.verify(await signOwn({ iat: now + 30, exp: now + 60 })));
  });

  it('rejects a wrong or missing typ', async () => {
    await expectInvalid(tokens.verify(await signOwn({}, { typ: 'JWT' })));
    await expectInvalid(tokens.verify(await signOwn({}, { typ: 'application/faceauth-login+jwt' })));
    await expectInvalid(tokens.verify(await signOwn({}, { typ: undefined })));
  });

  it('rejects an unknown kid, a missing kid, another issuer and a missing or mistyped claim', async () => {
    await expectInvalid(tokens.verify(await signOwn({}, { kid: 'unknown-kid' })));
    await expectInvalid(tokens.verify(await signOwn({}, { kid: undefined })));
    await expectInvalid(tokens.verify(await signOwn({ iss: 'https://evil.example' })));
    await expectInvalid(tokens.verify(await signOwn({ sid: undefined })));
    await expectInvalid(tokens.verify(await signOwn({ amr: 'face' })));
    await expect(tokens.verify(await signOwn({}))).resolves.toMatchObject({ jti: 'j1' });
  });

  it('rejects malformed tokens', async () => {
    for (const garbage of ['', 'abc', 'a.b.c', '..', 'eyJhbGciOiJFZERTQSJ9.e30.AA']) await expectInvalid(tokens.verify(garbage));
  });
});
