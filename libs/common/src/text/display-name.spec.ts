import { displayNamePattern } from './display-name';

describe(displayNamePattern.name, () => {
  const pattern = displayNamePattern(10);

  it('accepts visible names in any script, with inner spaces and combining marks', () => {
    for (const name of ['Rahim', '101', 'José', 'Jose\u0301', '李小龍', 'محمد علي', 'Anne-Marie', '😀']) expect(pattern.test(name)).toBe(true);
  });

  it.each([
    ['U+200B zero-width space', 'ad\u200Bmin'],
    ['U+200C zero-width non-joiner', 'a\u200Cb'],
    ['U+200D zero-width joiner', 'a\u200Db'],
    ['U+200E left-to-right mark', '\u200Eabc'],
    ['U+200F right-to-left mark', 'abc\u200F'],
    ['U+202A left-to-right embedding', '\u202Aabc'],
    ['U+202E right-to-left override', 'abc\u202Etxt.exe'],
    ['U+2066 left-to-right isolate', '\u2066abc'],
    ['U+2069 pop directional isolate', 'abc\u2069'],
    ['U+FEFF byte order mark', '\uFEFFabc'],
    ['a control character', 'a\u0007b'],
    ['a NUL', 'R\u0000x'],
    ['a line separator', 'a\u2028b'],
  ])('refuses %s', (_label, name) => {
    expect(pattern.test(name)).toBe(false);
  });

  it.each([
    ['spaces only', '   '],
    ['no-break and ideographic spaces', '\u00A0\u3000'],
    ['a combining mark alone', '\u0301'],
    ['a Hangul filler', '\u3164'],
    ['a braille blank', '\u2800\u2800'],
    ['a soft hyphen', '\u00AD'],
    ['empty', ''],
  ])('refuses a name made only of invisible characters: %s', (_label, name) => {
    expect(pattern.test(name)).toBe(false);
  });

  it('counts code points against the limit', () => {
    expect(pattern.test('😀'.repeat(10))).toBe(true);
    expect(pattern.test('a'.repeat(11))).toBe(false);
  });
});
