import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, ConsoleMessage, Page } from 'playwright-core';

export interface Browser {
  page: Page;
  /** console errors and uncaught exceptions of the page. */
  consoleErrors: string[];
  close(): Promise<void>;
}

interface LaunchOptions {
  /** The .y4m clip the fake camera plays. */
  video: string;
  /** false: the camera permission prompt is not auto-accepted, and the context grants no camera permission. */
  allowCamera: boolean;
}

/**
 * Debian's Chromium with a fake camera, in a fresh profile. Every MediaStream the page obtains is kept in
 * window.__streams (the real getUserMedia, observed) so a test can check the camera was released.
 */
export async function launchChromium({ video, allowCamera }: LaunchOptions): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'faceauth-chromium-'));
  const args = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-gpu',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${video}`,
    ...(allowCamera ? ['--use-fake-ui-for-media-stream'] : []),
  ];
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 900, height: 680 },
  });
  await context.addInitScript(() => {
    const streams: MediaStream[] = ((window as any).__streams = []);
    const devices = navigator.mediaDevices;
    const getUserMedia = devices.getUserMedia.bind(devices);
    devices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      streams.push(stream);
      return stream;
    };
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  return {
    page,
    consoleErrors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
