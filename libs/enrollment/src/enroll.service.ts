import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuthContext, EnrollMismatchError, IdentityMismatchError, LowQualityError, UploadedImageMap } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import {
  EnrolledTemplate,
  extractTemplates,
  FieldTemplate,
  outlyingPhotos,
  qualityProblem,
  reenrollMismatches,
  requireFiles,
} from '@faceauth/face-matching';
import { bufferToEmbedding, embeddingToBuffer, InferenceService } from '@faceauth/inference';
import { EnrollFormDto, EnrollResponseDto } from './dto/enroll.dto';
import { EnrollmentSample, EnrollmentTarget } from './enrollment-sample';
import { EnrolledUser } from './entities/enrolled-user.entity';
import { FaceSample } from './entities/face-sample.entity';

export const ENROLL_FIELDS = ['image', 'image1', 'image2'];
/** Samples kept per user; enrolling more drops the oldest. */
export const MAX_SAMPLES_PER_USER = 10;

/** POST /enroll: photos -> templates (outside any transaction), then the enrollment rules and one transaction to store them. */
@Injectable()
export class EnrollService {
  constructor(
    private readonly em: EntityManager,
    private readonly inference: InferenceService,
    private readonly config: AppConfig,
  ) {}

  async enroll(auth: AuthContext, form: EnrollFormDto, files: UploadedImageMap, signal?: AbortSignal): Promise<EnrollResponseDto> {
    requireFiles(files, ['image']);
    const templates = await extractTemplates(this.inference, files, ENROLL_FIELDS, 'single', { liveness: true, signal });
    return this.enrollSamples(auth, form, templates.map(enrollmentSample));
  }

  /**
   * The rules of an enrollment from the templates on (POST /enroll, enrollment sessions): quality, one person,
   * then one transaction that creates the user or adds to (or replaces) its samples.
   */
  async enrollSamples(auth: AuthContext, target: EnrollmentTarget, samples: EnrollmentSample[]): Promise<EnrollResponseDto> {
    this.requireQuality(samples);
    this.requireSamePerson(samples);
    try {
      return await this.store(auth, target, samples);
    } catch (error) {
      // Two first enrollments of one name raced and the other one created the user: enroll again, now
      // as an existing name (its samples must match, or IDENTITY_MISMATCH).
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      return this.store(auth, target, samples);
    }
  }

  /** A template is only as good as its photo: refuse blurred, dark, burnt-out or turned faces (LOW_QUALITY). */
  private requireQuality(samples: EnrollmentSample[]): void {
    for (const { field, quality } of samples) {
      const problem = qualityProblem(quality, this.config.enrollment.quality);
      if (problem) throw new LowQualityError(problem.message, { check: problem.check, value: problem.value, limit: problem.limit, field });
    }
  }

  /** Each photo of one request must be within the (looser) enrollment consistency threshold of the others. */
  private requireSamePerson(samples: EnrollmentSample[]): void {
    const threshold = this.config.enrollment.consistencyThreshold;
    const mismatches = outlyingPhotos(samples, this.config.calibration, threshold);
    if (mismatches.length > 0) throw new EnrollMismatchError({ mismatches, threshold });
  }

  private store(auth: AuthContext, form: EnrollmentTarget, samples: EnrollmentSample[]): Promise<EnrollResponseDto> {
    return this.em.fork().transactional(async (em) => {
      // The row lock serialises concurrent enrollments of one name (PostgreSQL; SQLite has one writer anyway).
      const user = await em.findOne(EnrolledUser, { account: auth.accountId, name: form.name }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!user) {
        const created = em.create(EnrolledUser, { account: auth.accountId, name: form.name });
        this.addSamples(em, created, samples);
        await em.flush();
        return response(created, 'Face enrolled successfully', samples.length);
      }
      const stored = await em.find(FaceSample, { user }, { populate: ['embedding'], orderBy: { id: 'asc' } });
      let message: string;
      let kept = stored;
      if (form.replace) {
        em.remove(stored);
        kept = [];
        message = `Replaced the samples of "${user.name}"`;
      } else {
        this.requireSameIdentity(user.name, stored, samples);
        const excess = Math.max(0, stored.length + samples.length - MAX_SAMPLES_PER_USER);
        em.remove(stored.slice(0, excess));
        kept = stored.slice(excess);
        message = `Added ${samples.length} sample${samples.length === 1 ? '' : 's'} to "${user.name}"`;
        if (excess > 0) message += `; removed the ${excess} oldest (limit ${MAX_SAMPLES_PER_USER} per user)`;
      }
      this.addSamples(em, user, samples);
      user.updatedAt = new Date();
      await em.flush();
      return response(user, message, kept.length + samples.length);
    });
  }

  /** Each new photo must be near the stored template, compared as /verify compares (re-enrollment threshold). */
  private requireSameIdentity(name: string, stored: FaceSample[], samples: EnrollmentSample[]): void {
    if (stored.length === 0) return;
    const template = new EnrolledTemplate(stored.map((sample) => bufferToEmbedding(sample.embedding)));
    const threshold = this.config.enrollment.reenrollThreshold;
    const mismatches = reenrollMismatches(template, samples, this.config.match.template, this.config.calibration.template, threshold);
    if (mismatches.length > 0) throw new IdentityMismatchError(name, { mismatches, threshold });
  }

  private addSamples(em: EntityManager, user: EnrolledUser, samples: EnrollmentSample[]): void {
    for (const sample of samples) {
      em.create(FaceSample, { user, embedding: embeddingToBuffer(sample.embedding), detectorScore: sample.detectorScore, liveness: sample.liveness });
    }
  }
}

function enrollmentSample({ field, template }: FieldTemplate): EnrollmentSample {
  return { field, embedding: template.embedding, quality: template.quality, detectorScore: template.face.score, liveness: template.liveness };
}

function response(user: EnrolledUser, message: string, samples: number): EnrollResponseDto {
  return { success: true, face_id: user.id, external_user_id: user.name, message, samples };
}
