import { join } from 'node:path';
import { datasetPath } from '../factories/datasets';
import { attempt, startOffSession } from '../login/login-support';
import { scriptedClip } from './fake-camera';
import { hostPage } from './origins';
import { useWidgetStage } from './widget-stage';

// CelebA id07372 facing the camera (yaw 2 deg), turned a little to their left (+13) and to their right (-23).
const person = (file: string) => datasetPath('celeba_dev', 'id07372', file);
const FACING = person('147433.jpg');
const LEFT = person('088256.jpg');
const RIGHT = person('064693.jpg');
const LATER_LOGIN = person('037528.jpg');

/** Console errors other than Chromium's own line for a photo the server refused (422: retaken, as designed). */
const unexpected = (errors: string[]) => errors.filter((line) => !/status of 422 .*\/photos\)/.test(line));

/**
 * FaceAuth.enroll in Chromium: the site's backend starts an enrollment session, the page runs the widget on
 * it, and the fake camera plays the person facing the camera, then turning a little left, then right.
 */
describe('Guided enrollment in the widget (Chromium, fake camera)', () => {
  const stage = useWidgetStage(async (stage) => {
    stage.pages['/'] = { type: 'text/html', body: hostPage(`${stage.api.baseUrl}/widget.js`, {}) };
  });

  const startEnrollment = async (userId: string) =>
    (await stage.api.http.post('/api/v1/enroll-sessions').set('X-API-Key', stage.account.apiKey).send({ user_id: userId }).expect(201)).body;

  /** Opens FaceAuth.enroll on the session; its promise's outcome lands in window.__enrolled. */
  async function openEnroll(session: { session_id: string; client_secret: string }, clip: string) {
    const browser = await stage.launch(clip);
    const { page } = browser;
    await page.goto(stage.shop.url);
    await page.evaluate((value) => {
      const w = window as any;
      w.FaceAuth.enroll({ session: value }).then(
        (result: unknown) => (w.__enrolled = { ok: true, result }),
        (error: unknown) => (w.__enrolled = { ok: false, error }),
      );
    }, `${session.session_id}:${session.client_secret}`);
    const dialog = page.getByRole('dialog', { name: 'Enroll your face' });
    await dialog.getByRole('button', { name: 'Start' }).click();
    return { page, dialog };
  }

  it('enrolls the person from three guided photos; the backend sees it enrolled and the person then logs in', async () => {
    const session = await startEnrollment('enrolled-in-browser');
    const clip = scriptedClip([{ photo: FACING, seconds: 5 }, { photo: LEFT, seconds: 4 }, { photo: RIGHT, seconds: 15 }], join(stage.clipDir, 'enroll.y4m'));
    const { page, dialog } = await openEnroll(session, clip);
    await page.waitForFunction(() => (window as any).__enrolled, undefined, { timeout: 90_000 });
    expect(await page.evaluate(() => (window as any).__enrolled)).toEqual({
      ok: true,
      result: { user_id: 'enrolled-in-browser', session_id: session.session_id, samples: 3 },
    });
    await dialog.waitFor({ state: 'detached' });
    const status = await stage.api.http.get(`/api/v1/enroll-sessions/${session.session_id}`).set('X-API-Key', stage.account.apiKey).expect(200);
    expect(status.body).toMatchObject({ status: 'enrolled', steps_kept: 3 });
    const login = await startOffSession(stage.api.http, stage.account.apiKey, 'enrolled-in-browser');
    expect((await attempt(stage.api.http, login, LATER_LOGIN).expect(200)).body.match).toBe(true);
    expect(unexpected(stage.browser!.consoleErrors)).toEqual([]);
  });

  it('prompts again when a photo does not fit its step (no turn), and keeps nothing of it', async () => {
    const session = await startEnrollment('never-turns');
    const still = scriptedClip([{ photo: FACING, seconds: 30 }], join(stage.clipDir, 'still.y4m'));
    const { dialog } = await openEnroll(session, still);
    // The frontal photo is kept; the "turn left" one is the same frontal picture: refused with the server's prompt.
    await dialog.getByRole('status').filter({ hasText: 'Turn your head a little to your left' }).waitFor({ timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Try again' }).waitFor({ timeout: 60_000 });
    const status = await stage.api.http.get(`/api/v1/enroll-sessions/${session.session_id}`).set('X-API-Key', stage.account.apiKey).expect(200);
    expect(status.body).toMatchObject({ status: 'collecting', steps_kept: 1 });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await stage.browser!.page.waitForFunction(() => (window as any).__enrolled);
    expect(await stage.browser!.page.evaluate(() => (window as any).__enrolled)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('runs from the demo page: register, then "Enroll with the widget" standing in for the backend', async () => {
    const clip = scriptedClip([{ photo: FACING, seconds: 6 }, { photo: LEFT, seconds: 4 }, { photo: RIGHT, seconds: 15 }], join(stage.clipDir, 'demo.y4m'));
    const browser = await stage.launch(clip);
    const { page } = browser;
    await page.goto(`${stage.api.baseUrl}/demo`);
    await page.getByLabel('Email').fill('guided-demo@example.com');
    await page.getByLabel('Name', { exact: true }).fill('Guided Demo');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('#register-result', { hasText: '"publishable_key": "fa_pub_' }).waitFor();
    await page.getByLabel('User id').fill('demo-guided');
    await page.getByRole('button', { name: /Enroll with the widget/ }).click();
    await page.getByRole('dialog', { name: 'Enroll your face' }).getByRole('button', { name: 'Start' }).click();
    await page.locator('#enroll-result', { hasText: '"user_id": "demo-guided"' }).waitFor({ timeout: 90_000 });
    expect(await page.locator('#enroll-result').textContent()).toContain('"samples": 3');
    expect(unexpected(browser.consoleErrors)).toEqual([]);
  });
});
