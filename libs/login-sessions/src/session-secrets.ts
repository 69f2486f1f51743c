import { createHash, randomBytes } from 'node:crypto';
import { hashesEqual } from '@faceauth/api-keys';

/** `ls_` + 128 random bits: unguessable, so an id alone reveals nothing. */
export function newSessionId(): string {
  return `ls_${randomBytes(16).toString('base64url')}`;
}

/** `lss_` + 256 random bits: authorizes the attempts of one session and nothing else. */
export function newClientSecret(): { secret: string; hash: string } {
  const secret = `lss_${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function secretMatches(secret: string, hash: string): boolean {
  return hashesEqual(hashSecret(secret), hash);
}
