import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, KeyObject, randomBytes } from 'node:crypto';

/** The private half of a signing key, sealed with AES-256-GCM under a key derived from FACEAUTH_SECRET. */
export interface SealedPrivateKey {
  /** base64 of the per-key HKDF salt. */
  salt: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

export interface NewSigningKey {
  kid: string;
  /** `{kty: 'OKP', crv: 'Ed25519', x}` */
  publicJwk: { kty: string; crv: string; x: string };
  sealed: SealedPrivateKey;
}

/** Thrown when a sealed key does not open: wrong secret or altered row. Carries no key material. */
export class UnsealError extends Error {}

const HKDF_INFO = Buffer.from('faceauth signing-key encryption v1');

function wrappingKey(secret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), salt, HKDF_INFO, 32));
}

/** Encrypts a PKCS#8 private key; the kid is authenticated data, so a sealed key cannot be moved to another row. */
export function sealPrivateKey(privateKey: KeyObject, kid: string, secret: string): SealedPrivateKey {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(secret, salt), iv);
  cipher.setAAD(Buffer.from(kid, 'utf8'));
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
  der.fill(0);
  return { salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
}

export function unsealPrivateKey(sealed: SealedPrivateKey, kid: string, secret: string): KeyObject {
  let der: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey(secret, Buffer.from(sealed.salt, 'base64')), Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(kid, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    der = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  } catch {
    // The cipher's own message says nothing useful and the cause must not travel with key bytes in scope.
    throw new UnsealError(`signing key ${kid} does not decrypt with this secret`);
  }
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

export function publicKeyFromJwk(jwk: { kty: string; crv: string; x: string }): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
}

/** A fresh Ed25519 key pair with a random kid (128 bits), its private half sealed. */
export function generateSigningKey(secret: string): NewSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = randomBytes(16).toString('base64url');
  const { kty, crv, x } = publicKey.export({ format: 'jwk' });
  return { kid, publicJwk: { kty: kty!, crv: crv!, x: x! }, sealed: sealPrivateKey(privateKey, kid, secret) };
}
