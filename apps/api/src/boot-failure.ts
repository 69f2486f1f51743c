import { driverErrorFacts } from '@faceauth/common';
import { ConfigValidationError } from '@faceauth/config';

const PREFIX = 'FaceAuth failed to start';

/**
 * Codes of a database that cannot be reached, opened or logged into (not of a failing statement): socket errors,
 * SQLSTATE classes 08 (connection) and 28 (authorisation), 3D000 (no such database), 57P03 (starting up).
 */
const UNREACHABLE: [RegExp, string][] = [
  [/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|08...|57P03)$/, 'cannot be reached'],
  [/^28...$/, 'refused the login'],
  [/^3D000$/, 'does not exist'],
  [/^SQLITE_(CANTOPEN|READONLY|PERM)$/, 'cannot be opened for writing'],
];

/** DATABASE_URL as a log line may show it: `postgres://faceauth:***@db:5432/faceauth` (SQLite URLs hold no secret). */
export function maskedDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/]*):[^@/]*@/, '$1:***@');
}

/**
 * The JSON lines (as fields) of a boot that failed: one per configuration problem, each naming its variable; a
 * database that cannot be reached names DATABASE_URL (password masked); anything else by its message. Never a stack.
 */
export function bootFailureLines(error: unknown, databaseUrl: () => string): Record<string, unknown>[] {
  if (error instanceof ConfigValidationError) return error.problems.map((problem) => ({ msg: `${PREFIX}: invalid configuration: ${problem}` }));
  const facts = driverErrorFacts(error);
  const reason = facts?.errorCode ? UNREACHABLE.find(([codes]) => codes.test(facts.errorCode!))?.[1] : undefined;
  if (facts && reason) {
    return [{ msg: `${PREFIX}: DATABASE_URL (${maskedDatabaseUrl(databaseUrl())}): the database ${reason} (${facts.errorCode})`, error_class: facts.errorClass, error_code: facts.errorCode }];
  }
  const fields = error as { message?: string; code?: unknown; constructor?: { name?: string } } | undefined;
  return [{ msg: `${PREFIX}: ${fields?.message ?? String(error)}`, error_class: fields?.constructor?.name ?? null, error_code: fields?.code ?? null }];
}
