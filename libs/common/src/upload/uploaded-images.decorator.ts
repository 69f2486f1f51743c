import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { uploadedFiles, UploadedFileMap } from './parse-multipart';

/** Injects the files of an @UploadFields() route by field name (parsed earlier by the API key guard). */
export const UploadedImages = createParamDecorator((_data: unknown, ctx: ExecutionContext): UploadedFileMap => {
  return uploadedFiles(ctx.switchToHttp().getRequest<Request>());
});
