import { projectRoot } from '@faceauth/config';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * colobot's textures that hold human faces (objects/face0*.png, human.png, mother.png, and convert.png, whose panel
 * has a painted portrait; also in its AltTextures mod): faces, so not part of the no-face set.
 */
const FACE_TEXTURES = /colobot\/(mods\/AltTextures\/)?textures\/objects\/(face0\d|human|mother|convert)\.png$/;

/**
 * The images of the no-face set built from Debian's wallpaper and texture packages (noface-images.sh installs them
 * when missing, as root), read where the packages put them and never copied.
 */
export function packagedNofaceImages(): string[] {
  const script = join(projectRoot(), 'scripts', 'inference', 'noface-images.sh');
  return execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
    .split('\n')
    .filter((path) => path && !FACE_TEXTURES.test(path));
}
