import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { uploadedImages, UploadedImageMap } from './uploaded-image';

/** Injects the files of an @UploadFields() route by field name (read by the request pipeline's upload step). */
export const UploadedImages = createParamDecorator((_data: unknown, ctx: ExecutionContext): UploadedImageMap => {
  return uploadedImages(ctx.switchToHttp().getRequest<Request>());
});
