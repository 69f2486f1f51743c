import { uniqueEmail } from '../factories/accounts';
import { runCli, runCliWithEnv } from '../support/cli';
import { NO_FACES, startTestApp, TestApp } from '../support/test-app';

describe('The operator CLI: registration close, open, status', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp(NO_FACES);
    // A second replica of the same deployment, on the same database.
    second = await startTestApp(NO_FACES, [], { database: first.database });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const register = (t: TestApp) => t.http.post('/api/v1/register').send({ email: uniqueEmail('reg'), name: 'Reg' });

  // Four CLI runs from source (ts-node): about a minute on a busy machine.
  it('closes registration on every replica at once (403 FORBIDDEN), refuses to open it under REGISTRATION=closed, and opens it again', async () => {
    await register(first).expect(201);

    const closed = await runCli(first.database.url, 'registration', 'close');
    expect(closed).toMatchObject({ code: 0, stdout: expect.stringMatching(/^registration is closed \(REGISTRATION=open; closed with the CLI at \d{4}-\d\d-\d\dT[\d:.]+Z\)\n$/) });
    for (const replica of [first, second]) {
      const refused = await register(replica).expect(403);
      expect(refused.body.error).toEqual({ code: 'FORBIDDEN', message: 'Registration is closed on this server' });
    }

    const underConfig = await runCliWithEnv({ REGISTRATION: 'closed' }, first.database.url, 'registration', 'open');
    expect(underConfig.code).toBe(1);
    expect(underConfig.stderr).toContain('REGISTRATION=closed keeps registration closed whatever the CLI says');
    await register(first).expect(403);

    const opened = await runCli(first.database.url, 'registration', 'open');
    expect(opened).toMatchObject({ code: 0, stdout: expect.stringMatching(/^registration is open \(REGISTRATION=open; opened with the CLI at /) });
    await register(second).expect(201);
    await register(first).expect(201);

    expect((await runCli(first.database.url, 'registration', 'status')).stdout).toMatch(/^registration is open \(REGISTRATION=open; opened with the CLI at /);
  }, 240_000);
});
