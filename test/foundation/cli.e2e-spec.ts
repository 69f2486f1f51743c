import { registerAccount } from '../factories/accounts';
import { runCli } from '../support/cli';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';

describe('The operator CLI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(NO_FACES);
  });
  afterAll(() => t.close());

  const cli = (...args: string[]) => runCli(t.database.url, ...args);

  it('lists accounts, lists, creates and revokes keys, and refuses to revoke the last secret key', async () => {
    const account = await registerAccount(t.http);
    expect((await cli('accounts', 'list')).stdout).toContain(account.email);

    const listed = await cli('keys', 'list', account.email.toUpperCase());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/secret\tfa_.{4}\.\.\./);
    expect(listed.stdout).toMatch(/publishable\tfa_pub_.{4}\.\.\./);
    expect(listed.stdout).not.toContain(account.apiKey);

    const created = await cli('keys', 'create', account.email, 'secret');
    const newKey = created.stdout.split('\n')[0];
    expect(newKey).toMatch(/^fa_[A-Za-z0-9_-]{43}$/);
    await t.http.get('/api/v1/keys').set('X-API-Key', newKey).expect(200);

    const { keys } = (await t.http.get('/api/v1/keys').set('X-API-Key', newKey).expect(200)).body;
    const original = keys.find((key: { kind: string; key: string }) => key.kind === 'secret' && account.apiKey.startsWith(key.key.slice(0, 7)));
    expect((await cli('keys', 'revoke', account.email, String(original.id))).code).toBe(0);
    await t.http.get('/api/v1/keys').set('X-API-Key', account.apiKey).expect(401);

    const last = keys.find((key: { kind: string; id: number }) => key.kind === 'secret' && key.id !== original.id);
    const refused = await cli('keys', 'revoke', account.email, String(last.id));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/last active secret key/);
  });

  it('prints its commands with --help and exits 2 on an unknown command', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const command of ['migrate', 'set-plan', 'accounts list', 'keys list', 'keys create', 'keys revoke', 'keys rotate-signing']) expect(help.stdout).toContain(command);
    expect((await cli('keys', 'frobnicate')).code).toBe(2);
  });
});
