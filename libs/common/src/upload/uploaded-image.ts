import type { Request } from 'express';

/** One uploaded file of a multipart request, as services see it: which form field, and its bytes. */
export interface UploadedImage {
  field: string;
  bytes: Buffer;
}

/** The uploaded files of a request by field name; absent fields are undefined. */
export type UploadedImageMap = Record<string, UploadedImage | undefined>;

const UPLOADS = Symbol('faceauth:uploads');

/** Kept on the request by the request pipeline's upload step. */
export function setUploadedImages(req: Request, images: UploadedImageMap): void {
  (req as Request & { [UPLOADS]?: UploadedImageMap })[UPLOADS] = images;
}

export function uploadedImages(req: Request): UploadedImageMap {
  return (req as Request & { [UPLOADS]?: UploadedImageMap })[UPLOADS] ?? {};
}

const SIGNAL = Symbol('faceauth:client-gone');

/** Kept on an upload request by the request pipeline: aborted when the client hangs up before the answer. */
export function setClientGoneSignal(req: Request, signal: AbortSignal): void {
  (req as Request & { [SIGNAL]?: AbortSignal })[SIGNAL] = signal;
}

export function clientGoneSignal(req: Request): AbortSignal | undefined {
  return (req as Request & { [SIGNAL]?: AbortSignal })[SIGNAL];
}
