import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type KeyKind = 'secret' | 'publishable';
export const KEY_KINDS: readonly KeyKind[] = ['secret', 'publishable'];

/** Secret keys: fa_ + 43 base64url characters (256 random bits); publishable keys: fa_pub_ + 43. */
export const KEY_PREFIX: Record<KeyKind, string> = { secret: 'fa_', publishable: 'fa_pub_' };
const KEY_PATTERN = /^fa_(pub_)?[A-Za-z0-9_-]{43}$/;

export interface IssuedKey {
  key: string;
  hash: string;
  displayPrefix: string;
  displaySuffix: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(kind: KeyKind = 'secret'): IssuedKey {
  const prefix = KEY_PREFIX[kind];
  const key = prefix + randomBytes(32).toString('base64url');
  return { key, hash: hashApiKey(key), displayPrefix: key.slice(0, prefix.length + 4), displaySuffix: key.slice(-4) };
}

/** Cheap syntactic check so garbage never reaches the database. */
export function looksLikeApiKey(candidate: string): boolean {
  return KEY_PATTERN.test(candidate);
}

export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** fa_abcd...wxyz: enough to recognise a key, useless to an attacker. */
export function maskApiKey(key: string): string {
  const prefixLength = key.startsWith(KEY_PREFIX.publishable) ? KEY_PREFIX.publishable.length : KEY_PREFIX.secret.length;
  return maskKey(key.slice(0, prefixLength + 4), key.slice(-4));
}

/** The masked form from the stored display parts. */
export function maskKey(displayPrefix: string, displaySuffix: string): string {
  return `${displayPrefix}...${displaySuffix}`;
}
