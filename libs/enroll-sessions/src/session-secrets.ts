import { randomBytes } from 'node:crypto';
import { hashApiKey, hashesEqual } from '@faceauth/api-keys';

/** `es_` + 128 random bits: unguessable, so an id alone reveals nothing. */
export function newEnrollSessionId(): string {
  return `es_${randomBytes(16).toString('base64url')}`;
}

/** `ess_` + 256 random bits: authorizes the photos of one enrollment session and nothing else. */
export function newEnrollSecret(): { secret: string; hash: string } {
  const secret = `ess_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKey(secret) };
}

/** The same SHA-256 and timing-safe comparison as API keys and login sessions' secrets. */
export function secretMatches(secret: string, hash: string): boolean {
  return hashesEqual(hashApiKey(secret), hash);
}
