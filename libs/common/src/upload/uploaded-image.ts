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
