import busboy from 'busboy';
import type { Request } from 'express';
import {
  InvalidApiKeyError,
  MissingApiKeyError,
  PayloadTooLargeError,
  UploadedImageMap,
  ValidationError,
} from '@faceauth/common';

export interface MultipartRules {
  /** The file fields the route accepts, one file each. */
  files: string[];
  maxFileBytes: number;
  /**
   * Set when no key came in a header: called with the multipart `api_key` field as soon as it arrives,
   * with the body paused until it settles. Without a key, at most the first file part is read.
   */
  authenticate?: (key: string) => Promise<void>;
}

export interface ParsedMultipart {
  files: UploadedImageMap;
  /** The text fields (api_key removed). */
  fields: Record<string, string>;
}

const MAX_TEXT_FIELDS = 20;
const MAX_TEXT_BYTES = 64 * 1024;

/** The request ended before the body did: nobody is left to answer. */
export class ClientGoneError extends Error {}

/**
 * Streams a multipart body with busboy: files into memory up to `maxFileBytes` each, text fields into
 * an object. Unknown or repeated fields, oversized files and malformed bodies become contract errors; on
 * an error the rest of the body is not read (the response closes the connection).
 */
export function parseMultipart(req: Request, rules: MultipartRules): Promise<ParsedMultipart> {
  return new Promise((resolve, reject) => {
    const files: UploadedImageMap = {};
    const fields: Record<string, string> = {};
    let authenticated = rules.authenticate === undefined;
    let pendingAuth: Promise<void> | null = null;
    let keySeen = false;
    let filesBeforeKey = 0;
    let done = false;
    let parser: busboy.Busboy;

    const fail = (error: Error) => {
      if (done) return;
      done = true;
      req.unpipe(parser);
      reject(error);
    };
    const onClientGone = () => fail(new ClientGoneError('client closed the request'));

    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: rules.maxFileBytes, files: rules.files.length, fields: MAX_TEXT_FIELDS, fieldSize: MAX_TEXT_BYTES, parts: rules.files.length + MAX_TEXT_FIELDS },
      });
    } catch {
      reject(new ValidationError('Malformed multipart body: the Content-Type has no boundary'));
      return;
    }

    parser.on('field', (name, value, info) => {
      if (done) return;
      if (name === 'api_key') {
        // Two keys in one body is ambiguous: refuse rather than pick one.
        if (keySeen) return fail(new InvalidApiKeyError());
        keySeen = true;
        if (authenticated) return;
        req.unpipe(parser);
        req.pause();
        pendingAuth = rules.authenticate!(value.trim()).then(
          () => {
            authenticated = true;
            pendingAuth = null;
            if (!done) {
              req.pipe(parser);
              req.resume();
            }
          },
          (error: Error) => fail(error),
        );
        return;
      }
      if (info.valueTruncated) return fail(new ValidationError(`Field "${name}" is too long`, { field: name, limit_bytes: MAX_TEXT_BYTES }));
      if (name in fields) return fail(new ValidationError(`Field "${name}" was sent more than once`, { field: name }));
      fields[name] = value;
    });

    parser.on('file', (name, stream) => {
      if (done) return void stream.resume();
      if (!rules.files.includes(name)) {
        stream.resume();
        return fail(new ValidationError(`Unexpected file field "${name}": this route accepts ${rules.files.join(', ')} (one file each)`, { field: name, accepted_files: rules.files }));
      }
      if (files[name]) {
        stream.resume();
        return fail(new ValidationError(`File field "${name}" was sent more than once`, { field: name }));
      }
      if (!authenticated && !keySeen && ++filesBeforeKey > 1) {
        stream.resume();
        return fail(new MissingApiKeyError());
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new PayloadTooLargeError(rules.maxFileBytes)));
      stream.on('error', () => fail(new ValidationError('Malformed multipart body: a file part is cut short')));
      stream.on('end', () => {
        if (!done && !stream.truncated) files[name] = { field: name, bytes: Buffer.concat(chunks) };
      });
    });

    const limitError = (what: string) => () => fail(new ValidationError(`Multipart body rejected: too many ${what}`, { accepted_files: rules.files }));
    parser.on('filesLimit', limitError('files'));
    parser.on('fieldsLimit', limitError('fields'));
    parser.on('partsLimit', limitError('parts'));
    parser.on('error', () => fail(new ValidationError('Malformed multipart body')));
    parser.on('close', async () => {
      if (done) return;
      if (pendingAuth) await pendingAuth;
      if (done) return;
      if (!authenticated) return fail(new MissingApiKeyError());
      done = true;
      req.off('aborted', onClientGone);
      resolve({ files, fields });
    });
    req.once('aborted', onClientGone);
    req.pipe(parser);
  });
}
