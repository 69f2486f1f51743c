import { ConfigValidationError } from '@faceauth/config';
import { bootFailureLines, maskedDatabaseUrl } from './boot-failure';

const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: 'connect' });
const postgresError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
const URL = () => 'postgres://faceauth:s3cret-pw@db:5432/faceauth';

describe('bootFailureLines', () => {
  it('writes one line per configuration problem, each naming its variable', () => {
    const error = new ConfigValidationError('Invalid configuration', ['metricsToken: METRICS_TOKEN (metricsToken) must be at least 16 characters', 'PORT="abc" is not a number']);
    expect(bootFailureLines(error, URL)).toEqual([
      { msg: 'FaceAuth failed to start: invalid configuration: metricsToken: METRICS_TOKEN (metricsToken) must be at least 16 characters' },
      { msg: 'FaceAuth failed to start: invalid configuration: PORT="abc" is not a number' },
    ]);
  });

  it.each([
    ['connection refused', socketError('ECONNREFUSED'), 'the database cannot be reached (ECONNREFUSED)'],
    ['unknown host', socketError('ENOTFOUND'), 'the database cannot be reached (ENOTFOUND)'],
    ['wrong password', postgresError('28P01', 'password authentication failed for user "faceauth"'), 'the database refused the login (28P01)'],
    ['no such database', postgresError('3D000', 'database "faceauth" does not exist'), 'the database does not exist (3D000)'],
  ])('names DATABASE_URL, its password masked, for a database it cannot use (%s)', (_label, error, reason) => {
    const [line] = bootFailureLines(error, URL);
    expect(line.msg).toBe(`FaceAuth failed to start: DATABASE_URL (postgres://faceauth:***@db:5432/faceauth): ${reason}`);
    expect(JSON.stringify(line)).not.toContain('s3cret-pw');
  });

  it('says what else went wrong by its message, class and code, without a stack', () => {
    const lines = bootFailureLines(Object.assign(new RangeError('listen EADDRINUSE: address already in use :::3000'), { code: 'EADDRINUSE' }), URL);
    expect(lines).toEqual([{ msg: 'FaceAuth failed to start: listen EADDRINUSE: address already in use :::3000', error_class: 'RangeError', error_code: 'EADDRINUSE' }]);
  });

  it('treats a failing statement (a migration) as another error, not as DATABASE_URL', () => {
    const [line] = bootFailureLines(postgresError('42P07', 'relation "accounts" already exists'), URL);
    expect(line.msg).toBe('FaceAuth failed to start: relation "accounts" already exists');
  });
});

describe('maskedDatabaseUrl', () => {
  it('hides a PostgreSQL password and leaves URLs without one as they are', () => {
    expect(maskedDatabaseUrl('postgresql://u:p%40ss@h/db')).toBe('postgresql://u:***@h/db');
    expect(maskedDatabaseUrl('postgres://u@h:5432/db')).toBe('postgres://u@h:5432/db');
    expect(maskedDatabaseUrl('sqlite:data/faceauth.sqlite')).toBe('sqlite:data/faceauth.sqlite');
  });
});
