import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, rmSync } from 'node:fs';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SigningKeysService } from '@faceauth/login-tokens';
import { createExampleSite } from '../../apps/example-site/src/app';
import { RegisteredAccount, registerAccount } from '../factories/accounts';
import { datasetPath } from '../factories/datasets';
import { enroll } from '../face-routes/support';
import { performActiveLogin, POSED_A, PosedPerson } from '../login/login-support';
import { startTestApp, TestApp } from '../support/test-app';
import { Browser, launchChromium } from './chromium';
import { scriptedClip } from './fake-camera';

/** The site's users, played by two people with photos for every challenge movement. */
const SHELDON = POSED_A;
const pennyPhoto = (file: string) => datasetPath('celeba_dev', 'id07249', file);
const PENNY: PosedPerson & { enroll: string[] } = {
  facing: pennyPhoto('060904.jpg'),
  peak: { turn_left: pennyPhoto('089455.jpg'), turn_right: pennyPhoto('118768.jpg'), look_up: pennyPhoto('103573.jpg') },
  enroll: ['021771.jpg', '038724.jpg', '071598.jpg'].map(pennyPhoto),
};

/** What the site answered, with its cookies as name -> Set-Cookie line. */
interface SiteAnswer {
  status: number;
  body: any;
  cookies: Record<string, string>;
}

