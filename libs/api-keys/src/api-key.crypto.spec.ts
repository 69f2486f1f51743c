import { generateApiKey, hashApiKey, hashesEqual, looksLikeApiKey, maskApiKey } from './api-key.crypto';

describe('api key crypto', () => {
  it('generates fa_ keys with 256 random bits, URL-safe, all different', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      expect(key).toMatch(/^fa_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
    }
  });

  it('returns the SHA-256 hex of the key and its display parts', () => {
    const issued = generateApiKey();
    expect(issued.hash).toBe(hashApiKey(issued.key));
    expect(issued.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(`${issued.displayPrefix}...${issued.displaySuffix}`).toBe(maskApiKey(issued.key));
  });

  it('knows the SHA-256 of a fixed input', () => {
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('masks keys as fa_abcd...wxyz', () => {
    expect(maskApiKey('fa_abcdEFGHijklMNOPqrstUVWXyz0123456789-_ABwxyz')).toBe('fa_abcd...wxyz');
  });

  it('checks the key shape before any lookup', () => {
    expect(looksLikeApiKey(generateApiKey().key)).toBe(true);
    expect(looksLikeApiKey('fa_short')).toBe(false);
    expect(looksLikeApiKey('sk_' + 'a'.repeat(43))).toBe(false);
    expect(looksLikeApiKey('fa_' + 'a'.repeat(42) + '!')).toBe(false);
  });

  it('compares hashes in constant time and refuses different lengths', () => {
    const hash = hashApiKey('x');
    expect(hashesEqual(hash, hash)).toBe(true);
    expect(hashesEqual(hash, hashApiKey('y'))).toBe(false);
    expect(hashesEqual(hash, hash.slice(0, 62))).toBe(false);
  });
});
