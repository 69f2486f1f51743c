import { driverErrorFacts } from './driver-error';
import { resolveError } from './error-envelope';

/** An error shaped as MikroORM's DriverException subclasses are: the driver's fields copied, the SQL in message. */
function mikroOrmError(className: string, code: string): Error {
  const error = new Error("insert into `accounts` (`email`) values ('secret@example.com') - SQLITE_BUSY: database is locked");
  return Object.assign(error, { name: className, code });
}

describe(driverErrorFacts.name, () => {
  it('names a locked SQLite by class and code, as transient', () => {
    expect(driverErrorFacts(mikroOrmError('LockWaitTimeoutException', 'SQLITE_BUSY'))).toEqual({
      errorClass: 'LockWaitTimeoutException',
      errorCode: 'SQLITE_BUSY',
      transient: true,
    });
    expect(driverErrorFacts(Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_LOCKED' }))?.transient).toBe(true);
  });

  it('treats PostgreSQL connection failures, shutdowns and a closed pool as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    expect(driverErrorFacts(refused)).toEqual({ errorClass: 'Error', errorCode: 'ECONNREFUSED', transient: true });
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { name: 'error', severity: 'FATAL', code: '57P01' });
    expect(driverErrorFacts(shutdown)?.transient).toBe(true);
    expect(driverErrorFacts(new Error('Unable to acquire a connection'))?.transient).toBe(true);
  });

  it('knows a constraint violation as a driver error that is not transient', () => {
    expect(driverErrorFacts(mikroOrmError('NotNullConstraintViolationException', 'SQLITE_CONSTRAINT_NOTNULL'))).toMatchObject({ transient: false });
  });

  it('leaves other errors alone', () => {
    expect(driverErrorFacts(new Error('boom'))).toBeUndefined();
    expect(driverErrorFacts(Object.assign(new Error('x'), { name: 'ValidationError' }))).toBeUndefined();
    expect(driverErrorFacts('a string')).toBeUndefined();
  });
});

describe('resolveError of driver errors', () => {
  it('answers a busy or unreachable database with 503 SERVICE_UNAVAILABLE and Retry-After, without the SQL', () => {
    const resolved = resolveError(mikroOrmError('LockWaitTimeoutException', 'SQLITE_BUSY'));
    expect(resolved).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', headers: { 'Retry-After': '1' } });
    expect(resolved.message).not.toMatch(/insert|secret/);
  });

  it('keeps other driver errors a generic 500', () => {
    expect(resolveError(mikroOrmError('NotNullConstraintViolationException', 'SQLITE_CONSTRAINT_NOTNULL'))).toMatchObject({ status: 500, code: 'PROCESSING_ERROR' });
  });
});
