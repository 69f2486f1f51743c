import { EntityManager, LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuthContext, EnrollMismatchError, IdentityMismatchError, UploadedImageMap } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { bufferToEmbedding, embeddingToBuffer, InferenceService } from '@faceauth/inference';
import { EnrollFormDto, EnrollResponseDto } from './dto/enroll.dto';
import { EnrolledUser } from './entities/enrolled-user.entity';
import { FaceSample } from './entities/face-sample.entity';
import { extractTemplates, FieldTemplate, requireFiles } from './face-templates';
import { closest, isMatch, reportComparison } from './match-rule';

export const ENROLL_FIELDS = ['image', 'image1', 'image2'];
/** Samples kept per user; enrolling more drops the oldest. */
export const MAX_SAMPLES_PER_USER = 10;

/** POST /enroll: photos -> templates (outside any transaction), then one transaction to store them. */
@Injectable()
export class EnrollService {
  constructor(
    private readonly em: EntityManager,
    private readonly inference: InferenceService,
    private readonly config: AppConfig,
  ) {}

  async enroll(auth: AuthContext, form: EnrollFormDto, files: UploadedImageMap): Promise<EnrollResponseDto> {
    requireFiles(files, ['image']);
    const samples = await extractTemplates(this.inference, files, ENROLL_FIELDS, 'single', { liveness: true });
    this.requireSamePerson(samples);
    try {
      return await this.store(auth, form, samples);
    } catch (error) {
      // Two first enrollments of one name raced and the other one created the user: enroll again, now
      // as an existing name (its samples must match, or IDENTITY_MISMATCH).
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      return this.store(auth, form, samples);
    }
  }

  /** Every pair of photos of one request must match under the verify rule. */
  private requireSamePerson(samples: FieldTemplate[]): void {
    const mismatches: Record<string, unknown>[] = [];
    for (let i = 0; i < samples.length; i++) {
      for (let j = i + 1; j < samples.length; j++) {
        const comparison = reportComparison(this.inference.compare(samples[i].template.embedding, samples[j].template.embedding));
        if (!isMatch(comparison, this.config.match)) {
          mismatches.push({ fields: [samples[i].field, samples[j].field], distance: comparison.distance, confidence: comparison.confidence });
        }
      }
    }
    if (mismatches.length > 0) throw new EnrollMismatchError({ mismatches });
  }

  private store(auth: AuthContext, form: EnrollFormDto, samples: FieldTemplate[]): Promise<EnrollResponseDto> {
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

  /** Each new photo must match at least one stored sample, as it would have to on /verify. */
  private requireSameIdentity(name: string, stored: FaceSample[], samples: FieldTemplate[]): void {
    if (stored.length === 0) return;
    const storedEmbeddings = stored.map((sample) => bufferToEmbedding(sample.embedding));
    const mismatches: Record<string, unknown>[] = [];
    for (const { field, template } of samples) {
      const best = closest(storedEmbeddings.map((embedding) => ({ comparison: reportComparison(this.inference.compare(template.embedding, embedding)) })));
      if (!isMatch(best.comparison, this.config.match)) {
        mismatches.push({ field, distance: best.comparison.distance, confidence: best.comparison.confidence });
      }
    }
    if (mismatches.length > 0) throw new IdentityMismatchError(name, { mismatches });
  }

  private addSamples(em: EntityManager, user: EnrolledUser, samples: FieldTemplate[]): void {
    for (const { template } of samples) {
      em.create(FaceSample, {
        user,
        embedding: embeddingToBuffer(template.embedding),
        detectorScore: template.face.score,
        liveness: template.liveness,
      });
    }
  }
}

function response(user: EnrolledUser, message: string, samples: number): EnrollResponseDto {
  return { success: true, face_id: user.id, external_user_id: user.name, message, samples };
}
