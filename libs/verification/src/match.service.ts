import { Injectable } from '@nestjs/common';
import { UploadedImageMap } from '@faceauth/common';
import { AppConfig } from '@faceauth/config';
import { extractTemplates, isMatch, reportComparison, requireFiles } from '@faceauth/face-matching';
import { InferenceService } from '@faceauth/inference';
import { MatchResponseDto } from './dto/match.dto';

export const MATCH_FIELDS = ['image1', 'image2'];

/** POST /match: do two photos show one person? Nothing is stored. */
@Injectable()
export class MatchService {
  constructor(
    private readonly inference: InferenceService,
    private readonly config: AppConfig,
  ) {}

  async match(files: UploadedImageMap, signal?: AbortSignal): Promise<MatchResponseDto> {
    requireFiles(files, MATCH_FIELDS);
    const [first, second] = await extractTemplates(this.inference, files, MATCH_FIELDS, 'largest', { signal });
    const comparison = reportComparison(this.inference.compare(first.template.embedding, second.template.embedding));
    const match = isMatch(comparison, this.config.match);
    return {
      success: true,
      match,
      status: match ? 'match' : 'no_match',
      ...comparison,
      faces: { image1: first.template.faces, image2: second.template.faces },
    };
  }
}
