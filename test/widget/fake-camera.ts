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

/** One stretch of a scripted clip: a photo held for `seconds`, optionally warped as a flat picture turned or tilted. */
export interface ClipSegment {
  photo: string;
  seconds: number;
  /** A picture held to the camera and turned (its right edge away) or tilted (its top edge away), by ffmpeg's perspective filter. */
  warp?: 'turn_left' | 'turn_right' | 'look_up';
}

/** Corners (top-left, top-right, bottom-left, bottom-right) where a 640x480 flat picture lands once turned or tilted. */
const WARPS: Record<NonNullable<ClipSegment['warp']>, number[]> = {
  turn_left: [0, 0, 560, 70, 0, 480, 560, 410],
  turn_right: [80, 70, 640, 0, 80, 410, 640, 480],
  look_up: [90, 40, 550, 40, 0, 480, 640, 480],
};

/**
 * A .y4m of photos held one after another (5 frames a second): a person facing the camera, then turning as
 * prompted, scripted on a timeline. Chromium reads the file anew at each getUserMedia, so a test may write
 * the clip for a challenge it just learnt, before the widget opens the camera.
 */
export function scriptedClip(segments: ClipSegment[], out: string): string {
  const inputs = segments.flatMap(({ photo, seconds }) => ['-loop', '1', '-t', String(seconds), '-i', photo]);
  const fit = 'scale=640:480:force_original_aspect_ratio=decrease,pad=640:480:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=5,format=yuv420p';
  const chains = segments.map(({ warp }, i) => {
    const corners = warp ? WARPS[warp].map((v, k) => `${'xy'[k % 2]}${k >> 1}=${v}`).join(':') : '';
    return `[${i}:v]${fit}${warp ? `,perspective=${corners}:sense=destination` : ''}[v${i}]`;
  });
  const graph = `${chains.join(';')};${segments.map((_, i) => `[v${i}]`).join('')}concat=n=${segments.length}:v=1:a=0[out]`;
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...inputs, '-filter_complex', graph, '-map', '[out]', '-pix_fmt', 'yuv420p', out]);
  return out;
}
