import { randomBytes } from 'node:crypto';
import { hashApiKey, hashesEqual } from './api-key.crypto';

/**
 * Credentials of a short-lived session (login, enrollment): an id of 128 random bits and a client secret of
 * 256, stored only as its SHA-256 (the API keys' hash and timing-safe comparison).
 */
export function newSessionCredentials(idPrefix: string, secretPrefix: string): { id: string; secret: string; hash: string } {
  const secret = `${secretPrefix}${randomBytes(32).toString('base64url')}`;
  return { id: `${idPrefix}${randomBytes(16).toString('base64url')}`, secret, hash: hashApiKey(secret) };
}

export function sessionSecretMatches(secret: string, hash: string): boolean {
  return hashesEqual(hashApiKey(secret), hash);
}
