import { OffsetMap } from '../markup/offsetMap';
import { codePointBefore, isCommonHanUnit, isHan } from './chars';

/**
 * Scraped pages sometimes carry ruby annotations flattened into the text: `會(huì)議`, `發(fā)展`. A reading is a
 * parenthesised single pinyin syllable right after a Han character (or repeated right after another reading:
 * `指出(chu)(chu)`). Real parentheses — `(市、区)`, `(B區)`, `(2021年)`, `(GDP)` — never match, because their
 * content is not one lowercase syllable. Nor do labels that happen to be spelled like one — `长度(m)`, `条件(a)`,
 * `如下(i)`, `(an)`, `(er)`: a reading without a tone mark counts only in a run of readings (`什(shen)么(me)`).
 */
const TONE_FREE: Record<string, string> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a', ē: 'e', é: 'e', ě: 'e', è: 'e', ê: 'e', ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o', ū: 'u', ú: 'u', ǔ: 'u', ù: 'u', ǖ: 'v', ǘ: 'v', ǚ: 'v', ǜ: 'v', ü: 'v',
  ń: 'n', ň: 'n', ǹ: 'n',
};

const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|ve|vn|a|e|i|o|u|v)$|^(?:ng|n|m|hm|hng)$/;

/**
 * The letters of a reading, `[(（]([a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7})[)）]` (matched by hand), by char code:
 * 1 for a letter, 2 for one with a tone mark (ê and ü carry none). All lie below U+0200.
 */
