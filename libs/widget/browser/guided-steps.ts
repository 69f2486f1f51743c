import { captureJpeg } from './camera';
import { fill, Words } from './i18n';
import { postFrames } from './login-client';
import { Modal } from './modal';
import { hint, look, moved, returned, settled, sleep, Thumb } from './motion';
import { Challenge, Session, WidgetError } from './types';

/** Arrows over the mirrored preview: the person's left is the screen's left there. */
export const CUES: Record<string, string> = { turn_left: '←', turn_right: '→', look_up: '↑', slight_left: '←', slight_right: '→' };
/** How long a prompt waits for the head to move before sending what the camera shows (the server decides). */
const MOVE_WAIT_MS = 6000;
const SETTLE_MS = 1500;
const BETWEEN_MS = 2500;

export interface Stage {
  apiOrigin: string;
  modal: Modal;
  words: Words;
  closed(): boolean;
}

/** Tells the person what to fix (dark, no face...) while a step runs; stops with the step. */
function coach(stage: Stage, running: () => boolean): void {
  const tick = async () => {
    if (!running() || stage.closed()) return;
    const problem = await hint(stage.modal.video);
    if (running()) stage.modal.setStatus(problem ? stage.words[problem] : '');
    setTimeout(tick, 500);
  };
  void tick();
}

/**
 * Frames of one step, as the head moves: the first at the prompt (the start pose), one as soon as the picture
 * changes, the rest once it is still again (the end pose). Without a movement they are taken anyway after
 * MOVE_WAIT_MS: whether the frames show the movement is for the server to say.
 */
async function stepFrames(stage: Stage, count: number): Promise<{ frames: Blob[]; start: Thumb }> {
  const video = stage.modal.video;
  const frames = [await captureJpeg(video)];
  // How the picture looked at the prompt: "face the camera again" waits for it.
  const start = look(video);
  await moved(video, MOVE_WAIT_MS, stage.closed);
  if (count > 2) frames.push(await captureJpeg(video));
  await settled(video, SETTLE_MS, stage.closed);
  while (frames.length < count) {
    frames.push(await captureJpeg(video));
    if (frames.length < count) await sleep(150);
  }
  return { frames, start };
}

/**
 * Runs the challenge's steps from `from`: one prompt at a time, frames sent per step as soon as captured
 * (the server times them on arrival) while the person turns back to the camera for the next prompt.
 * Resolves with null when every step is in, else with the error that stopped it.
 */
export async function performChallenge(stage: Stage, session: Session, challenge: Challenge, from: number): Promise<{ error: WidgetError; detail?: string } | null> {
  const { modal, words: w } = stage;
  const total = challenge.steps.length;
  let sending: Promise<{ error: WidgetError; detail?: string } | null> = Promise.resolve(null);
  for (let i = from; i < total && !stage.closed(); i++) {
    const { movement, frames: count } = challenge.steps[i];
    modal.setPrompt(w[movement], CUES[movement]);
    let running = true;
    coach(stage, () => running);
    modal.setStatus(fill(w.step, { n: i + 1, total }));
    let frames: Blob[];
    let start: Thumb;
    try {
      ({ frames, start } = await stepFrames(stage, count));
    } catch (error) {
      return { error: error as WidgetError };
    } finally {
      running = false;
    }
    const previous = sending;
    sending = previous.then((failed) => failed ?? postFrames(stage.apiOrigin, session, i, frames, w));
    if (i + 1 < total) {
      // Back to how the step started (facing the camera), and still: at once if the person already is.
      modal.setPrompt(w.centre, '');
      await returned(modal.video, start, BETWEEN_MS, stage.closed);
      await settled(modal.video, SETTLE_MS, stage.closed);
    }
  }
  modal.setPrompt(w.checking, '');
  modal.setStatus('');
  return sending;
}
