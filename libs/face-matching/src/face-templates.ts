import { DomainError, MissingImageError } from '@faceauth/common';
import type { UploadedImageMap } from '@faceauth/common';
import type { ExtractOptions, FacePolicy, FaceTemplate, InferenceService } from '@faceauth/inference';

export interface FieldTemplate {
  /** The multipart field the photo came in. */
  field: string;
  template: FaceTemplate;
}

/** The same contract error with the file field added to its details, so the caller knows which photo failed. */
function tagWithField(error: unknown, field: string): unknown {
  if (!(error instanceof DomainError)) return error;
  const tagged = new DomainError(error.code, error.message, { ...error.details, field }, error.headers);
  tagged.stack = error.stack;
  return tagged;
}

/** The bytes of the photo uploaded in `field`, if any. */
export function photoBytes(files: UploadedImageMap, field: string): Buffer | undefined {
  return files[field]?.bytes;
}

/** Throws MISSING_IMAGE for the first required field without a file. */
export function requireFiles(files: UploadedImageMap, required: string[]): void {
  const missing = required.find((field) => !photoBytes(files, field));
  if (missing) throw new MissingImageError(missing);
}

/**
 * The face template of each uploaded photo, in field order. The photos run concurrently (bounded by the
 * inference service's own queue); when several fail, the error of the first field is reported.
 */
export async function extractTemplates(
  inference: InferenceService,
  files: UploadedImageMap,
  fields: string[],
  policy: FacePolicy,
  options: ExtractOptions = {},
): Promise<FieldTemplate[]> {
  const present = fields.filter((field) => photoBytes(files, field));
  const results = await Promise.allSettled(present.map((field) => inference.extractTemplate(photoBytes(files, field)!, policy, options)));
  return results.map((result, i) => {
    if (result.status === 'rejected') throw tagWithField(result.reason, present[i]);
    return { field: present[i], template: result.value };
  });
}
