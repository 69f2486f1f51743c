import { execFileSync } from 'node:child_process';
import { basename, join } from 'node:path';

/**
 * A 2-second 640x480 .y4m clip of one still photo, for Chromium's --use-file-for-fake-video-capture.
 * The photo is letterboxed, not stretched, so the face keeps its proportions.
 */
export function fakeCameraClip(photo: string, dir: string): string {
  const out = join(dir, `${basename(photo, '.jpg')}.y4m`);
  const fit = 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2';
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', photo, '-t', '2', '-r', '15', '-vf', fit, '-pix_fmt', 'yuv420p', out]);
  return out;
}
