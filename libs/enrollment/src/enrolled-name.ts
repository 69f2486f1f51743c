/** 1 to 128 characters (code points), none of them a control, surrogate or line/paragraph separator. */
export const ENROLLED_NAME_PATTERN = /^[^\p{Cc}\p{Cs}\p{Zl}\p{Zp}]{1,128}$/u;

/** The stored form of a user name: trimmed and NFC-normalised, so "José" typed two ways is one user. */
export function normalizeName(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().normalize('NFC') : value;
}
