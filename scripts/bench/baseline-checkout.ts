// A git ref checked out and built beside this checkout, for side-by-side benchmarks: a temporary detached
// worktree whose node_modules and models/*.onnx are symbolic links to this checkout's (as the development
// worktrees are set up: the models are not in git, and the ref is assumed to take the same dependencies),
// built with the ref's own `npm run build`. An older ref may not type-check against today's node_modules (a
// @types package it used is gone): tsc emits anyway, so when dist/ holds the server the run goes on with a
// warning (and builds the widget bundle, the build's step after tsc).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BaselineCheckout {
  ref: string;
  commit: string;
  subject: string;
  root: string;
  remove(): void;
}

export function checkOutBaseline(root: string, ref: string): BaselineCheckout {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  const commit = git('rev-parse', '--verify', `${ref}^{commit}`);
  const subject = git('log', '-1', '--format=%s', commit);
  const dir = join(mkdtempSync(join(tmpdir(), 'faceauth-baseline-')), 'checkout');
  git('worktree', 'add', '--detach', dir, commit);
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', dir);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      git('worktree', 'prune');
    }
  };
  try {
    symlinkSync(realpathSync(join(root, 'node_modules')), join(dir, 'node_modules'));
    mkdirSync(join(dir, 'models'), { recursive: true });
    for (const file of readdirSync(join(root, 'models')).filter((f) => f.endsWith('.onnx'))) {
      if (!existsSync(join(dir, 'models', file))) symlinkSync(realpathSync(join(root, 'models', file)), join(dir, 'models', file));
    }
    console.log(`building the baseline ${commit.slice(0, 7)} (${ref}) in ${dir} ...`);
    try {
      execFileSync('npm', ['run', 'build'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (error) {
      const tscErrors = String(error.stdout ?? '').match(/Found \d+ error\(s\)/)?.[0];
      if (!tscErrors || !existsSync(join(dir, 'dist/apps/api/src/main.js'))) throw error;
      console.warn(`baseline: tsc reported type errors against this node_modules (${tscErrors}); its output was emitted and is used`);
      if (existsSync(join(dir, 'scripts/build-widget.js'))) execFileSync(process.execPath, ['scripts/build-widget.js'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    }
  } catch (error) {
    remove();
    throw error;
  }
  return { ref, commit, subject, root: dir, remove };
}
