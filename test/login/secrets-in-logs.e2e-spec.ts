import { registerAccount } from '../factories/accounts';
import { enroll, SHELDON } from '../face-routes/support';
import { startTestApp, TestApp } from '../support/test-app';
import { attempt, confirm, startOffSession } from './login-support';

describe('Secrets in logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  let restore: () => void;
  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array, ..._rest: any[]) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    restore = () => (process.stdout.write = write);
    t = await startTestApp({ logLevel: 'debug' });
  });
  afterAll(async () => {
    await t.close();
    restore();
  });

  it('never writes a key, a client secret or a token to the log during a whole login, including failures', async () => {
    const account = await registerAccount(t.http);
    await enroll(t.http, account.apiKey, 'sheldon', SHELDON.slice(0, 3)).expect(201);
    const created = (await t.http.post('/api/v1/keys').set('X-API-Key', account.apiKey).send({ kind: 'publishable' }).expect(201)).body.api_key;
    const session = await startOffSession(t.http, account.apiKey, 'sheldon');
    const { token } = (await attempt(t.http, session, SHELDON[4]).expect(200)).body;
    await confirm(t.http, account.apiKey, token).expect(200);
    await confirm(t.http, account.apiKey, token).expect(409);
    await attempt(t.http, { session_id: session.session_id, client_secret: session.client_secret + 'x' }, SHELDON[4]).expect(401);
    await t.http.get(`/api/v1/usage/${account.apiKey}`).set('X-API-Key', account.apiKey).expect(200);
    await t.http.post('/api/v1/verify').field('api_key', account.apiKey).field('name', 'sheldon').attach('image', Buffer.from('not an image'), 'x.jpg').expect(400);
    const log = lines.join('');
    expect(log).toContain('"request_id"');
    for (const secret of [account.apiKey, account.publishableKey, created, session.client_secret, token, token.split('.')[2]]) {
      expect(log).not.toContain(secret);
    }
  });
});
