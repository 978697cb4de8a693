/** Character classes shared by inference and clean-up. */

const HAN = /\p{Script=Han}/u;

/**
 * True for a code unit in the CJK Unified Ideographs block, where most Han characters of a text lie: hot loops
 * read code units and ask `isHan` only for the rest (a string per character read costs an allocation).
 */
export function isCommonHanUnit(code: number): boolean {
  return code >= 0x4e00 && code <= 0x9fff;
}

/** True for a Han character (BMP or astral). `ch` is one code point. */
export function isHan(ch: string | undefined): boolean {
  if (ch === undefined || ch === '') return false;
  // The common case without a regular expression.
  return isCommonHanUnit(ch.charCodeAt(0)) || HAN.test(ch);
}

/** The code point that ends just before `offset` (handles surrogate pairs). */
export function codePointBefore(text: string, offset: number): string | undefined {
  if (offset <= 0) return undefined;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) {
    const high = text.charCodeAt(offset - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(offset - 2, offset);
  }
  return text[offset - 1];
}

/** The code point that starts at `offset`. */
export function codePointAt(text: string, offset: number): string | undefined {
  const cp = text.codePointAt(offset);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/** True when the text contains at least one Han character. */
export function containsHan(text: string): boolean {
  return HAN.test(text);
}

/** The text on one line (whitespace runs collapsed, trimmed), cut to `max` characters with an ellipsis. */
export function ellipsize(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

/**
 * `text` as a string of its own, not a view into a longer one: V8 makes a slice of 13 or more units point into the
 * string it was cut from, which then stays alive as long as the slice. (Joined to a space and cut again, the slice
 * points into that short join instead.)
 */
export function ownCopy(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
