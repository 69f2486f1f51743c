import { etagMatches, widgetEtag } from './etag';

describe('widgetEtag', () => {
  it('names the package version and changes with the content', () => {
    const etag = widgetEtag('1.2.3', 'a');
    expect(etag).toMatch(/^"1\.2\.3-[0-9a-f]{16}"$/);
    expect(widgetEtag('1.2.3', 'b')).not.toBe(etag);
    expect(widgetEtag('1.2.3', 'a')).toBe(etag);
  });
});

describe('etagMatches', () => {
  const etag = '"0.1.0-abc"';

  it('matches the same tag, a weak form of it, one in a list, and *', () => {
    expect(etagMatches('"0.1.0-abc"', etag)).toBe(true);
    expect(etagMatches('W/"0.1.0-abc"', etag)).toBe(true);
    expect(etagMatches('"x", "0.1.0-abc"', etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
  });

  it('does not match an absent header or another tag', () => {
    expect(etagMatches(undefined, etag)).toBe(false);
    expect(etagMatches('"0.1.0-abd"', etag)).toBe(false);
  });
});
