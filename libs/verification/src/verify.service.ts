import { Injectable } from '@nestjs/common';
import { AuthContext, NoEnrolledFacesError, UploadedImageMap } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { EnrolledFacesService } from '@faceauth/enrollment';
import { compareWithSamples, earlyMatchOfSamples, extractTemplates, isMatch, mismatchReason, requireFiles } from '@faceauth/face-matching';
import { InferenceService } from '@faceauth/inference';
import { VerifyFormDto, VerifyResponseDto } from './dto/verify.dto';

/** POST /verify: is the person in the photo the one enrolled under `name`? */
@Injectable()
export class VerifyService {
  constructor(
    private readonly enrolled: EnrolledFacesService,
    private readonly inference: InferenceService,
    private readonly config: AppConfig,
  ) {}

  async verify(auth: AuthContext, form: VerifyFormDto, files: UploadedImageMap, signal?: AbortSignal): Promise<VerifyResponseDto> {
    requireFiles(files, ['image']);
    // The lookup is cheap and comes first, so an unknown name costs no inference.
    const before = await this.enrolled.find(auth.accountId, form.name);
    if (!before) throw new NoEnrolledFacesError(form.name);
    const earlyMatch = earlyMatchOfSamples(before.embeddings, this.config);
    const [{ template }] = await extractTemplates(this.inference, files, ['image'], 'largest', { signal, earlyMatch });
    // Read again after inference: a delete (or replace=true) that answered while the photo was being processed
    // must win, so the decision is made on the samples stored now, and a deleted user is NO_ENROLLED_FACES.
    const enrolled = await this.enrolled.find(auth.accountId, form.name);
    if (!enrolled) throw new NoEnrolledFacesError(form.name);
    const comparison = compareWithSamples(enrolled.embeddings, template.embedding, this.config);
    const { distance, confidence } = comparison;
    const match = isMatch(comparison, this.config.match);
    const largest = template.faces > 1 ? ` (largest of ${template.faces} faces used)` : '';
    const { id, name } = enrolled.user;
    return {
      success: true,
      match,
      status: match ? 'match' : 'no_match',
      confidence,
      distance,
      identity: match ? name : null,
      message: match ? `Verified as ${name}${largest}` : `Not verified as ${name}: ${mismatchReason(comparison, this.config.match)}${largest}`,
      user: match ? { id, external_user_id: name, name } : null,
      faces: template.faces,
      liveness: null,
    };
  }
}
