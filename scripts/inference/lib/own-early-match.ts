import { AppConfig } from '@faceauth/config';
import { earlyMatchOfSamples } from '@faceauth/face-matching';
import { EarlyMatch, InferenceService } from '@faceauth/inference';

/**
 * The early match /verify would pass for `photo` verified against its own enrollment (one sample: the photo's
 * template), under `config`; undefined when the configuration has it off. The benchmarks time the clear-match path with it.
 */
export async function ownEarlyMatch(service: InferenceService, photo: Buffer, config: AppConfig): Promise<EarlyMatch | undefined> {
  const own = await service.extractTemplate(photo, 'largest');
  return earlyMatchOfSamples([own.embedding], config);
}