describe('Example site: login through the widget in Chromium', () => {
  let api: TestApp;
  let account: RegisteredAccount;
  let site: Server;
  let siteUrl: string;
  const siteLog: string[] = [];
  let clipDir: string;
  let browser: Browser | undefined;
  /** The token the browser's successful login handed to /login/complete. */
  let browserToken: string;

  beforeAll(async () => {
    api = await startTestApp();
    account = await registerAccount(api.http);
    await enroll(api.http, account.apiKey, 'sheldon', SHELDON.enroll).expect(201);
    await enroll(api.http, account.apiKey, 'penny', PENNY.enroll).expect(201);
    const app = createExampleSite({
      apiUrl: api.baseUrl,
      secretKey: account.apiKey,
      widgetUrl: `${api.baseUrl}/widget.js`,
      users: [
        { username: 'sheldon', faceauthUserId: 'sheldon' },
        { username: 'penny', faceauthUserId: 'penny' },
      ],
      log: (line) => siteLog.push(line),
    });
    site = await new Promise<Server>((resolve) => {
      const server = app.listen(0, '127.0.0.1', () => resolve(server));
    });
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    clipDir = mkdtempSync(join(tmpdir(), 'faceauth-site-clips-'));
  });

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  afterAll(async () => {
    await new Promise((resolve) => site?.close(resolve));
    await api?.close();
    if (clipDir) rmSync(clipDir, { recursive: true, force: true });
  });

  async function post(path: string, body: unknown, cookie?: string): Promise<SiteAnswer> {
    const res = await fetch(`${siteUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      body: JSON.stringify(body),
    });
    const cookies = Object.fromEntries(res.headers.getSetCookie().map((line) => [line.split('=')[0], line]));
    return { status: res.status, body: await res.json().catch(() => null), cookies };
  }

  /** A login flow started the way the login page starts it: the flow cookie and the session for the widget. */
  async function startFlow(username: string, cookie?: string) {
    const res = await post('/login/start', { username }, cookie);
    expect(res.status).toBe(200);
    const [session_id, client_secret] = res.body.session.split(':');
    const flowCookie = cookie ?? res.cookies.login_flow.split(';')[0];
    return { cookie: flowCookie, session: { session_id, client_secret } };
  }

  /** Posts a token to /login/complete and checks the site refused it without signing anyone in. */
  async function expectRefused(token: string, cookie: string): Promise<void> {
    const res = await post('/login/complete', { token }, cookie);
    expect(res.status).toBe(401);
    expect(res.cookies.site_session).toBeUndefined();
  }

  /** Claims signed with the API's own current signing key. */
  async function serverSigned(claims: Record<string, unknown>): Promise<string> {
    const signer = await api.app.get(SigningKeysService).currentSigner();
    return new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: signer.kid, typ: 'faceauth-login+jwt' }).sign(signer.key);
  }

  it('signs sheldon in: widget on the login page, active liveness followed, token confirmed by the backend, HttpOnly cookie, /me', async () => {
    // The camera clip follows the challenge of the session the site's backend starts: the test reads it
    // (with the session's client secret, as the widget does) before the page gets the answer and opens the camera.
    const clip = scriptedClip([{ photo: SHELDON.facing, seconds: 2 }], join(clipDir, 'sheldon.y4m'));
    browser = await launchChromium({ video: clip, allowCamera: true });
    const { page } = browser;
    await page.route('**/login/start', async (route) => {
      const response = await route.fetch();
      const [id, secret] = (await response.json()).session.split(':');
      const { body } = await api.http.get(`/api/v1/login-sessions/${id}/challenge`).set('Authorization', `Bearer ${secret}`).expect(200);
      const [first, second] = body.challenge.steps.map((step: { movement: string }) => SHELDON.peak[step.movement]);
      scriptedClip(
        [{ photo: SHELDON.facing, seconds: 5 }, { photo: first, seconds: 2 }, { photo: SHELDON.facing, seconds: 3 }, { photo: second, seconds: 15 }],
        clip,
      );
      await route.fulfill({ response });
    });
    page.on('request', (req) => {
      if (req.url().endsWith('/login/complete')) browserToken = req.postDataJSON().token;
    });
    await page.goto(`${siteUrl}/login`);
    await page.getByLabel('Username').fill('sheldon');
    await page.getByRole('button', { name: 'Sign in with your face' }).click();
    await page.getByRole('dialog', { name: 'Sign in with your face' }).getByRole('button', { name: 'Start' }).click();

    await page.waitForURL(`${siteUrl}/me`, { timeout: 60000 });
    expect(await page.locator('#who').textContent()).toBe('Signed in as sheldon.');
    const cookies = await page.context().cookies(siteUrl);
    const session = cookies.find((cookie) => cookie.name === 'site_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.find((cookie) => cookie.name === 'login_flow')).toBeUndefined();

    const me = await fetch(`${siteUrl}/me`, { headers: { Cookie: `site_session=${session!.value}` } });
    expect(me.status).toBe(200);
    expect(await me.text()).toContain('Signed in as <strong>sheldon</strong>');
    expect((await fetch(`${siteUrl}/me`)).status).toBe(401);
    expect(browserToken).toEqual(expect.any(String));
    expect(browser.consoleErrors).toEqual([]);
  });

  it('refuses a forged token (signed by another key under the server kid) and sets no session cookie', async () => {
    const { cookie, session } = await startFlow('sheldon');
    const { privateKey } = await generateKeyPair('EdDSA');
    const { kid } = await api.app.get(SigningKeysService).currentSigner();
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ sub: 'sheldon', aud: account.publicId, sid: session.session_id, amr: ['face', 'liveness'], jti: 'forged-1' })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'faceauth-login+jwt' })
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(privateKey);
    await expectRefused(forged, cookie);
    await expectRefused('not-a-token', cookie);
  });

  it('refuses the replayed token of the browser login, already confirmed once', async () => {
    const { cookie } = await startFlow('sheldon');
    await expectRefused(browserToken, cookie);
    expect(siteLog).toContain('login of sheldon refused: FaceAuth answered TOKEN_ALREADY_USED');
  });

  it("refuses an expired token signed with the API's own key, its other claims right", async () => {
    const { cookie, session } = await startFlow('sheldon');
    const past = Math.floor(Date.now() / 1000) - 600;
    const expired = await serverSigned({ iss: decodeJwt(browserToken).iss, aud: account.publicId, sub: 'sheldon', sid: session.session_id, amr: ['face'], iat: past, exp: past + 60, jti: 'expired-1' });
    await expectRefused(expired, cookie);
    expect(siteLog).toContain('login of sheldon refused: FaceAuth answered INVALID_TOKEN');
  });

  it("refuses another user's valid token carrying this browser's nonce (penny's face for sheldon's login)", async () => {
    // The same browser first asks for penny (and gets penny's real token), then asks for sheldon.
    const pennyFlow = await startFlow('penny');
    const pennyLogin = await performActiveLogin(api.http, pennyFlow.session, PENNY);
    expect(pennyLogin.body.match).toBe(true);
    await startFlow('sheldon', pennyFlow.cookie);
    await expectRefused(pennyLogin.body.token, pennyFlow.cookie);
    expect(siteLog).toContain('login of sheldon refused: token is for another user');
  });

  it("refuses sheldon's valid token from another browser's login flow (nonce)", async () => {
    const elsewhere = await startFlow('sheldon');
    const stolen = await performActiveLogin(api.http, elsewhere.session, SHELDON);
    expect(stolen.body.match).toBe(true);
    const { cookie } = await startFlow('sheldon');
    await expectRefused(stolen.body.token, cookie);
    expect(siteLog).toContain("login of sheldon refused: token belongs to another browser's login");
  });

  it('refuses /login/complete without a login flow cookie, and /login/start for an unknown username', async () => {
    expect((await post('/login/complete', { token: browserToken })).status).toBe(401);
    expect((await post('/login/start', { username: 'howard' })).status).toBe(404);
  });

  it('never logs keys, client secrets or tokens', () => {
    const log = siteLog.join('\n');
    expect(log).not.toContain(account.apiKey);
    expect(log).not.toMatch(/lss_|fa_|eyJ/);
  });
});
