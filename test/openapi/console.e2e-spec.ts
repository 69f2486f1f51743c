import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { uniqueEmail } from '../factories/accounts';
import { identityPhotos } from '../factories/datasets';
import { startTestApp, TestApp } from '../support/test-app';

const SHELDON = identityPhotos('bbt_faceapi', 'sheldon');
/** docs/console.png is committed; it is written when missing or when UPDATE_CONSOLE_SCREENSHOT=1. */
const SCREENSHOT = resolve(__dirname, '../../docs/console.png');

/** "Try it out" in Swagger UI, as a developer does it: open an operation, fill it, execute, read the live response. */
class Console {
  constructor(readonly page: Page) {}

  async operation(id: string): Promise<Locator> {
    const op = this.page.locator(`#${id}`);
    if (!(await op.locator('.opblock-body').count())) await op.locator('.opblock-summary').click();
    const tryItOut = op.locator('button.try-out__btn', { hasText: 'Try it out' });
    if (await tryItOut.count()) await tryItOut.click();
    return op;
  }

  async execute(op: Locator): Promise<{ status: number; body: any; curl: string }> {
    await op.locator('button.execute').click();
    const status = op.locator('.live-responses-table tr.response .response-col_status');
    await status.waitFor({ timeout: 30_000 });
    const body = await op.locator('.live-responses-table .response-col_description pre').first().textContent();
    return { status: Number((await status.textContent())?.trim()), body: JSON.parse(body ?? 'null'), curl: (await op.locator('.curl-command').textContent()) ?? '' };
  }

  async authorize(scheme: 'ApiKeyHeader' | 'BearerKey', key: string): Promise<void> {
    await this.page.click('.scheme-container button.authorize');
    const container = this.page.locator('.modal-ux .auth-container', { hasText: scheme });
    await container.locator(scheme === 'ApiKeyHeader' ? '#api_key_value' : '#auth-bearer-value').fill(key);
    await container.locator('button.authorize').click();
    await container.locator('button', { hasText: 'Logout' }).waitFor();
    await this.page.click('.modal-ux button.close-modal');
  }

  async logout(scheme: 'ApiKeyHeader' | 'BearerKey'): Promise<void> {
    await this.page.click('.scheme-container button.authorize');
    await this.page.locator('.modal-ux .auth-container', { hasText: scheme }).locator('button', { hasText: 'Logout' }).click();
    await this.page.click('.modal-ux button.close-modal');
  }
}

describe('The live console at /docs (Swagger UI in Chromium)', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let ui: Console;
  let apiKey: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
    page.on('pageerror', (error) => pageErrors.push(`uncaught: ${error.message}`));
    ui = new Console(page);
    await page.goto(`${t.baseUrl}/docs`);
    await page.waitForSelector('.swagger-ui .info .title');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('loads the document without errors and lists every route', async () => {
    expect(await page.textContent('.swagger-ui .info .title')).toContain('FaceAuth API');
    expect(await page.locator('.swagger-ui .errors-wrapper').count()).toBe(0);
    const operations = await page.$$eval('.opblock', (blocks) => blocks.map((block) => block.id));
    expect(operations).toEqual(
      expect.arrayContaining(['register', 'enroll', 'verify', 'match', 'usage', 'usageOfKey', 'listUsers', 'getUser', 'deleteUser', 'deleteSample', 'health'].map((id) => expect.stringMatching(new RegExp(`^operations-.+-${id}$`)))),
    );
    expect(pageErrors).toEqual([]);
  });

  it('offers both key schemes and the login-session client secret in the Authorize dialog', async () => {
    await page.click('.scheme-container button.authorize');
    const schemes = await page.locator('.modal-ux .auth-container h4').allTextContents();
    expect(schemes.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual(['ApiKeyHeader (apiKey)', 'BearerKey (http, Bearer)', 'ClientSecret (http, Bearer)']);
    await page.click('.modal-ux button.close-modal');
  });

  it('registers an account with "Try it out"', async () => {
    const register = await ui.operation('operations-Accounts-register');
    await register.locator('textarea.body-param__text').fill(JSON.stringify({ email: uniqueEmail('console'), name: 'Console Developer' }));
    const res = await ui.execute(register);
    expect(res.status).toBe(201);
    apiKey = res.body.api_key;
    expect(apiKey).toMatch(/^fa_/);
  });

  it('keeps the authorization across a reload', async () => {
    await ui.authorize('ApiKeyHeader', apiKey);
    await page.reload();
    await page.waitForSelector('.swagger-ui .info .title');
    expect(await page.getAttribute('.scheme-container button.authorize', 'class')).toContain('locked');
  });

  it('enrolls three photos picked with the file inputs', async () => {
    const enroll = await ui.operation('operations-Faces-enroll');
    await enroll.locator('tr[data-property-name="name"] input[type=text]').fill('sheldon');
    for (const [i, field] of ['image', 'image1', 'image2'].entries()) {
      await enroll.locator(`tr[data-property-name="${field}"] input[type=file]`).setInputFiles(SHELDON[i]);
    }
    const res = await ui.execute(enroll);
    expect(res.curl).toContain(`X-API-Key: ${apiKey}`);
    expect(res).toMatchObject({ status: 201, body: { success: true, external_user_id: 'sheldon', samples: 3 } });
  });

  it('verifies another photo as a match', async () => {
    const verify = await ui.operation('operations-Faces-verify');
    await verify.locator('tr[data-property-name="name"] input[type=text]').fill('sheldon');
    await verify.locator('tr[data-property-name="image"] input[type=file]').setInputFiles(SHELDON[4]);
    const res = await ui.execute(verify);
    expect(res).toMatchObject({ status: 200, body: { match: true, status: 'match', identity: 'sheldon' } });
    if (!existsSync(SCREENSHOT) || process.env.UPDATE_CONSOLE_SCREENSHOT === '1') {
      await verify.locator('.live-responses-table').scrollIntoViewIfNeeded();
      writeFileSync(SCREENSHOT, await page.screenshot());
    }
  });

  it('reads usage authorized with the Bearer scheme instead', async () => {
    await ui.logout('ApiKeyHeader');
    await ui.authorize('BearerKey', apiKey);
    const res = await ui.execute(await ui.operation('operations-Usage-usage'));
    expect(res.curl).toContain(`Authorization: Bearer ${apiKey}`);
    expect(res).toMatchObject({ status: 200, body: { success: true, user: { plan: 'free' } } });
    expect(pageErrors).toEqual([]);
  });
});
