import { Injectable, Optional } from '@nestjs/common';
import { DomainError, MissingImageError, SessionClosedError, SessionExpiredError, UploadedImageMap, ValidationError } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { EnrolledFacesService } from '@faceauth/enrollment';
import { compareWithSamples, earlyMatchOfSamples, extractTemplates, isMatch } from '@faceauth/face-matching';
import { InferenceService } from '@faceauth/inference';
import { LoginTokenService } from '@faceauth/login-tokens';
import { AttemptResponseDto, LivenessResultDto } from './dto/attempt.dto';
import { AttemptOutcome } from './entities/login-attempt.entity';
import { LoginSession } from './entities/login-session.entity';
import { drawChallenge } from './liveness/challenge';
import { embeddingOf } from './liveness/frame-analysis';
import { decideLiveness, StepFrame } from './liveness/liveness-decision';
import { LivenessFramesService } from './liveness-frames.service';
import { LoginLockService } from './login-lock.service';
import { LoginMetrics } from './login-metrics';
import { LOGIN_MESSAGES } from './login-messages';
import { LoginSessionsRepository } from './login-sessions.repository';

/** Face errors the person can fix by trying again: an answer with a prompt, not an API error. */
const RETRYABLE: Record<string, string> = {
  NO_FACE: LOGIN_MESSAGES.no_face,
  MULTIPLE_FACES: LOGIN_MESSAGES.multiple_faces,
  FACE_TOO_SMALL: LOGIN_MESSAGES.face_too_small,
};

/** One attempt of a login session: frames in, a decision and (on a match) a signed single-use token out. */
@Injectable()
export class LoginAttemptsService {
  constructor(
    private readonly sessions: LoginSessionsRepository,
    private readonly lock: LoginLockService,
    private readonly enrolled: EnrolledFacesService,
    private readonly inference: InferenceService,
    private readonly tokens: LoginTokenService,
    private readonly frames: LivenessFramesService,
    private readonly config: AppConfig,
    @Optional() private readonly metrics?: LoginMetrics,
  ) {}

  async attempt(sessionId: string, accountPublicId: string, files: UploadedImageMap, signal?: AbortSignal): Promise<AttemptResponseDto> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new SessionExpiredError();
    const active = session.livenessMode === 'active';
    if (!active) requireFrames(files);
    const now = new Date();
    await this.lock.assertUnlocked(session.accountId, session.userId, now);
    if (active && (session.state !== 'pending' || session.expiresAt <= now)) throw await this.whyClosed(session.id);
    const frames = active ? this.frames.forAttempt(session, files) : null;
    const used = await this.sessions.takeAttempt(session.id, now);
    if (used === null) throw await this.whyClosed(session.id);
    const attemptsLeft = session.maxAttempts - used;
    if (frames) return this.activeAttempt(session, frames, attemptsLeft, accountPublicId, now);
    const liveness: LivenessResultDto = { mode: session.livenessMode, passed: null, checks: [] };

    // As /verify: a photo that clearly matches the user's samples is decided on the recogniser's first pass
    // (earlyMatchOfSamples); the decision below still reads the samples stored once the photo is processed.
    const before = await this.enrolled.find(session.accountId, session.userId);
    const earlyMatch = before ? earlyMatchOfSamples(before.embeddings, this.config) : undefined;
    let embedding: Float32Array;
    try {
      [{ template: { embedding } }] = await extractTemplates(this.inference, files, ['frame0'], 'single', { signal, earlyMatch });
    } catch (error) {
      const prompt = error instanceof DomainError ? RETRYABLE[error.code] : undefined;
      if (!prompt) throw error;
      await this.fail(session, 'no_face', now);
      return { success: true, match: false, status: 'no_match', message: attemptsLeft > 0 ? prompt : LOGIN_MESSAGES.no_match_final, attempts_left: attemptsLeft, liveness };
    }

    // Read after inference, as /verify does: a delete or replacement that answered meanwhile wins. An unknown
    // user id is compared with nothing and fails like a wrong face: no enumeration.
    const user = await this.enrolled.find(session.accountId, session.userId);
    const comparison = user
      ? compareWithSamples(user.embeddings, embedding, this.config)
      : null;
    if (!comparison || !isMatch(comparison, this.config.match)) {
      await this.fail(session, 'no_match', now);
      return { success: true, match: false, status: 'no_match', message: attemptsLeft > 0 ? LOGIN_MESSAGES.no_match : LOGIN_MESSAGES.no_match_final, attempts_left: attemptsLeft, liveness };
    }

