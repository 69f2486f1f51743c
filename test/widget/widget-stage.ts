import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegisteredAccount, registerAccount } from '../factories/accounts';
import { startTestApp, TestApp } from '../support/test-app';
import { Browser, launchChromium } from './chromium';
import { Origin, serveOrigin } from './origins';

/** A Chromium widget suite's fixtures: the API, an account, a second origin for host pages, a folder for clips. */
export interface WidgetStage {
  api: TestApp;
  account: RegisteredAccount;
  shop: Origin;
  /** The host pages the shop origin serves, by path. */
  pages: Record<string, { type: string; body: string }>;
  clipDir: string;
  /** The test's browser (closed after each test), once `launch` started it. */
  browser?: Browser;
  /** Chromium with its fake camera playing `video` (a .y4m), the camera allowed. */
  launch(video: string): Promise<Browser>;
}

/** Registers the suite's hooks and returns its stage; `setup` runs once the account exists (enrollments...). */
export function useWidgetStage(setup: (stage: WidgetStage) => Promise<void> = async () => {}): WidgetStage {
  const stage = {
    pages: {},
    launch: async (video: string) => (stage.browser = await launchChromium({ video, allowCamera: true })),
  } as unknown as WidgetStage;

  beforeAll(async () => {
    stage.api = await startTestApp();
    stage.account = await registerAccount(stage.api.http);
    stage.clipDir = mkdtempSync(join(tmpdir(), 'faceauth-widget-'));
    stage.shop = await serveOrigin(stage.pages);
    await setup(stage);
  });

  afterEach(async () => {
    await stage.browser?.close();
    stage.browser = undefined;
  });

  afterAll(async () => {
    await stage.shop?.close();
    await stage.api?.close();
    if (stage.clipDir) rmSync(stage.clipDir, { recursive: true, force: true });
  });
  return stage;
}
