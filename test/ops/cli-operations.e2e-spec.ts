import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { registerAccount } from '../factories/accounts';
import { enroll, SHELDON, verify } from '../face-routes/support';
import { attempt, startOffSession } from '../login/login-support';
import { runCli } from '../support/cli';
import { startTestApp, TestApp } from '../support/test-app';

describe('The operator CLI: accounts show, disable, enable, erase', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const cli = (...args: string[]) => runCli(t.database.url, ...args);

  /** `table\tcount` lines of the CLI's output as numbers. */
  const counts = (stdout: string) => Object.fromEntries(stdout.split('\n').map((line) => line.split('\t')).filter((cells) => cells.length === 2 && /^\d+$/.test(cells[1])).map(([k, v]) => [k, Number(v)]));

  it('shows an account with its rows, disables its keys (401 INVALID_API_KEY) and enables them again, then erases everything it owns', async () => {
    const account = await registerAccount(t.http);
    const other = await registerAccount(t.http);
    await enroll(t.http, account.apiKey, 'sheldon', SHELDON.slice(0, 2)).expect(201);
    await enroll(t.http, other.apiKey, 'sheldon', SHELDON.slice(0, 1)).expect(201);
    await verify(t.http, account.apiKey, 'sheldon', SHELDON[3]).expect(200);
    const session = await startOffSession(t.http, account.apiKey, 'sheldon');
    await attempt(t.http, session, SHELDON[4]).expect(200);
    await t.http.post('/api/v1/enroll-sessions').set('X-API-Key', account.apiKey).send({ user_id: 'sheldon' }).expect(201);
    // Usage rows are written just after the responses: wait until they are there.
    for (let calls = 0; calls < 3; ) {
      calls = (await t.http.get('/api/v1/usage').set('X-API-Key', account.apiKey).expect(200)).body.usage.total_calls;
    }

    const shown = await cli('accounts', 'show', account.email);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`email\t${account.email}`);
    expect(shown.stdout).toContain('disabled_at\t-');
    expect(counts(shown.stdout)).toMatchObject({ face_samples: 2, enrolled_users: 1, login_sessions: 1, login_attempts: 1, enroll_sessions: 1, usage_call_logs: 3, api_keys: 2, accounts: 1 });

    const inFlight = await startOffSession(t.http, account.apiKey, 'sheldon');
    expect((await cli('accounts', 'disable', account.email)).code).toBe(0);
    expect((await t.http.get('/api/v1/users').set('X-API-Key', account.apiKey).expect(401)).body.error.code).toBe('INVALID_API_KEY');
    // A session started before the account was disabled cannot be attempted after.
    expect((await attempt(t.http, inFlight, SHELDON[4]).expect(401)).body.error.code).toBe('INVALID_TOKEN');
    await t.http.post('/api/v1/login-sessions').set('X-API-Key', account.publishableKey).send({ user_id: 'sheldon' }).expect(401);
    expect((await cli('accounts', 'show', account.email)).stdout).toMatch(/disabled_at\t\d{4}-/);
    await t.http.get('/api/v1/users').set('X-API-Key', other.apiKey).expect(200);

    expect((await cli('accounts', 'enable', account.email)).code).toBe(0);
    await t.http.get('/api/v1/users').set('X-API-Key', account.apiKey).expect(200);

    const erased = await cli('accounts', 'erase', account.email);
    expect(erased.code).toBe(0);
    expect(counts(erased.stdout)).toEqual({
      login_attempts: 1,
      login_sessions: 2,
      enroll_sessions: 1,
      face_samples: 2,
      enrolled_users: 1,
      usage_call_logs: 3,
      usage_daily: 1,
      usage_quotas: 1,
      api_keys: 2,
      accounts: 1,
    });
    await t.http.get('/api/v1/users').set('X-API-Key', account.apiKey).expect(401);
    const gone = await cli('accounts', 'show', account.email);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`No account with email ${account.email}`);
    // The other account keeps its template.
    expect((await t.http.get('/api/v1/users/sheldon').set('X-API-Key', other.apiKey).expect(200)).body).toMatchObject({ success: true });
  });

  it('lists every command with --help, the registration switch included', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of ['accounts show <email>', 'accounts disable <email>', 'accounts enable <email>', 'accounts erase <email>', 'accounts list', 'set-plan', 'keys create', 'migrate', 'registration status', 'registration close', 'registration open']) {
      expect(help.stdout).toContain(command);
    }
    expect(help.stdout).toContain('REGISTRATION=closed');
  });

  it('refuses a bad DATABASE_URL with one line naming the variable', async () => {
    const { code, stdout, stderr } = await promisify(execFile)('npx', ['ts-node', '-r', 'tsconfig-paths/register', '--transpile-only', 'apps/api/src/cli.ts', 'accounts', 'list'], {
      env: { ...process.env, DATABASE_URL: 'mysql://root:pw@db/x' },
      cwd: `${__dirname}/../..`,
    }).then(
      (ok) => ({ code: 0, ...ok }),
      (error: any) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    // npx may add its own warnings about the npm configuration.
    expect(stderr.trim().split('\n').filter((line: string) => !line.startsWith('npm warn'))).toEqual(['invalid configuration: DATABASE_URL (databaseUrl): must start with postgres://, postgresql:// or sqlite: (got "mysql:...")']);
  });
});
