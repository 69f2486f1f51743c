import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { AppConfig } from '@faceauth/config';
import { datasetPath } from '../factories/datasets';
import { PENNY, SHELDON } from '../face-routes/support';
import { POSED_A } from '../login/login-support';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const CLIENT = join(ROOT, 'clients', 'typescript');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const SAMPLE = join(CLIENT, 'examples', 'every-call.ts');
const FORMATS = [
  { dir: 'esm', type: 'module', entry: 'dist/esm/index.js' },
  { dir: 'cjs', type: 'commonjs', entry: 'dist/cjs/index.js' },
] as const;

/** A strict Node project compiling sample.ts; the package.json `type` decides ES module or CommonJS output. */
function writeProject(dir: string, type: string): void {
  mkdirSync(dir);
  copyFileSync(SAMPLE, join(dir, 'sample.ts'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type }));
  const compilerOptions = {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    noEmitOnError: true,
    skipLibCheck: false,
    types: ['node'],
    // Node's types, borrowed from the repository: the scratch project installs only the SDK.
    typeRoots: [join(ROOT, 'node_modules', '@types')],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['sample.ts'] }, null, 2));
}

describe('@faceauth/client as an installed package (npm pack, installed outside the repository)', () => {
  let t: TestApp;
  let scratch: string;

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'faceauth-sdk-package-'));
    const [app, packed] = await Promise.all([
      startTestApp(),
      // prepack builds dist/ first: a fresh clone packs a working package.
      run('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: CLIENT, maxBuffer: 16 << 20 }),
    ]);
    t = app;
    const [{ filename }] = JSON.parse(packed.stdout) as { filename: string }[];
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'faceauth-sdk-scratch', private: true }));
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, filename)], { cwd: scratch });
    for (const { dir, type } of FORMATS) writeProject(join(scratch, dir), type);
  }, 150_000);

  afterAll(async () => {
    await t?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('installs with its runtime dependencies declared, and ships dist, README and CHANGELOG', () => {
    const installed = JSON.parse(readFileSync(join(scratch, 'node_modules', '@faceauth', 'client', 'package.json'), 'utf8'));
    expect(installed).toMatchObject({ name: '@faceauth/client', version: '0.2.0', dependencies: { jose: expect.any(String), 'openapi-fetch': expect.any(String) } });
    for (const file of ['README.md', 'CHANGELOG.md', 'dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/esm/index.js', 'dist/esm/index.d.ts', 'dist/esm/package.json']) {
      expect(() => readFileSync(join(scratch, 'node_modules', '@faceauth', 'client', file))).not.toThrow();
    }
  });

  it('resolves import to the ES module build and require to the CommonJS build', async () => {
    const esm = await run(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('@faceauth/client'))"], { cwd: scratch });
    const cjs = await run(process.execPath, ['-e', "console.log(require.resolve('@faceauth/client'))"], { cwd: scratch });
    expect(esm.stdout.trim()).toMatch(/\/@faceauth\/client\/dist\/esm\/index\.js$/);
    expect(cjs.stdout.trim()).toMatch(/\/@faceauth\/client\/dist\/cjs\/index\.js$/);
  });

  describe.each(FORMATS)('a strict TypeScript project of type $type', ({ dir, type }) => {
    it('type-checks and compiles a sample that uses every call', async () => {
      await run(TSC, ['-p', join(scratch, dir)], { cwd: scratch }).catch((error: { stdout: string }) => {
        throw new Error(`tsc (${type}) failed:\n${error.stdout}`);
      });
      const compiled = readFileSync(join(scratch, dir, 'sample.js'), 'utf8');
      expect(compiled).toContain(type === 'module' ? "from '@faceauth/client'" : 'require("@faceauth/client")');
    });

    it('runs the sample against a live server: login, offline verification, single-use confirm, keys, typed errors', async () => {
      const env = {
        ...process.env,
        FACEAUTH_URL: t.baseUrl,
        FACEAUTH_ISSUER: t.app.get(AppConfig).publicUrl,
        FACEAUTH_ENROLL: SHELDON.slice(0, 3).join(delimiter),
        FACEAUTH_LOGIN_PHOTO: SHELDON[4],
        FACEAUTH_OTHER_PHOTO: PENNY[0],
        FACEAUTH_POSED: ['147433.jpg', '088256.jpg', '064693.jpg'].map((file) => datasetPath('celeba_dev', 'id07372', file)).join(delimiter),
        FACEAUTH_LIVE: [POSED_A.facing, POSED_A.peak.turn_left, POSED_A.peak.turn_right, POSED_A.peak.look_up].join(delimiter),
      };
      const { stdout } = await run(process.execPath, [join(scratch, dir, 'sample.js')], { cwd: scratch, env }).catch((error: { stdout: string; stderr: string }) => {
        throw new Error(`sample (${type}) failed:\n${error.stdout}\n${error.stderr}`);
      });
      expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
        ok: true,
        done: [
          'health', 'register', 'enroll', 'verify', 'match', 'listUsers', 'getUser', 'usage',
          'startLogin', 'attemptLogin', 'verifyLoginToken', 'confirmLogin', 'TokenAlreadyUsedError', 'getLoginSession',
          'createKey', 'updateKey', 'listKeys', 'revokeKey', 'LastSecretKeyError',
          'startEnrollSession', 'sendEnrollPhoto', 'getEnrollSession', 'getLoginChallenge', 'sendLivenessFrames', 'deleteSample', 'deleteUser',
        ],
      });
    });
  });
});
