import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNativeKernels } from '@faceauth/inference';

/**
 * scripts/build-native.js, run as postinstall runs it, on a copy of the addon's sources in a temporary project (a
 * rebuild in place would remove the addon the rest of the suite loads): it builds the addon where the engine
 * loads it from; without a working compiler it warns and lets the install go on, unless FACEAUTH_REQUIRE_NATIVE=1.
 */
describe('scripts/build-native.js', () => {
  const ROOT = join(__dirname, '../..');
  let project: string;
  const addonPath = () => join(project, 'libs/inference/native/build/Release/pixel_kernels.node');
  const build = (env: Record<string, string>) =>
    spawnSync(process.execPath, [join(project, 'scripts/build-native.js')], { env: { ...process.env, FACEAUTH_REQUIRE_NATIVE: '', ...env }, encoding: 'utf8', timeout: 120_000 });

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'faceauth-native-'));
    cpSync(join(ROOT, 'scripts/build-native.js'), join(project, 'scripts/build-native.js'));
    const localBuild = join(ROOT, 'libs/inference/native/build');
    cpSync(join(ROOT, 'libs/inference/native'), join(project, 'libs/inference/native'), { recursive: true, filter: (path) => path !== localBuild && !path.startsWith(`${localBuild}/`) });
  });
  afterEach(() => rmSync(project, { recursive: true, force: true }));

  it('builds the addon, which the loader then takes', () => {
    const result = build({});
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('native pixel kernels built');
    const loaded = loadNativeKernels(addonPath());
    expect(loaded.kernels?.kind).toBe('native');
    const out = new Uint8Array(3);
    loaded.kernels!.warpRgb(Uint8Array.from([10, 20, 30]), 1, 1, [1, 0, 0, 0, 1, 0], 1, 1, 1, out);
    expect(Array.from(out)).toEqual([10, 20, 30]);
  });

  it('without a working compiler: a warning and exit 0 (the JavaScript kernels run), or exit 1 under FACEAUTH_REQUIRE_NATIVE=1', () => {
    const lenient = build({ CXX: '/bin/false', CC: '/bin/false' });
    expect(lenient.status).toBe(0);
    expect(lenient.stderr).toContain('native pixel kernels not built; the engine will use the JavaScript kernels');
    expect(existsSync(addonPath())).toBe(false);
    expect(loadNativeKernels(addonPath())).toMatchObject({ kernels: null, reason: expect.stringContaining('is not built') });

    const strict = build({ CXX: '/bin/false', CC: '/bin/false', FACEAUTH_REQUIRE_NATIVE: '1' });
    expect(strict.status).toBe(1);
  });
});
