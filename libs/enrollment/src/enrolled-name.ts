import { displayNamePattern } from '@faceauth/common';

/**
 * 1 to 128 characters (code points), at least one visible, none of them a control, surrogate, line/paragraph
 * separator, zero-width or bidirectional-control character.
 */
export const ENROLLED_NAME_PATTERN = displayNamePattern(128);

/** The stored form of a user name: trimmed and NFC-normalised, so "José" typed two ways is one user. */
export function normalizeName(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().normalize('NFC') : value;
}
