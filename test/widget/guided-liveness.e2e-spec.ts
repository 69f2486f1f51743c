import { decodeJwt } from 'jose';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { datasetPath } from '../factories/datasets';
import { enroll } from '../face-routes/support';
import { confirm, startSession } from '../login/login-support';
import { ClipSegment, scriptedClip } from './fake-camera';
import { hostPage } from './origins';
import { useWidgetStage } from './widget-stage';

// One person (CelebA id07372) facing the camera, and turned left, right and up, by the pose the server measures
// (yaw +30, -34 and pitch +33 degrees from the frontal photo). Enrolled from three other photos.
const person = (file: string) => datasetPath('celeba_dev', 'id07372', file);
const FACING = person('029198.jpg');
const PEAK: Record<string, string> = { turn_left: person('159575.jpg'), turn_right: person('054553.jpg'), look_up: person('144504.jpg') };
const ENROLLED = ['037528.jpg', '147433.jpg', '034840.jpg'].map(person);
const USER_ID = 'guided-person';
const PROMPTS: Record<string, string> = {
  turn_left: 'Turn your head slowly to the left',
  turn_right: 'Turn your head slowly to the right',
  look_up: 'Tilt your head back slowly and look up',
};

interface Challenge {
  steps: { movement: string; frames: number; window_ms: number }[];
}
interface ActiveSession {
  session_id: string;
  client_secret: string;
  liveness: { mode: string; challenge: Challenge };
}

/**
 * The widget in Chromium on active liveness, with the fake camera playing a clip scripted for the session's
 * challenge: the site's backend starts the session (so the test learns the random challenge first), the
 * clip is written, then the page opens the widget on it. The clip's timeline: facing the camera for 5 s
 * (the person presses Start), the first movement for 2 s, facing again for 3 s, the second movement from 10 s on.
 */