const READING_LETTER = new Uint8Array(0x200);
for (let c = 0x61; c <= 0x7a; c++) READING_LETTER[c] = 1;
for (const ch of 'êü') READING_LETTER[ch.charCodeAt(0)] = 1;
for (const ch of 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ') READING_LETTER[ch.charCodeAt(0)] = 2;
/** Each letter without its tone mark, as 1–27 (a–z, then ü as v): a reading's letters make a number (< 28⁷). */
const BASE_LETTER = new Uint8Array(0x200);
for (let c = 0x61; c <= 0x7a; c++) BASE_LETTER[c] = c - 0x60;
for (const [ch, base] of Object.entries(TONE_FREE)) BASE_LETTER[ch.charCodeAt(0)] = base === 'v' ? 27 : base.charCodeAt(0) - 0x60;
/**
 * Whether a reading's toneless letters (by their number) make a syllable: a scraped text repeats a few hundred
 * syllables thousands of times. Bounded: a hostile text could make many keys.
 */
const syllableByKey = new Map<number, boolean>();
export function isPinyinSyllable(word: string): boolean {
  let plain = '';
  for (const ch of word) plain += TONE_FREE[ch] ?? ch;
  return SYLLABLE.test(plain);
}

export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Ranges of injected readings, parentheses included, in text order. */
export function findInjectedPinyin(text: string): TextRange[] {
  const found: TextRange[] = [];
  eachInjectedReading(text, (start, end) => found.push({ start, end }));
  return found;
}

/** The candidates' buffer, reused from line to line (taken while a search runs, so a nested search makes its own). */
let spareCandidates: Int32Array | undefined = new Int32Array(1024);

function takeCandidates(): Int32Array {
  const spare = spareCandidates ?? new Int32Array(1024);
  spareCandidates = undefined;
  return spare;
}

function releaseCandidates(b: Int32Array): void {
  // A huge one-line text's buffer is not kept alive.
  if (b.length <= 1 << 16) spareCandidates = b;
}

/** `b` with room for `used` + 4 numbers (doubled when full). */
function roomFor(b: Int32Array, used: number): Int32Array {
  if (used + 4 <= b.length) return b;
  const grown = new Int32Array(b.length * 2);
  grown.set(b);
  return grown;
}

/**
 * Calls `found` with each injected reading, in text order. Candidates are kept as numbers, not objects: a 5 MB
 * scraped text holds 200,000 readings, and the allocations cost more than the search.
 */
export function eachInjectedReading(text: string, found: (start: number, end: number) => void): void {
  // The next `(` or `（`: two indexOf cursors, each moved only past the other's finds, so each is one native search
  // over the text (a scraped line holds dozens of readings). A closure, not an object: an object's class made the
  // optimised code be thrown away after each garbage collection (a 5 MB clean-up took 22 ms instead of 10).
  let half = text.indexOf('(');
  let full = text.indexOf('（');
  if (half < 0 && full < 0) return;
  const nextOpening = (from: number): number => {
    if (half >= 0 && half < from) half = text.indexOf('(', from);
    if (full >= 0 && full < from) full = text.indexOf('（', from);
    return half < 0 ? full : full < 0 || half < full ? half : full;
  };
  // Candidates: a syllable in parentheses after a Han character, or right after another candidate; for each, its
  // start, end, whether it carries a tone mark, and where the annotated character starts (for runs: 會(huì)議(yì)
  // has two readings one character apart).
  // Four numbers per candidate in one reused buffer (not four arrays per line): start, end, toned (0/1) and afterHan.
  let count = 0;
  let b = takeCandidates();
  // What READING matches, read by hand from each opening parenthesis.
  const n = text.length;
  for (let at = nextOpening(0); at >= 0; at = nextOpening(at + 1)) {
    let k = at + 1;
    let tone = false;
    let key = 0;
    while (k < n && k - at <= 8) {
      const c = text.charCodeAt(k);
      const letter = c < 0x200 ? READING_LETTER[c]! : 0;
      if (letter === 0) break;
      if (letter === 2) tone = true;
      key = key * 28 + BASE_LETTER[c]!;
      k++;
    }
    const letters = k - at - 1;
    const closer = text.charCodeAt(k);
    if (letters < 1 || letters > 7 || (closer !== 0x29 && closer !== 0xff09)) continue;
    const last = count - 1;
    const repeat = last >= 0 && b[last * 4 + 1] === at;
    // The character before, read as a code unit when it is in the common Han block (no string made for it).
    const unit = at > 0 ? text.charCodeAt(at - 1) : 0;
    const commonHan = isCommonHanUnit(unit);
    const before = commonHan ? undefined : codePointBefore(text, at);
    if (!commonHan && !isHan(before) && !repeat) continue;
    let syllable = syllableByKey.get(key);
    if (syllable === undefined) {
      syllable = isPinyinSyllable(text.slice(at + 1, k));
      if (syllableByKey.size < 20_000) syllableByKey.set(key, syllable);
    }
    if (syllable) {
      const o = count * 4;
      b = roomFor(b, o);
      b[o] = at;
      b[o + 1] = k + 1;
      b[o + 2] = tone ? 1 : 0;
      b[o + 3] = repeat ? b[last * 4 + 3]! : at - (commonHan ? 1 : (before?.length ?? 1));
      count++;
      at = k;
    }
  }
  // Readings of neighbouring characters form a run: the next annotated character starts right after a reading.
  for (let k = 0; k < count; k++) {
    const o = k * 4;
    const inRun = (k > 0 && (b[o - 3] === b[o + 3] || b[o - 1] === b[o + 3])) || (k + 1 < count && (b[o + 1] === b[o + 7] || b[o + 7] === b[o + 3]));
    if (b[o + 2] === 1 || inRun) found(b[o]!, b[o + 1]!);
  }
  // Given back only now: a search started by `found` takes a buffer of its own.
  releaseCandidates(b);
}

/** The text without injected readings, and a map from its offsets back to the input's. */
export function stripInjectedPinyin(text: string): { text: string; map: OffsetMap } {
  // The kept runs built as the readings are found (no list of ranges first): lines of scraped text hold dozens.
  // `withoutSortedRanges` does the same from lists of ranges; going through it made inference ~10% slower.
  const docStarts: number[] = [];
  const lengths: number[] = [];
  let kept = '';
  let last = 0;
  eachInjectedReading(text, (start, end) => {
    if (start > last) {
      docStarts.push(last);
      lengths.push(start - last);
      kept += text.slice(last, start);
    }
    last = end;
  });
  // Most lines have none: one shared map that keeps every offset, instead of a new one per line.
  if (last === 0) return { text, map: UNCHANGED };
  if (last < text.length) {
    docStarts.push(last);
    lengths.push(text.length - last);
    kept += text.slice(last);
  }
  return { text: kept, map: OffsetMap.fromKept(docStarts, lengths) };
}

/** The map of a text that lost nothing: every offset maps to itself, whatever the text's length. */
const UNCHANGED = new OffsetMap([{ docStart: 0, length: Number.MAX_SAFE_INTEGER }]);
