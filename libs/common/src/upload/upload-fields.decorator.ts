import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

export const UPLOAD_FIELDS = 'faceauth:upload-fields';

/**
 * Declares the file fields a multipart route accepts (one file each). The body is parsed by the API key
 * guard, before authentication, because the key may itself be a multipart field (`api_key`).
 */
export function UploadFields(...fields: string[]): MethodDecorator {
  return applyDecorators(SetMetadata(UPLOAD_FIELDS, fields), ApiConsumes('multipart/form-data'));
}
