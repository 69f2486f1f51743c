import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiConsumes } from '@nestjs/swagger';

export const UPLOAD_FIELDS = 'faceauth:upload-fields';

/**
 * Declares the file fields a multipart route accepts (one file each). The request pipeline reads the body
 * after authentication and limits (or, when the key is the multipart field `api_key`, authenticates as
 * soon as that field arrives). Upload routes run face inference: they hold a place in its queue.
 */
export function UploadFields(...fields: string[]): MethodDecorator {
  return applyDecorators(SetMetadata(UPLOAD_FIELDS, fields), ApiConsumes('multipart/form-data'));
}
