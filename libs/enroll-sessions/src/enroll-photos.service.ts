import { Injectable } from '@nestjs/common';
import {
  AuthContext,
  DomainError,
  MissingImageError,
  SessionClosedError,
  SessionExpiredError,
  UploadedImageMap,
  ValidationError,
} from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { EnrollResponseDto, EnrollService } from '@faceauth/enrollment';
import { qualityProblem } from '@faceauth/face-matching';
import { FaceTemplate, headPose, InferenceService } from '@faceauth/inference';
import type { CallCharge } from '@faceauth/usage';
import { EnrollPhotoResponseDto } from './dto/enroll-photo.dto';
import { EnrollSession } from './entities/enroll-session.entity';
import { ENROLL_MESSAGES } from './enroll-messages';
import { EnrollSessionsRepository } from './enroll-sessions.repository';
import { ENROLL_POSES, poseProblem } from './enroll-steps';
import { faceErrorForPerson, poseError, qualityError } from './photo-checks';
import { enrollmentSample, StoredSample, storedSample } from './stored-sample';

const LAST_STEP = ENROLL_POSES.length - 1;

/**
 * POST /enroll-sessions/{id}/photos: each photo checked (one face, quality, the step's pose) before its
 * template is kept; the last one enrolls the three with EnrollService's rules, as POST /enroll would.
 */
@Injectable()
export class EnrollPhotosService {
  constructor(
    private readonly sessions: EnrollSessionsRepository,
    private readonly inference: InferenceService,
    private readonly enrollment: EnrollService,
    private readonly config: AppConfig,
  ) {}

  async addPhoto(auth: AuthContext, sessionId: string, step: number, files: UploadedImageMap, charge: CallCharge, signal?: AbortSignal): Promise<EnrollPhotoResponseDto> {
    const session = await this.sessions.find(sessionId);
    if (!session) throw new SessionExpiredError(ENROLL_MESSAGES.expired);
    refuseUnlessOpen(session, new Date());
    if (step !== session.stepsKept) throw stepError(step, session.stepsKept);
    const bytes = files.photo?.bytes;
    if (!bytes) throw new MissingImageError('photo');

    const sample = await this.checkedSample(bytes, step, signal);
    const kept = [...((session.samples as StoredSample[] | null) ?? []), sample];
    const last = step === LAST_STEP;
    if (!(await this.sessions.keep(session.id, step, kept, last, new Date()))) throw await this.whyNotKept(session.id, step);
    if (!last) return { success: true, accepted: true, step, next_step: step + 1, status: 'collecting' };
    return this.enroll(auth, session, kept, charge);
  }

  /** One face, the quality POST /enroll asks for, then the step's pose: the first that fails is the answer (422). */
  private async checkedSample(bytes: Buffer, step: number, signal?: AbortSignal): Promise<StoredSample> {
    let template: FaceTemplate;
    try {
      template = await this.inference.extractTemplate(bytes, 'single', { liveness: true, signal });
    } catch (error) {
      throw faceErrorForPerson(error, step);
    }
    const quality = qualityProblem(template.quality, this.config.enrollment.quality);
    if (quality) throw qualityError(quality, step);
    const pose = headPose(template.face.points68);
    const problem = poseProblem(step, pose);
    if (problem) throw poseError(problem);
    return storedSample(step, template, pose);
  }

  /** This request holds the session (`enrolling`): it alone enrolls, then closes or reopens it. */
  private async enroll(auth: AuthContext, session: EnrollSession, kept: StoredSample[], charge: CallCharge): Promise<EnrollPhotoResponseDto> {
    let enrolled: EnrollResponseDto;
    try {
      await charge();
      enrolled = await this.enrollment.enrollSamples(auth, { name: session.userId, replace: session.replaceSamples }, kept.map(enrollmentSample));
    } catch (error) {
      throw await this.afterRefusal(session, kept, error);
    }
    await this.sessions.complete(session.id, new Date());
    const { face_id, external_user_id, samples } = enrolled;
    return { success: true, accepted: true, step: LAST_STEP, next_step: null, status: 'enrolled', enrolled: { face_id, external_user_id, samples } };
  }

  /**
   * ENROLL_MISMATCH drops the photos (back to step 0, or closed as failed after maxMismatches);
   * IDENTITY_MISMATCH closes the session (retrying the same face cannot help); anything else (a limit, an
   * outage) only gives the last photo back to be sent again.
   */
  private async afterRefusal(session: EnrollSession, kept: StoredSample[], error: unknown): Promise<unknown> {
    const code = error instanceof DomainError ? error.code : null;
    if (code === 'ENROLL_MISMATCH') {
      const max = this.config.enrollSessions.maxMismatches;
      const { status, mismatches } = await this.sessions.restart(session.id, max, new Date());
      const open = status === 'collecting';
      return told(error as DomainError, open ? ENROLL_MESSAGES.ENROLL_MISMATCH : ENROLL_MESSAGES.ENROLL_MISMATCH_FINAL, {
        status,
        steps_kept: 0,
        next_step: open ? 0 : null,
        failures: mismatches,
        failures_left: Math.max(0, max - mismatches),
      });
    }
    if (code === 'IDENTITY_MISMATCH') {
      await this.sessions.fail(session.id, new Date());
      return told(error as DomainError, ENROLL_MESSAGES.IDENTITY_MISMATCH, { status: 'failed', next_step: null });
    }
    await this.sessions.release(session.id, kept.slice(0, LAST_STEP));
    return error;
  }

  /** Why a checked photo was not kept: the session closed or expired meanwhile, or another request kept this step. */
  private async whyNotKept(sessionId: string, step: number): Promise<DomainError> {
    const session = await this.sessions.find(sessionId);
    if (!session) return new SessionExpiredError(ENROLL_MESSAGES.expired);
    try {
      refuseUnlessOpen(session, new Date());
    } catch (error) {
      return error as DomainError;
    }
    return stepError(step, session.stepsKept);
  }
}

/** A closed session is 409 SESSION_CLOSED (also past its expiry), an expired open one 410 SESSION_EXPIRED. */
function refuseUnlessOpen(session: EnrollSession, now: Date): void {
  if (session.status !== 'collecting') throw new SessionClosedError(session.status, ENROLL_MESSAGES[session.status]);
  if (session.expiresAt <= now) throw new SessionExpiredError(ENROLL_MESSAGES.expired);
}

function stepError(step: number, expected: number): ValidationError {
  const message = step < expected ? `The photo of step ${step} was already kept: send step ${expected}` : `Send the photo of step ${expected} first: steps go in order`;
  return new ValidationError(message, { fields: { step: [`expected step ${expected}`] }, expected_step: expected });
}

/** The same code, with a message for the person and what became of the session. */
function told(error: DomainError, message: string, details: Record<string, unknown>): DomainError {
  const out = new DomainError(error.code, message, { ...error.details, ...details });
  out.stack = error.stack;
  return out;
}
