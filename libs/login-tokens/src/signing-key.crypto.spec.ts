import { sign, verify } from 'node:crypto';
import { generateSigningKey, publicKeyFromJwk, UnsealError, unsealPrivateKey } from './signing-key.crypto';

const SECRET = 'unit-secret-0123456789-0123456789-abc';

describe(generateSigningKey.name, () => {
  it('makes an Ed25519 pair whose sealed private half opens with the secret and signs for the public half', () => {
    const key = generateSigningKey(SECRET);
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(key.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const privateKey = unsealPrivateKey(key.sealed, key.kid, SECRET);
    const signature = sign(null, Buffer.from('hello'), privateKey);
    expect(verify(null, Buffer.from('hello'), publicKeyFromJwk(key.publicJwk), signature)).toBe(true);
  });

  it('uses a fresh salt and iv per key', () => {
    const [a, b] = [generateSigningKey(SECRET), generateSigningKey(SECRET)];
    expect(a.sealed.salt).not.toBe(b.sealed.salt);
    expect(a.sealed.iv).not.toBe(b.sealed.iv);
    expect(a.kid).not.toBe(b.kid);
  });

  it('refuses another secret, another kid or a changed ciphertext with an error that holds no key material', () => {
    const key = generateSigningKey(SECRET);
    const flipped = Buffer.from(key.sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    const attempts = [
      () => unsealPrivateKey(key.sealed, key.kid, 'another-secret-0123456789-0123456789'),
      () => unsealPrivateKey(key.sealed, 'other-kid', SECRET),
      () => unsealPrivateKey({ ...key.sealed, ciphertext: flipped.toString('base64') }, key.kid, SECRET),
    ];
    for (const attempt of attempts) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(UnsealError);
      expect((error as Error).message).not.toContain(SECRET);
      expect((error as Error).message).not.toContain(key.sealed.ciphertext);
    }
  });
});
