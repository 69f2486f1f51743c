import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findCommand } from '../../apps/api/src/cli-commands';

const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** What issue 16 asks of the deployment documentation, held by the files themselves. */
describe('docs/deploy.md and the README', () => {
  const deploy = read('docs/deploy.md');
  const readme = read('README.md');

  it('links docs/deploy.md from the README\'s first screen (its first 20 lines)', () => {
    expect(readme.split('\n').slice(0, 20).join('\n')).toContain('](docs/deploy.md)');
  });

  it('covers HTTPS termination, PUBLIC_URL, FACEAUTH_SECRET, backups, erasure, upgrades with migrations, and sizing', () => {
    const headings = deploy.split('\n').filter((line) => line.startsWith('## ')).map((line) => line.slice(3));
    expect(headings).toEqual(expect.arrayContaining(['HTTPS and PUBLIC_URL', 'FACEAUTH_SECRET', 'Backups', "Erasing an account's data", 'Upgrades and migrations', 'Sizing']));
    expect(deploy).toMatch(/pg_dump/);
    expect(deploy).toMatch(/verifies per second per core/);
  });

  it('says plainly, in both, that the image was never built nor the compose file started here', () => {
    for (const text of [deploy, readme]) {
      expect(text).toMatch(/\*\*Not run here[.:]?\*\*/);
      expect(text).toMatch(/no Docker engine/);
    }
  });

  it('only shows CLI commands that exist, with their arguments', () => {
    const commands = [...deploy.matchAll(/cli\.js ([^`#\n]+?)\s*(?:#|`|\n)/g)].map((match) => match[1].trim().split(/\s+/));
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const words of commands) expect({ words, found: findCommand(words) !== undefined }).toEqual({ words, found: true });
  });
});
