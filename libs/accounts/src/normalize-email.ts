/**
 * The stored form of an email address: trimmed, lower-cased and NFC-normalised, so "José@x.com" typed with a
 * precomposed or a decomposed "é", in any letter case, is one address (one account).
 */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase().normalize('NFC');
}
