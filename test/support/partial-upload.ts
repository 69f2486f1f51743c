import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  /** Bytes of the body the client had written when the answer arrived. */
  sentBytes: number;
}

/**
 * Sends the headers and only `firstChunk` of a body that declares `declaredLength` bytes, and resolves
 * with the answer: proof that the server answered without reading the rest. The socket is destroyed after.
 */
export function answerBeforeBody(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  firstChunk: Buffer,
  declaredLength: number,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'Content-Length': String(declaredLength) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : null, sentBytes: firstChunk.length });
        req.destroy();
      });
    });
    req.on('error', reject);
    req.write(firstChunk);
  });
}

/** The start of a multipart body: parts as [name, value or file bytes, filename?]. */
export function multipartStart(boundary: string, parts: Array<[name: string, value: string | Buffer, filename?: string]>): Buffer {
  const pieces: Buffer[] = [];
  for (const [name, value, filename] of parts) {
    const disposition = filename ? `form-data; name="${name}"; filename="${filename}"` : `form-data; name="${name}"`;
    const type = filename ? 'Content-Type: image/jpeg\r\n' : '';
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(value), Buffer.from('\r\n'));
  }
  return Buffer.concat(pieces);
}
