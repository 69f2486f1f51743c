/**
 * What a database error says about itself, without its message: MikroORM's exceptions carry the SQL, with the
 * caller's values, in `message` and `stack`, so those never reach a log or a response.
 */
export interface DriverErrorFacts {
  /** The class of the error, e.g. LockWaitTimeoutException, DriverException, SqliteError. */
  errorClass: string;
  /** The driver's code (SQLITE_BUSY, ECONNREFUSED, a PostgreSQL SQLSTATE), or null. */
  errorCode: string | null;
  /** True when the database is busy or away, not a bug: the caller may retry (503). */
  transient: boolean;
}

/** Database busy or locked, connection refused or lost, server shutting down or out of connections. */
const TRANSIENT_CODE = /^(SQLITE_BUSY|SQLITE_LOCKED|SQLITE_CANTOPEN|SQLITE_READONLY|SQLITE_IOERR|SQLITE_FULL|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|08...|57P0[123]|53...|40001|40P01)/;
const TRANSIENT_CLASS = new Set(['LockWaitTimeoutException', 'ConnectionException', 'DeadlockException', 'ReadOnlyException']);
/** MikroORM's DriverException family and the drivers' own errors. */
const DRIVER_CLASS = /^(\w+Exception|SqliteError|DatabaseError)$/;

/** knex's pool: closed (the ORM disconnected) or exhausted. Plain Errors: known by their fixed wording. */
const POOL_MESSAGE = /^(Unable to acquire a connection|Knex: Timeout acquiring a connection)/;

/** A socket error of the connection itself (Node system error: it has a syscall). */
const NETWORK_CODE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|EPIPE|ENOTFOUND|EAI_AGAIN)$/;

type ErrorFields = Error & { code?: unknown; sqlState?: unknown; severity?: unknown; syscall?: unknown };

/** The facts of a database driver error, or undefined when `error` is not one. */
export function driverErrorFacts(error: unknown): DriverErrorFacts | undefined {
  if (!(error instanceof Error)) return undefined;
  const { name, code, sqlState, severity, syscall } = error as ErrorFields;
  if (POOL_MESSAGE.test(error.message)) return { errorClass: name, errorCode: null, transient: true };
  const fromPostgres = typeof severity === 'string' && typeof code === 'string';
  const fromSocket = typeof syscall === 'string' && typeof code === 'string' && NETWORK_CODE.test(code);
  const isDriver = fromPostgres || fromSocket || (DRIVER_CLASS.test(name) && (typeof code === 'string' || typeof sqlState === 'string'));
  if (!isDriver) return undefined;
  const errorCode = typeof code === 'string' ? code : typeof sqlState === 'string' ? sqlState : null;
  const transient = TRANSIENT_CLASS.has(name) || (errorCode !== null && TRANSIENT_CODE.test(errorCode));
  return { errorClass: name, errorCode, transient };
}

/**
 * What a log line may say about an error: a database error by class and code only (its message holds SQL
 * and values), anything else by class and message.
 */
export function loggableError(error: unknown): Record<string, string | null> {
  const facts = driverErrorFacts(error);
  if (facts) return { error_class: facts.errorClass, error_code: facts.errorCode };
  return error instanceof Error ? { error_class: error.name, error: error.message } : { error: String(error) };
}
