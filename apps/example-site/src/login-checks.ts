import { timingSafeEqual } from 'node:crypto';
import { Confirmation } from './faceauth-backend';

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * What a confirmed token must also say before the site signs anyone in: the user this browser asked for, and
 * this browser's nonce (a valid token from another browser's login does not open this one), and a passed liveness
 * check (a session someone started with liveness off proves only a face, which a photo can show). Answers why not, or null.
 */
export function refuseConfirmation(confirmation: Confirmation, expected: { userId: string; nonce: string }): string | null {
  if (confirmation.valid !== true) return 'token not valid';
  if (confirmation.user_id !== expected.userId) return 'token is for another user';
  if (!confirmation.nonce || !sameString(confirmation.nonce, expected.nonce)) return "token belongs to another browser's login";
  if (confirmation.liveness?.passed !== true) return 'login did not pass liveness';
  return null;
}
