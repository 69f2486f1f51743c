import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Page } from 'playwright-core';
import { registerAccount } from '../factories/accounts';
import { identityPhotos } from '../factories/datasets';
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
  type: 'success' | 'error';
  body?: Record<string, unknown>;
  error?: { code: string; message: string };
}

describe('Embed widget in Chromium', () => {
  let api: TestApp;
  let apiKey: string;
  let shop: Origin;
  let clipDir: string;
  let personClip: string;
  let strangerClip: string;
  let browser: Browser | undefined;

  beforeAll(async () => {
    api = await startTestApp();
    apiKey = (await registerAccount(api.http)).apiKey;
    await api.http
      .post('/api/v1/enroll')
      .set('X-API-Key', apiKey)
      .field('name', USER_ID)
      .attach('image', ENROLLED[0])
      .attach('image1', ENROLLED[1])
      .expect(201);
    clipDir = mkdtempSync(join(tmpdir(), 'faceauth-clips-'));
    personClip = fakeCameraClip(PERSON_ON_CAMERA, clipDir);
    strangerClip = fakeCameraClip(STRANGER_ON_CAMERA, clipDir);
    shop = await serveOrigin({ '/': { type: 'text/html', body: hostPage(`${api.baseUrl}/widget.js`, apiKey, USER_ID) } });
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

  /** Opens the widget from its button, waits for the live preview, and returns the open dialog. */
  async function openWidget(page: Page, url: string) {
    await page.goto(url);
    await page.getByRole('button', { name: 'Sign in with your face' }).click();
    await dialog(page).getByRole('button', { name: 'Capture' }).waitFor();
    return dialog(page);
  }

  /** The first thing the widget reported to the host page's onSuccess / onError. */
  async function firstReport(page: Page): Promise<Reported> {
    await page.waitForFunction(() => (window as any).__results.length > 0, undefined, { timeout: 60000 });
    return page.evaluate(() => (window as any).__results[0]);
  }

  const trackStates = (page: Page): Promise<string[]> =>
    page.evaluate(() => ((window as any).__streams as MediaStream[]).flatMap((stream) => stream.getTracks()).map((track) => track.readyState));

  it('is served outside /api/v1 and may call /api/v1/verify from another origin', async () => {
    await api.http.get('/widget.js').expect(200).expect('Content-Type', /javascript/);
    const preflight = await api.http
      .options('/api/v1/verify')
      .set('Origin', shop.url)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'x-api-key');
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers['access-control-allow-origin']).toMatch(/^(\*|http:\/\/127\.0\.0\.1:\d+)$/);
    expect(preflight.headers['access-control-allow-headers'].toLowerCase()).toContain('x-api-key');
  });

  it('renders the modal with the live preview over the host page (docs/widget.png)', async () => {
    browser = await launchChromium({ video: syntheticCameraClip(clipDir), allowCamera: true });
    const modal = await openWidget(browser.page, shop.url);
    // A trial click waits until Capture is enabled, i.e. the preview is live.
    await modal.getByRole('button', { name: 'Capture' }).click({ trial: true });
    saveScreenshot(await browser.page.screenshot());
    expect(browser.consoleErrors).toEqual([]);
  });

  it('signs the enrolled person in: onSuccess receives the verify body with match: true', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: true });
    const { page } = browser;
    const modal = await openWidget(page, shop.url);
    await modal.getByRole('button', { name: 'Capture' }).click();

    const report = await firstReport(page);
    expect(report.type).toBe('success');
    expect(report.body).toMatchObject({ success: true, match: true, status: 'match', identity: USER_ID });
    expect(await page.evaluate(() => (window as any).__addedGlobals)).toEqual(['FaceAuth']);
    const tracks = await trackStates(page);
    expect(tracks.length).toBeGreaterThan(0);
    expect(tracks.every((state) => state === 'ended')).toBe(true);
    await modal.waitFor({ state: 'detached' });
    expect(browser.consoleErrors).toEqual([]);
  });

  it("reports another person's face as NO_MATCH", async () => {
    browser = await launchChromium({ video: strangerClip, allowCamera: true });
    const modal = await openWidget(browser.page, shop.url);
    await modal.getByRole('button', { name: 'Capture' }).click();

    const report = await firstReport(browser.page);
    expect(report).toEqual({ type: 'error', error: { code: 'NO_MATCH', message: expect.any(String) } });
    expect((await trackStates(browser.page)).every((state) => state === 'ended')).toBe(true);
    expect(browser.consoleErrors).toEqual([]);
  });

  it('reports a camera permission the browser refuses as CAMERA_DENIED', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: false });
    const { page } = browser;
    await page.goto(shop.url);
    await page.getByRole('button', { name: 'Sign in with your face' }).click();

    const report = await firstReport(page);
    expect(report).toEqual({ type: 'error', error: { code: 'CAMERA_DENIED', message: 'Camera access was refused' } });
    expect(await page.evaluate(() => (window as any).__streams.length)).toBe(0);
    await dialog(page).waitFor({ state: 'detached' });
    expect(browser.consoleErrors).toEqual([]);
  });

  it('reports an API that went down as NETWORK', async () => {
    // The widget is loaded from an origin that then stops: its /api/v1/verify is refused, as for a dead API.
    const widget = await api.http.get('/widget.js').buffer(true);
    const doomedApi = await serveOrigin({ '/widget.js': { type: 'application/javascript', body: widget.text } });
    const page = hostPage(`${doomedApi.url}/widget.js`, apiKey, USER_ID);
    const doomedShop = await serveOrigin({ '/': { type: 'text/html', body: page } });
    try {
      browser = await launchChromium({ video: personClip, allowCamera: true });
      const modal = await openWidget(browser.page, doomedShop.url);
      await doomedApi.close();
      await modal.getByRole('button', { name: 'Capture' }).click();

      const report = await firstReport(browser.page);
      expect(report).toEqual({ type: 'error', error: { code: 'NETWORK', message: 'Could not reach the server' } });
      expect((await trackStates(browser.page)).every((state) => state === 'ended')).toBe(true);
      // The browser itself logs the refused connection; nothing else may appear.
      expect(browser.consoleErrors.filter((line) => !line.includes('ERR_CONNECTION_REFUSED'))).toEqual([]);
    } finally {
      await doomedShop.close();
    }
  });

  it('keeps keyboard focus in the dialog; Escape closes it, releases the camera and reports nothing', async () => {
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
    expect(await trackStates(page)).toEqual(expect.arrayContaining(['ended']));
    expect((await trackStates(page)).every((state) => state === 'ended')).toBe(true);
    expect(await page.evaluate(() => (window as any).__results)).toEqual([]);
    expect(await focused()).toBe('Sign in with your face');
    expect(browser.consoleErrors).toEqual([]);
  });

  it('runs the demo page: register, enroll from the camera, sign in with the widget, show the verify response', async () => {
    browser = await launchChromium({ video: personClip, allowCamera: true });
    const { page } = browser;
    await page.goto(`${api.baseUrl}/demo`);
    await page.getByLabel('Email').fill('demo@example.com');
    await page.getByLabel('Name', { exact: true }).fill('Demo Developer');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('#register-result', { hasText: '"api_key": "fa_' }).waitFor();

    await page.getByLabel('User id').fill('demo-person');
    await page.getByRole('button', { name: 'Start camera' }).click();
    await page.getByRole('button', { name: /Take photo/ }).click();
    await page.getByRole('img', { name: 'Photo 1' }).waitFor();
    await page.getByRole('button', { name: 'Enroll' }).click();
    await page.locator('#enroll-result', { hasText: '"external_user_id": "demo-person"' }).waitFor();
    expect((await trackStates(page)).every((state) => state === 'ended')).toBe(true);

    await page.getByRole('button', { name: /Load the widget/ }).click();
    await page.getByRole('button', { name: 'Sign in with your face' }).click();
    await dialog(page).getByRole('button', { name: 'Capture' }).click();
    await page.locator('#verify-result', { hasText: '"match": true' }).waitFor({ timeout: 60000 });
    expect(await page.locator('#verify-result').textContent()).toContain('"identity": "demo-person"');
    expect(browser.consoleErrors).toEqual([]);
  });
});

/** docs/widget.png is committed; it is written when missing or when UPDATE_WIDGET_SCREENSHOT=1. */
function saveScreenshot(png: Buffer): void {
  expect(png.length).toBeGreaterThan(10000);
  if (existsSync(SCREENSHOT) && process.env.UPDATE_WIDGET_SCREENSHOT !== '1') return;
  writeFileSync(SCREENSHOT, png);
}