describe('Guided liveness in the widget (Chromium, fake camera)', () => {
  const stage = useWidgetStage(async (stage) => {
    await enroll(stage.api.http, stage.account.apiKey, USER_ID, ENROLLED).expect(201);
  });

  /** The site's backend starts the login: the server's default, active liveness. */
  async function backendSession(): Promise<ActiveSession> {
    const res = await startSession(stage.api.http, stage.account.apiKey, { user_id: USER_ID, nonce: 'guided-1' }).expect(201);
    expect(res.body.liveness.mode).toBe('active');
    return res.body;
  }

  /** The clip for `challenge`, each movement's stretch showing `shown(movement)`. */
  function clipFor(challenge: Challenge, shown: (movement: string) => ClipSegment, name: string): string {
    const [first, second] = challenge.steps.map((s) => s.movement);
    return scriptedClip(
      [{ photo: FACING, seconds: 5 }, { ...shown(first), seconds: 2 }, { photo: FACING, seconds: 3 }, { ...shown(second), seconds: 15 }],
      join(stage.clipDir, `${name}.y4m`),
    );
  }

  /**
   * Opens the widget on the session from its button, presses Start from the keyboard, and returns the page
   * with the attempt's answer as the API sent it to the widget.
   */
  async function runWidget(session: ActiveSession, video: string, locale = 'en') {
    const browser = await stage.launch(video);
    const { page } = browser;
    const path = `/${session.session_id}`;
    stage.pages[path] = { type: 'text/html', body: hostPage(`${stage.api.baseUrl}/widget.js`, { session: `${session.session_id}:${session.client_secret}`, locale }) };
    await page.goto(`${stage.shop.url}${path}`);
    const attempt = page.waitForResponse((r) => r.url().endsWith('/attempts'), { timeout: 90_000 });
    await page.getByRole('button', { name: locale === 'fr' ? 'Se connecter avec son visage' : 'Sign in with your face' }).click();
    const dialog = page.getByRole('dialog');
    // Start is enabled and takes focus once the preview is live and the challenge loaded: the keyboard runs the flow.
    const label = locale === 'fr' ? 'Commencer' : 'Start';
    await page.waitForFunction((name) => {
      const focused = document.querySelector('faceauth-modal')?.shadowRoot?.activeElement as HTMLButtonElement | null | undefined;
      return focused?.textContent === name && !focused.disabled;
    }, label);
    await page.keyboard.press('Enter');
    return { page, dialog, attempt: (await (await attempt).json()) as Record<string, any> };
  }

  const reports = (page: Page) => page.evaluate(() => (window as any).__results as Array<{ type: string; result?: { token: string } }>);

  it('signs in the person who follows the prompts: each prompt shown in turn, the token confirmed with amr liveness', async () => {
    const session = await backendSession();
    const clip = clipFor(session.liveness.challenge, (m) => ({ photo: PEAK[m], seconds: 0 }), 'follows');
    const { page, dialog, attempt } = await runWidget(session, clip);
    expect(attempt).toMatchObject({ match: true, status: 'match', liveness: { mode: 'active', passed: true } });
    await page.waitForFunction(() => (window as any).__results.length > 0);
    const [report] = await reports(page);
    expect(report.type).toBe('success');
    const confirmed = await confirm(stage.api.http, stage.account.apiKey, report.result!.token).expect(200);
    expect(confirmed.body).toMatchObject({ valid: true, user_id: USER_ID, nonce: 'guided-1' });
    expect(decodeJwt(report.result!.token).amr).toEqual(['face', 'liveness']);
    await dialog.waitFor({ state: 'detached' });
    expect(stage.browser!.consoleErrors).toEqual([]);
  });

  it('refuses a still photo of the person held to the camera with liveness_failed and a prompt in the page language (fr)', async () => {
    const session = await backendSession();
    // 30 s: the clip does not loop while the test runs (the widget then sees one unbroken still picture).
    const still = scriptedClip([{ photo: FACING, seconds: 30 }], join(stage.clipDir, 'still.y4m'));
    const { page, dialog, attempt } = await runWidget(session, still, 'fr');
    expect(attempt).toMatchObject({ match: false, status: 'liveness_failed', attempts_left: 2, liveness: { passed: false } });
    expect(attempt.liveness.checks.filter((c: { passed: boolean }) => !c.passed).map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['movement_1', 'movement_2', 'not_flat']),
    );
    // The person reads why, in French, and may try again on the fresh challenge.
    await dialog.getByRole('status').filter({ hasText: /Nous ne vous avons pas vu (tourner|lever) la tête/ }).waitFor();
    await dialog.getByRole('button', { name: 'Réessayer' }).waitFor();
    expect(await reports(page)).toEqual([]);
    const status = await stage.api.http.get(`/api/v1/login-sessions/${session.session_id}`).set('X-API-Key', stage.account.apiKey).expect(200);
    expect(status.body).toMatchObject({ state: 'pending', attempts: 1, attempt_log: [{ outcome: 'liveness_failed' }] });
  });

  it('refuses a photo of the person turned and tilted in front of the camera (perspective warps) with liveness_failed', async () => {
    const session = await backendSession();
    const warped = clipFor(session.liveness.challenge, (m) => ({ photo: FACING, seconds: 0, warp: m as ClipSegment['warp'] }), 'warped');
    const { page, dialog, attempt } = await runWidget(session, warped);
    expect(attempt).toMatchObject({ match: false, status: 'liveness_failed', liveness: { passed: false } });
    // Which check refuses a warped picture varies (no face found in a strongly warped frame, no 3-D turn, flat): one does, with a reason.
    expect(attempt.liveness.checks.filter((c: { passed: boolean; reason?: string }) => !c.passed && c.reason)).not.toHaveLength(0);
    await dialog.getByRole('button', { name: 'Try again' }).waitFor();
    const shown = await dialog.getByRole('status').textContent();
    expect(shown).toMatch(/photo or a screen|couldn't see|jumped|same person|too long/);
    expect(await reports(page)).toEqual([]);
  });

  it('shows the first prompt of the challenge in the live region once Start is pressed', async () => {
    const session = await backendSession();
    const clip = clipFor(session.liveness.challenge, (m) => ({ photo: PEAK[m], seconds: 0 }), 'prompts');
    const browser = await stage.launch(clip);
    const { page } = browser;
    stage.pages['/prompts'] = { type: 'text/html', body: hostPage(`${stage.api.baseUrl}/widget.js`, { session: `${session.session_id}:${session.client_secret}` }) };
    await page.goto(`${stage.shop.url}/prompts`);
    await page.getByRole('button', { name: 'Sign in with your face' }).click();
    const dialog = page.getByRole('dialog', { name: 'Sign in with your face' });
    await dialog.getByRole('button', { name: 'Start' }).click();
    const first = session.liveness.challenge.steps[0].movement;
    const live = dialog.locator('[aria-live="assertive"]');
    await live.filter({ hasText: PROMPTS[first] }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.waitForFunction(() => (window as any).__results.some((r: { type: string }) => r.type === 'cancel'));
  });
});
