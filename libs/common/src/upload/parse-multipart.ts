import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { DomainError, PayloadTooLargeError, ValidationError } from '../errors/domain-error';

export interface MultipartLimits {
  maxFileBytes: number;
}

export type UploadedFileMap = Record<string, Express.Multer.File | undefined>;

const PARSED = Symbol('faceauth:multipart-parsed');

function toDomainError(error: unknown, fields: string[], limits: MultipartLimits): DomainError {
  if (error instanceof MulterError) {
    switch (error.code) {
      case 'LIMIT_FILE_SIZE':
        return new PayloadTooLargeError(limits.maxFileBytes);
      case 'LIMIT_UNEXPECTED_FILE':
        return new ValidationError(`Unexpected file field "${error.field}": this route accepts ${fields.join(', ')} (one file each)`, {
          field: error.field,
          accepted_files: fields,
        });
      default:
        return new ValidationError(`Multipart body rejected: ${error.message}`, { reason: error.code });
    }
  }
  return new ValidationError('Malformed multipart body');
}

/**
 * Parses a multipart body into memory once (idempotent), one file per declared field. Files of other
 * names, oversized files and malformed bodies become contract errors. Non-multipart requests are left alone.
 */
export async function parseMultipart(req: Request, res: Response, fields: string[], limits: MultipartLimits): Promise<void> {
  const marked = req as Request & { [PARSED]?: boolean };
  if (marked[PARSED]) return;
  marked[PARSED] = true;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limits.maxFileBytes, files: fields.length, fields: 20, fieldSize: 64 * 1024, parts: fields.length + 20 },
  }).fields(fields.map((name) => ({ name, maxCount: 1 })));
  await new Promise<void>((resolve, reject) => {
    upload(req, res, (error?: unknown) => (error ? reject(toDomainError(error, fields, limits)) : resolve()));
  });
}

/** The uploaded files of a parsed request by field name. */
export function uploadedFiles(req: Request): UploadedFileMap {
  const files = (req.files ?? {}) as Record<string, Express.Multer.File[]>;
  return Object.fromEntries(Object.entries(files).map(([name, list]) => [name, list[0]]));
}
