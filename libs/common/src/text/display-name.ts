/**
 * Zero-width and bidirectional-control characters: invisible, they make two different names look alike
 * ("admin" and "ad\u200Bmin") or reorder how a name is displayed (U+202E). Refused in every name.
 */
const HIDDEN = '\\u061C\\u200B-\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF';
/** Also refused: controls, lone surrogates, line and paragraph separators. */
const FORBIDDEN = `\\p{Cc}\\p{Cs}\\p{Zl}\\p{Zp}${HIDDEN}`;
/** Characters that show nothing on their own: spaces, format characters, combining marks, Hangul fillers, braille blank. */
const BLANK = '\\p{White_Space}\\p{Cf}\\p{M}\\p{Z}\\u115F\\u1160\\u3164\\uFFA0\\u2800';

/**
 * 1 to `maxLength` characters (code points), at least one of them visible, none of them hidden (see
 * HIDDEN) or a control. For class-validator's @Matches.
 */
export function displayNamePattern(maxLength: number): RegExp {
  return new RegExp(`^(?=[\\s\\S]*[^${BLANK}])[^${FORBIDDEN}]{1,${maxLength}}$`, 'u');
}
