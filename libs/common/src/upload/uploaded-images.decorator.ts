import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { clientGoneSignal, uploadedImages, UploadedImageMap } from './uploaded-image';

/** Injects the files of an @UploadFields() route by field name (read by the request pipeline's upload step). */
export const UploadedImages = createParamDecorator((_data: unknown, ctx: ExecutionContext): UploadedImageMap => {
  return uploadedImages(ctx.switchToHttp().getRequest<Request>());
});

/**
 * Injects an AbortSignal that fires when the client hangs up before its answer: the photos it sent that are
 * still waiting for the face engine are dropped instead of run (@UploadFields() routes).
 */
export const ClientGone = createParamDecorator((_data: unknown, ctx: ExecutionContext): AbortSignal | undefined => {
  return clientGoneSignal(ctx.switchToHttp().getRequest<Request>());
});