    return this.signIn(session, accountPublicId, comparison.confidence, liveness, attemptsLeft, now);
  }

  /**
   * Active liveness: the decision on the challenge's frames, then the enrolled user's decision on the most
   * frontal frame. Every attempt spends its challenge: the next one gets a fresh challenge and new frames.
   */
  private async activeAttempt(session: LoginSession, frames: StepFrame[], attemptsLeft: number, accountPublicId: string, now: Date): Promise<AttemptResponseDto> {
    // The enrolled samples take part in same_person; an unknown user id has none (and fails the match below).
    const user = await this.enrolled.find(session.accountId, session.userId);
    const decision = decideLiveness(session.challenge as never, frames, undefined, user?.embeddings ?? []);
    const liveness: LivenessResultDto = { mode: 'active', passed: decision.passed, checks: decision.checks };
    const refuse = async (outcome: AttemptOutcome, status: 'no_match' | 'liveness_failed', message: string): Promise<AttemptResponseDto> => {
      const next = attemptsLeft > 0 ? drawChallenge(now) : null;
      await this.sessions.resetChallenge(session.id, next as Record<string, unknown> | null);
      await this.fail(session, outcome, now);
      return { success: true, match: false, status, message: attemptsLeft > 0 ? message : LOGIN_MESSAGES.no_match_final, attempts_left: attemptsLeft, liveness: { ...liveness, next_challenge: next } };
    };
    if (!decision.passed) return refuse('liveness_failed', 'liveness_failed', decision.checks.find((c) => !c.passed)!.reason!);
    const embedding = embeddingOf(frames[decision.frontal!])!;
    const comparison = user
      ? compareWithSamples(user.embeddings, embedding, this.config)
      : null;
    if (!comparison || !isMatch(comparison, this.config.match)) return refuse('no_match', 'no_match', LOGIN_MESSAGES.no_match);
    await this.sessions.resetChallenge(session.id, null);
    return this.signIn(session, accountPublicId, comparison.confidence, liveness, attemptsLeft, now);
  }

  private async signIn(session: LoginSession, accountPublicId: string, confidence: number, liveness: LivenessResultDto, attemptsLeft: number, now: Date): Promise<AttemptResponseDto> {
    const amr = liveness.passed ? ['face', 'liveness'] : ['face'];
    const issued = await this.tokens.issue({ audience: accountPublicId, subject: session.userId, sessionId: session.id, nonce: session.nonce ?? undefined, amr });
    const won = await this.sessions.succeed(session.id, {
      at: now,
      confidence,
      liveness: { ...liveness },
      jti: issued.jti,
      tokenExpiresAt: issued.expiresAt,
    });
    // Two attempts of one session ran at once and the other one matched first: this token is never valid.
    if (!won) throw new SessionClosedError('succeeded');
    await this.sessions.recordAttempt(session, 'match', now);
    this.metrics?.attemptFinished('match');
    return { success: true, match: true, status: 'match', message: LOGIN_MESSAGES.match, attempts_left: attemptsLeft, liveness, token: issued.token };
  }

  private async fail(session: LoginSession, outcome: AttemptOutcome, at: Date): Promise<void> {
    await this.sessions.recordAttempt(session, outcome, at);
    this.metrics?.attemptFinished(outcome);
    await this.sessions.failIfExhausted(session.id);
  }

  /** Why a session could not take an attempt: expired (410), or succeeded / out of attempts (409). */
  private async whyClosed(sessionId: string): Promise<DomainError> {
    const session = await this.sessions.find(sessionId);
    if (!session) return new SessionExpiredError();
    if (session.state === 'pending' && session.attempts < session.maxAttempts) return new SessionExpiredError();
    return new SessionClosedError(session.state === 'pending' ? 'failed' : session.state);
  }
}

/** Liveness off: exactly one frame, `frame0`. */
function requireFrames(files: UploadedImageMap): void {
  const extra = Object.keys(files).filter((field) => field !== 'frame0');
  if (extra.length) throw new ValidationError('With liveness off an attempt carries exactly one frame, frame0', { unexpected_files: extra });
  if (!files.frame0) throw new MissingImageError('frame0');
}
