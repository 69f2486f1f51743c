import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MissingImageError, SessionClosedError, SessionExpiredError, UploadedImageMap, ValidationError } from '@faceauth/common';
import { InferenceService } from '@faceauth/inference';
import { FramesResponseDto } from './dto/liveness.dto';
import { LoginSession } from './entities/login-session.entity';
import { LivenessChallenge } from './liveness/challenge';
import { analyseFrame } from './liveness/frame-analysis';
import { StepFrame } from './liveness/liveness-decision';
import { LoginSessionsRepository } from './login-sessions.repository';

/**
 * The frames of an active-liveness challenge: analysed as they arrive (the server's clock times them) and
 * kept on the session as templates and geometry, never as photos, until the attempt decides on them.
 */
@Injectable()
export class LivenessFramesService {
  constructor(
    private readonly sessions: LoginSessionsRepository,
    private readonly inference: InferenceService,
  ) {}

  /** POST /login-sessions/{id}/frames: the frames of the next step. */
  async addStep(sessionId: string, step: number, files: UploadedImageMap): Promise<FramesResponseDto> {
    const arrivedAt = Date.now();
    const session = await this.sessions.find(sessionId);
    if (!session || session.expiresAt.getTime() <= arrivedAt) throw new SessionExpiredError();
    if (session.state !== 'pending') throw new SessionClosedError(session.state);
    const challenge = challengeOf(session);
    if (step !== session.livenessStep) {
      throw new ValidationError(
        step < session.livenessStep ? `The frames of step ${step} were already received` : `Send the frames of step ${session.livenessStep} first: steps go in order`,
        { fields: { step: [`expected step ${session.livenessStep}`] }, expected_step: session.livenessStep },
      );
    }
    if (step >= challenge.steps.length) throw new ValidationError(`The challenge has ${challenge.steps.length} steps; every one was received: post the attempt`, { expected_step: null });
    const frames = await this.analyse(frameBytes(files, challenge, [step]), [step], arrivedAt);
    const stored = [...((session.livenessFrames as StepFrame[] | null) ?? []), ...frames];
    if (!(await this.sessions.storeFrames(session.id, step, stored))) {
      throw new ValidationError(`The frames of step ${step} were already received`, { expected_step: null });
    }
    return { success: true, step, frames: frames.map((f) => ({ faces: f.faces })), next_step: step + 1 < challenge.steps.length ? step + 1 : null };
  }

  /**
   * The frames an attempt decides on: those stored step by step, or every step at once in the attempt's
   * own files (then all arrive now). A challenge not fully sent is bad input (400), not a failed attempt.
   */
  async forAttempt(session: LoginSession, files: UploadedImageMap): Promise<StepFrame[]> {
    const challenge = challengeOf(session);
    const steps = challenge.steps.map((_, i) => i);
    if (!Object.values(files).some(Boolean)) {
      if (session.livenessStep < challenge.steps.length) {
        throw new ValidationError(`Send the frames of every challenge step first: step ${session.livenessStep} is missing`, { expected_step: session.livenessStep });
      }
      return (session.livenessFrames as StepFrame[]) ?? [];
    }
    if (session.livenessStep > 0) throw new ValidationError('The steps already went through POST /login-sessions/{id}/frames: post the attempt without files');
    return this.analyse(frameBytes(files, challenge, steps), steps, Date.now());
  }

  private async analyse(groups: Buffer[][], steps: number[], arrivedAt: number): Promise<StepFrame[]> {
    const analysed = await Promise.all(
      groups.map((bytes, g) => Promise.all(bytes.map(async (b) => ({ ...(await analyseFrame(this.inference, b, arrivedAt, digest(b))), step: steps[g] })))),
    );
    return analysed.flat();
  }
}

function challengeOf(session: LoginSession): LivenessChallenge {
  if (session.livenessMode !== 'active' || !session.challenge) {
    throw new ValidationError('This login session has liveness off: it takes no frames; post the one frame to the attempt');
  }
  return session.challenge as unknown as LivenessChallenge;
}

/**
 * The files frame0, frame1, ... split into the given steps, each taking its `frames` (the last step of a
 * request may carry up to `max_frames`). Fewer than asked, gaps or more than the cap: 400.
 */
function frameBytes(files: UploadedImageMap, challenge: LivenessChallenge, steps: number[]): Buffer[][] {
  const count = Object.values(files).filter(Boolean).length;
  const asked = steps.reduce((n, s) => n + challenge.steps[s].frames, 0);
  const cap = steps.length === 1 ? challenge.max_frames : asked;
  if (count > cap) throw new ValidationError(`At most ${cap} frames in this request; got ${count}`, { max_frames: cap, frames: count });
  for (let i = 0; i < count; i++) if (!files[`frame${i}`]) throw new MissingImageError(`frame${i}`);
  if (count < asked) throw new ValidationError(`The challenge asks for ${asked} frames here; got ${count}`, { frames_expected: asked, frames: count });
  const groups: Buffer[][] = [];
  let next = 0;
  for (const s of steps) {
    const n = steps.length === 1 ? count : challenge.steps[s].frames;
    groups.push(Array.from({ length: n }, (_, i) => files[`frame${next + i}`]!.bytes));
    next += n;
  }
  return groups;
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);
