import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { AppConfig } from '@faceauth/config';
import { LoginTokenService, SigningKeysService } from '@faceauth/login-tokens';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';

const claims = { audience: 'acct_pub_e2e', subject: 'customer-42', sessionId: 'ls_e2e', nonce: 'browser-nonce', amr: ['face'] };

describe('GET /.well-known/jwks.json', () => {
  let api: TestApp;
  let issuer: string;

  beforeAll(async () => {
    api = await startTestApp({ ...NO_FACES, secret: 'e2e-secret-0123456789-0123456789-0123456789' });
    issuer = api.app.get(AppConfig).publicUrl;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('serves the current public key, publicly, outside /api/v1, with a short cache lifetime', async () => {
    const res = await api.http.get('/.well-known/jwks.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers['x-request-id']).toBeDefined();
    expect(res.body).toEqual({
      keys: [{ kid: expect.any(String), kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), alg: 'EdDSA', use: 'sig' }],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/"d"/);
    await api.http.get('/api/v1/.well-known/jwks.json').expect(404);
  });

  it("verifies a token issued by the app's LoginTokenService against the live JWKS, before and after a rotation", async () => {
    const tokens = api.app.get(LoginTokenService);
    const old = await tokens.issue(claims);
    // No cooldown: jose refetches a set that lacks a token's kid at most every 30 s by default.
    const jwks = createRemoteJWKSet(new URL(`${api.baseUrl}/.well-known/jwks.json`), { cooldownDuration: 0 });
    const options = { issuer, audience: claims.audience, typ: 'faceauth-login+jwt', algorithms: ['EdDSA'] };
    const { payload, protectedHeader } = await jwtVerify(old.token, jwks, options);
    expect(protectedHeader).toEqual({ alg: 'EdDSA', kid: expect.any(String), typ: 'faceauth-login+jwt' });
    expect(payload).toMatchObject({ iss: issuer, sub: 'customer-42', sid: 'ls_e2e', nonce: 'browser-nonce', amr: ['face'], jti: old.jti });

    const { kid } = await api.app.get(SigningKeysService).rotate();
    const fresh = await tokens.issue(claims);
    expect(decodeProtectedHeader(fresh.token).kid).toBe(kid);
    // The new kid is not in the set fetched before: jose refetches it, and the old token still verifies against it.
    await expect(jwtVerify(fresh.token, jwks, options)).resolves.toBeDefined();
    await expect(jwtVerify(old.token, jwks, options)).resolves.toBeDefined();
    const res = await api.http.get('/.well-known/jwks.json').expect(200);
    expect(res.body.keys.map((key: { kid: string }) => key.kid)).toEqual([kid, protectedHeader.kid]);
  });

  it('is documented in the OpenAPI document as a public route', async () => {
    const document = (await api.http.get('/docs-json').expect(200)).body;
    const operation = document.paths['/.well-known/jwks.json'].get;
    expect(operation.security).toEqual([]);
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/JwksDto' });
  });
});
