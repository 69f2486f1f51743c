import { createHash } from 'node:crypto';

/** A strong ETag naming the release and the exact bytes: `"<version>-<sha256 prefix>"`. */
export function widgetEtag(version: string, body: string): string {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  return `"${version}-${hash}"`;
}

/** If-None-Match uses weak comparison (RFC 9110 13.1.2): `*`, or any listed tag equal to ours once `W/` is dropped. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
