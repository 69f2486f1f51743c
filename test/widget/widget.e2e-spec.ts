import { decodeJwt } from 'jose';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Page } from 'playwright-core';
import { RegisteredAccount, registerAccount } from '../factories/accounts';
import { identityPhotos } from '../factories/datasets';
import { confirm, startOffSession } from '../login/login-support';
import { startTestApp, TestApp } from '../support/test-app';
import { Browser, launchChromium } from './chromium';
import { fakeCameraClip, syntheticCameraClip } from './fake-camera';
import { hostPage, Origin, serveOrigin } from './origins';

// One person's clear frontal photos: two enrolled, a third (another file) played by the fake camera.
const person = identityPhotos('celeba_dev', 'id07213');
const ENROLLED = [person[0], person[4]];
const PERSON_ON_CAMERA = person[3];
const STRANGER_ON_CAMERA = identityPhotos('celeba_dev', 'id07201')[0];
const USER_ID = 'customer-42';
const SCREENSHOT = resolve(__dirname, '../../docs/widget.png');

interface Reported {
  type: 'success' | 'error' | 'cancel';
  result?: { token: string; user_id: string; session_id: string };
  error?: { code: string; message: string };
}

describe('Embed widget in Chromium', () => {
  let api: TestApp;
  let account: RegisteredAccount;
  /** A publishable key that only the shop's origin may use. */
  let shopKey: string;
  let shop: Origin;
  const shopPages: Record<string, { type: string; body: string }> = {};
  let clipDir: string;
  let personClip: string;
  let strangerClip: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // These tests are about keys, origins, errors, focus and the one-frame flow: the operator's LIVENESS_DEFAULT=off.
    // guided-liveness.e2e-spec.ts and example-site.e2e-spec.ts run the widget on the shipped default (active).
    api = await startTestApp({ loginSessions: { defaultLiveness: 'off' } });
    account = await registerAccount(api.http);
    await api.http
      .post('/api/v1/enroll')
      .set('X-API-Key', account.apiKey)
      .field('name', USER_ID)
      .attach('image', ENROLLED[0])
      .attach('image1', ENROLLED[1])
      .expect(201);
    clipDir = mkdtempSync(join(tmpdir(), 'faceauth-clips-'));
    personClip = fakeCameraClip(PERSON_ON_CAMERA, clipDir);
    strangerClip = fakeCameraClip(STRANGER_ON_CAMERA, clipDir);
    // The pages are added once the shop's origin (its port) is known: the key names it.
    shop = await serveOrigin(shopPages);
    const created = await api.http.post('/api/v1/keys').set('X-API-Key', account.apiKey).send({ kind: 'publishable', allowed_origins: [shop.url] }).expect(201);
    shopKey = created.body.api_key;
    const widgetUrl = `${api.baseUrl}/widget.js`;
    shopPages['/'] = { type: 'text/html', body: hostPage(widgetUrl, { 'api-key': shopKey, 'user-id': USER_ID, nonce: 'shop-browser-1' }) };
    shopPages['/secret'] = { type: 'text/html', body: hostPage(widgetUrl, { 'api-key': account.apiKey, 'user-id': USER_ID }) };
  });

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  afterAll(async () => {
    await shop?.close();
    await api?.close();
    if (clipDir) rmSync(clipDir, { recursive: true, force: true });
  });

  const dialog = (page: Page) => page.getByRole('dialog', { name: 'Sign in with your face' });
  const status = (page: Page) => dialog(page).getByRole('status');

  /** Opens the widget from its button, waits for the live preview, and returns the open dialog. */
  async function openWidget(page: Page, url: string) {
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in with your face' }).click();
    await dialog(page).getByRole('button', { name: 'Capture' }).waitFor();
    return dialog(page);
  }

  /** The first thing the widget reported to the host page's onSuccess / onError / onCancel. */
  async function firstReport(page: Page): Promise<Reported> {
    await page.waitForFunction(() => (window as any).__results.length > 0, undefined, { timeout: 60000 });
    return page.evaluate(() => (window as any).__results[0]);
  }

  /** True once the camera was opened and every track has ended (the camera may open after a failure was reported). */
  const cameraReleased = async (page: Page) => {
    const released = () => {
      const tracks = ((window as any).__streams as MediaStream[]).flatMap((stream) => stream.getTracks());
      return tracks.length > 0 && tracks.every((track) => track.readyState === 'ended');
    };
    return page.waitForFunction(released, undefined, { timeout: 10000 }).then(() => true);
  };

  it('is served outside /api/v1 and may start sessions and post attempts from another origin', async () => {
    await api.http.get('/widget.js').expect(200).expect('Content-Type', /javascript/);
    for (const [route, headers] of [['/api/v1/login-sessions', 'content-type,x-api-key'], ['/api/v1/login-sessions/ls_x/attempts', 'authorization']]) {
      const preflight = await api.http.options(route).set('Origin', shop.url).set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', headers);
      expect(preflight.status).toBeLessThan(300);
      expect(preflight.headers['access-control-allow-origin']).toMatch(/^(\*|http:\/\/127\.0\.0\.1:\d+)$/);
      for (const header of headers.split(',')) expect(preflight.headers['access-control-allow-headers'].toLowerCase()).toContain(header);
    }
  });

  it('renders the modal with the live preview over the host page (docs/widget.png)', async () => {
    browser = await launchChromium({ video: syntheticCameraClip(clipDir), allowCamera: true });
    const modal = await openWidget(browser.page, shop.url);
    // A trial click waits until Capture is enabled, i.e. the preview is live.
    await modal.getByRole('button', { name: 'Capture' }).click({ trial: true });
    saveScreenshot(await browser.page.screenshot());
    expect(browser.consoleErrors).toEqual([]);
  });

  it('starts a session with the publishable key from an allowed origin and hands onSuccess a token the backend confirms', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: true });
    const { page } = browser;
    const modal = await openWidget(page, shop.url);
    await modal.getByRole('button', { name: 'Capture' }).click();

    const report = await firstReport(page);
    expect(report).toEqual({ type: 'success', result: { token: expect.any(String), user_id: USER_ID, session_id: expect.stringMatching(/^ls_/) } });
    expect(decodeJwt(report.result!.token)).toMatchObject({ sub: USER_ID, aud: account.publicId, sid: report.result!.session_id, nonce: 'shop-browser-1' });
    const confirmed = await confirm(api.http, account.apiKey, report.result!.token).expect(200);
    expect(confirmed.body).toMatchObject({ valid: true, user_id: USER_ID, nonce: 'shop-browser-1' });
    expect(await page.evaluate(() => (window as any).__addedGlobals)).toEqual(['FaceAuth']);
    expect(await cameraReleased(page)).toBe(true);
    await modal.waitFor({ state: 'detached' });
    expect(browser.consoleErrors).toEqual([]);
  });

  it('answers a wrong face with the API message and a retry while attempts are left; closing then is onCancel', async () => {
    browser = await launchChromium({ video: strangerClip, allowCamera: true });
    const { page } = browser;
    const modal = await openWidget(page, shop.url);
    await modal.getByRole('button', { name: 'Capture' }).click();

    const retry = modal.getByRole('button', { name: 'Try again' });
    await retry.waitFor({ timeout: 60000 });
    const text = (await status(page).textContent())!;
    expect(text).toContain("We couldn't confirm it's you");
    expect(text).toContain('(2 tries left)');
    expect(text).not.toMatch(/distance|threshold|confidence|NO_MATCH|\d\.\d/i);
    await retry.click();
    await status(page).filter({ hasText: '(1 try left)' }).waitFor({ timeout: 60000 });
    expect(await page.evaluate(() => (window as any).__results)).toEqual([]);

    await modal.getByRole('button', { name: 'Close' }).click();
    await modal.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as any).__results)).toEqual([{ type: 'cancel' }]);
    expect(await cameraReleased(page)).toBe(true);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('runs a session the backend started (data-session) with the button in the data-container element', async () => {
    const session = await startOffSession(api.http, account.apiKey, USER_ID, 'backend-nonce');
    const body = hostPage(`${api.baseUrl}/widget.js`, { session: `${session.session_id}:${session.client_secret}`, container: 'section.login-slot' }, { slot: true });
    shopPages['/backend'] = { type: 'text/html', body };
    browser = await launchChromium({ video: personClip, allowCamera: true });
    const { page } = browser;
    await page.goto(`${shop.url}/backend`);
    expect(await page.locator('section.login-slot faceauth-button').count()).toBe(1);
    await page.locator('section.login-slot').getByRole('button', { name: 'Sign in with your face' }).click();
    await dialog(page).getByRole('button', { name: 'Capture' }).click();

    const report = await firstReport(page);
    expect(report).toEqual({ type: 'success', result: { token: expect.any(String), user_id: USER_ID, session_id: session.session_id } });
    expect(decodeJwt(report.result!.token).nonce).toBe('backend-nonce');
    expect(await cameraReleased(page)).toBe(true);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('refuses a secret key in data-api-key with a console error about publishable keys, and starts nothing', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: true });
    const { page } = browser;
    const apiCalls: string[] = [];
    page.on('request', (req) => void (req.url().includes('/api/v1/') && apiCalls.push(req.url())));
    await page.goto(`${shop.url}/secret`);
    await page.evaluate(() => (window as any).FaceAuth.open({ userId: 'customer-42' }));
    expect(browser.consoleErrors[0]).toMatch(/SECRET key.*publishable key \(fa_pub_/s);
    expect(await page.locator('faceauth-button').count()).toBe(0);
    expect(await dialog(page).count()).toBe(0);
    expect(apiCalls).toEqual([]);
    expect(await page.evaluate(() => (window as any).__streams.length)).toBe(0);
  });

  it("reports a publishable key used from an origin it does not list as an error, with the API's reason in the console", async () => {
    const other = await serveOrigin({ '/': { type: 'text/html', body: hostPage(`${api.baseUrl}/widget.js`, { 'api-key': shopKey, 'user-id': USER_ID }) } });
    try {
      browser = await launchChromium({ video: personClip, allowCamera: true });
      const { page } = browser;
      await page.goto(other.url);
      await page.getByRole('button', { name: 'Sign in with your face' }).click();
      const report = await firstReport(page);
      expect(report).toEqual({ type: 'error', error: { code: 'FORBIDDEN', message: expect.stringMatching(/isn't available/) } });
      await status(page).filter({ hasText: "isn't available" }).waitFor();
      expect(browser.consoleErrors.some((line) => /FaceAuth widget: .*FORBIDDEN/.test(line))).toBe(true);
      await page.keyboard.press('Escape');
      await dialog(page).waitFor({ state: 'detached' });
      // The failure was reported; closing afterwards is not a cancel as well.
      expect(await page.evaluate(() => (window as any).__results.length)).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('reports a camera permission the browser refuses as CAMERA_DENIED and keeps the message on screen', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: false });
    const { page } = browser;
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Sign in with your face' }).click();

    const report = await firstReport(page);
    expect(report).toEqual({ type: 'error', error: { code: 'CAMERA_DENIED', message: 'Camera access was refused' } });
    expect(await page.evaluate(() => (window as any).__streams.length)).toBe(0);
    await status(page).filter({ hasText: 'Camera access was refused' }).waitFor();
    expect(await dialog(page).getByRole('button', { name: 'Capture' }).count()).toBe(0);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('reports an API that went down as NETWORK', async () => {
    // The widget is loaded from an origin that then stops: its attempt is refused, as for a dead API.
    const widget = await api.http.get('/widget.js').buffer(true);
    const doomedApi = await serveOrigin({ '/widget.js': { type: 'application/javascript', body: widget.text } });
    const page = hostPage(`${doomedApi.url}/widget.js`, { 'api-key': account.publishableKey, 'user-id': USER_ID });
    const doomedShop = await serveOrigin({ '/': { type: 'text/html', body: page } });
    try {
      browser = await launchChromium({ video: personClip, allowCamera: true });
      await browser.page.goto(doomedShop.url);
      await doomedApi.close();
      await browser.page.getByRole('button', { name: 'Sign in with your face' }).click();

      const report = await firstReport(browser.page);
      expect(report).toEqual({ type: 'error', error: { code: 'NETWORK', message: expect.stringMatching(/couldn't reach/) } });
      expect(await cameraReleased(browser.page)).toBe(true);
      // The browser itself logs the refused connection; nothing else may appear.
      expect(browser.consoleErrors.filter((line) => !line.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
    } finally {
      await doomedShop.close();
    }
  });

  it('keeps keyboard focus in the dialog; Escape closes it, releases the camera and reports onCancel', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: true });
    const { page } = browser;
    const modal = await openWidget(page, shop.url);
    await modal.getByRole('button', { name: 'Capture' }).click({ trial: true });

    const focused = () => page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent ?? document.activeElement?.tagName);
    const seen = new Set<string | undefined>();
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      seen.add(await focused());
    }
    expect(seen).toEqual(new Set(['×', 'Capture']));

    await page.keyboard.press('Escape');
    await modal.waitFor({ state: 'detached' });
    expect(await cameraReleased(page)).toBe(true);
    expect(await page.evaluate(() => (window as any).__results)).toEqual([{ type: 'cancel' }]);
    expect(await focused()).toBe('Sign in with your face');
    expect(browser.consoleErrors).toEqual([]);
  });

  it('runs the demo page: register, enroll from the camera, sign in with the publishable key, confirm the token', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: true });
    const { page } = browser;
    await page.goto(`${api.baseUrl}/demo`);
    await page.getByLabel('Email').fill('demo@example.com');
    await page.getByLabel('Name', { exact: true }).fill('Demo Developer');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('#register-result', { hasText: '"publishable_key": "fa_pub_' }).waitFor();
    expect(await page.getByLabel('Publishable key').inputValue()).toMatch(/^fa_pub_/);

    await page.getByLabel('User id').fill('demo-person');
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: /Take photo/ }).click();
    await page.getByRole('img', { name: 'Photo 1' }).waitFor();
    await page.getByRole('button', { name: 'Enroll', exact: true }).click();
    await page.locator('#enroll-result', { hasText: '"external_user_id": "demo-person"' }).waitFor();
    expect(await cameraReleased(page)).toBe(true);

    await page.getByRole('button', { name: /Load the widget/ }).click();
    await page.getByRole('button', { name: 'Sign in with your face' }).click();
    await dialog(page).getByRole('button', { name: 'Capture' }).click();
    await page.locator('#login-result', { hasText: '"token"' }).waitFor({ timeout: 60000 });
    expect(await page.locator('#login-result').textContent()).toContain('"user_id": "demo-person"');
    await page.getByRole('button', { name: /Confirm the token/ }).click();
    await page.locator('#confirm-result', { hasText: '"valid": true' }).waitFor();
    expect(browser.consoleErrors).toEqual([]);
  });
});

/** docs/widget.png is committed; it is written when missing or when UPDATE_WIDGET_SCREENSHOT=1. */
function saveScreenshot(png: Buffer): void {
  expect(png.length).toBeGreaterThan(10000);
  if (existsSync(SCREENSHOT) && process.env.UPDATE_WIDGET_SCREENSHOT !== '1') return;
  writeFileSync(SCREENSHOT, png);
}
