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

/**
 * A clip of ffmpeg's synthetic test pattern: for the committed screenshot, which must not show a face from
 * the research-only datasets.
 */
export function syntheticCameraClip(dir: string): string {
  const out = join(dir, 'test-pattern.y4m');
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x480:rate=15', '-t', '2', '-pix_fmt', 'yuv420p', out]);
  return out;
}
