import { Injectable } from '@nestjs/common';
import { AuthContext, NoEnrolledFacesError, UploadedImageMap } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { closest, EnrolledFacesService, extractTemplates, isMatch, mismatchReason, reportComparison, requireFiles } from '@faceauth/enrollment';
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

  async verify(auth: AuthContext, form: VerifyFormDto, files: UploadedImageMap): Promise<VerifyResponseDto> {
    requireFiles(files, ['image']);
    // The lookup is cheap and comes first, so an unknown name costs no inference.
    const enrolled = await this.enrolled.find(auth.accountId, form.name);
    if (!enrolled) throw new NoEnrolledFacesError(form.name);
    const [{ template }] = await extractTemplates(this.inference, files, ['image'], 'largest', { liveness: true });
    const best = closest(enrolled.embeddings.map((embedding) => ({ comparison: reportComparison(this.inference.compare(template.embedding, embedding)) })));
    const { distance, confidence } = best.comparison;
    const match = isMatch(best.comparison, this.config.match);
    const largest = template.faces > 1 ? ` (largest of ${template.faces} faces used)` : '';
    const { id, name } = enrolled.user;
    return {
      success: true,
      match,
      status: match ? 'match' : 'no_match',
      confidence,
      distance,
      identity: match ? name : null,
      message: match ? `Verified as ${name}${largest}` : `Not verified as ${name}: ${mismatchReason(best.comparison, this.config.match)}${largest}`,
      user: match ? { id, external_user_id: name, name } : null,
      faces: template.faces,
      liveness: template.liveness === null ? null : Math.round(template.liveness * 1000) / 1000,
    };
  }
}
