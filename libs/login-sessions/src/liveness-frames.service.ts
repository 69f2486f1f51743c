import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { MissingImageError, SessionClosedError, SessionExpiredError, UploadedImageMap, ValidationError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { EnrolledFacesService } from '@faceauth/enrollment';
import { earlyMatchOfSamples } from '@faceauth/face-matching';
import { EarlyMatch, InferenceService } from '@faceauth/inference';
import { FramesResponseDto, SessionChallengeResponseDto } from './dto/liveness.dto';
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
    private readonly enrolled: EnrolledFacesService,
    private readonly config: AppConfig,
  ) {}

  /**
   * GET /login-sessions/{id}/challenge: the widget given a session its backend started learns the mode and
   * the challenge here (the start answer went to the backend).
   */
  async current(sessionId: string): Promise<SessionChallengeResponseDto> {
    const session = await this.pending(sessionId, Date.now());
    const challenge = session.livenessMode === 'active' ? challengeOf(session) : null;
    return {
      success: true,
      mode: session.livenessMode,
      challenge,
      next_step: challenge && session.livenessStep < challenge.steps.length ? session.livenessStep : null,
      attempts_left: Math.max(0, session.maxAttempts - session.attempts),
    };
  }

  /** POST /login-sessions/{id}/frames: the frames of the next step. */
  async addStep(sessionId: string, step: number, files: UploadedImageMap): Promise<FramesResponseDto> {
    const arrivedAt = Date.now();
    const session = await this.pending(sessionId, arrivedAt);
    const challenge = challengeOf(session);
    if (step !== session.livenessStep) {
      throw new ValidationError(
        step < session.livenessStep ? `The frames of step ${step} were already received` : `Send the frames of step ${session.livenessStep} first: steps go in order`,
        { fields: { step: [`expected step ${session.livenessStep}`] }, expected_step: session.livenessStep },
      );
    }
    if (step >= challenge.steps.length) throw new ValidationError(`The challenge has ${challenge.steps.length} steps; every one was received: post the attempt`, { expected_step: null });
    const frames = await this.analyse(frameBytes(files, challenge, step), step, arrivedAt, await this.earlyMatch(session));
    const stored = [...((session.livenessFrames as StepFrame[] | null) ?? []), ...frames];
    if (!(await this.sessions.storeFrames(session.id, step, stored))) {
      throw new ValidationError(`The frames of step ${step} were already received`, { expected_step: null });
    }
    return { success: true, step, frames: frames.map((f) => ({ faces: f.faces })), next_step: step + 1 < challenge.steps.length ? step + 1 : null };
  }

  /**
   * The frames an attempt decides on: those stored step by step. Frames in the attempt's own files are
   * refused (400): the server must time each step on its arrival, which one request cannot show.
   */
  forAttempt(session: LoginSession, files: UploadedImageMap): StepFrame[] {
    const challenge = challengeOf(session);
    if (Object.values(files).some(Boolean)) {
      throw new ValidationError('Active liveness times each step: send each step\'s frames to POST /login-sessions/{id}/frames, then post the attempt without files', {
        expected_step: session.livenessStep < challenge.steps.length ? session.livenessStep : null,
      });
    }
    if (session.livenessStep < challenge.steps.length) {
      throw new ValidationError(`Send the frames of every challenge step first: step ${session.livenessStep} is missing`, { expected_step: session.livenessStep });
    }
    return (session.livenessFrames as StepFrame[]) ?? [];
  }

  private async pending(sessionId: string, now: number): Promise<LoginSession> {
    const session = await this.sessions.find(sessionId);
    if (!session || session.expiresAt.getTime() <= now) throw new SessionExpiredError();
    if (session.state !== 'pending') throw new SessionClosedError(session.state);
    return session;
  }

  private analyse(frames: Buffer[], step: number, arrivedAt: number, earlyMatch?: EarlyMatch): Promise<StepFrame[]> {
    return Promise.all(frames.map(async (b) => ({ ...(await analyseFrame(this.inference, b, arrivedAt, digest(b), earlyMatch)), step })));
  }

  /**
   * As /verify: a frame whose first recogniser pass clearly matches the session's user skips the mirror passes.
   * Only the template's precision changes; the attempt still decides on the samples stored then.
   */
  private async earlyMatch(session: LoginSession): Promise<EarlyMatch | undefined> {
    const user = await this.enrolled.find(session.accountId, session.userId);
    return user ? earlyMatchOfSamples(user.embeddings, this.config) : undefined;
  }
}

function challengeOf(session: LoginSession): LivenessChallenge {
  if (session.livenessMode !== 'active' || !session.challenge) {
    throw new ValidationError('This login session has liveness off: it takes no frames; post the one frame to the attempt');
  }
  return session.challenge as unknown as LivenessChallenge;
}

/** The files frame0, frame1, ... of one step: at least its `frames`, at most `max_frames`, no gaps (else 400). */
function frameBytes(files: UploadedImageMap, challenge: LivenessChallenge, step: number): Buffer[] {
  const count = Object.values(files).filter(Boolean).length;
  const asked = challenge.steps[step].frames;
  if (count > challenge.max_frames) throw new ValidationError(`At most ${challenge.max_frames} frames in this request; got ${count}`, { max_frames: challenge.max_frames, frames: count });
  for (let i = 0; i < count; i++) if (!files[`frame${i}`]) throw new MissingImageError(`frame${i}`);
  if (count < asked) throw new ValidationError(`The challenge asks for ${asked} frames here; got ${count}`, { frames_expected: asked, frames: count });
  return Array.from({ length: count }, (_, i) => files[`frame${i}`]!.bytes);
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 32);
