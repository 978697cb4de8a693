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

/** A syllable's letters, toneless (ü as v): an initial or none, then a final; or one of the syllables alone. */
const INITIALS = ['zh', 'ch', 'sh', ...'bpmfdtnlgkhjqxrzcsyw'];
const FINALS = [
  'iang', 'iong', 'uang', 'ueng', 'ang', 'eng', 'ing', 'ong', 'ian', 'iao', 'uai', 'uan', 'van', 'ai', 'ao', 'an', 'ei', 'en', 'er', 'ia', 'ie',
  'in', 'iu', 'ou', 'ua', 'ue', 'ui', 'un', 'uo', 've', 'vn', ...'aeiouv',
];
const ALONE = ['ng', 'n', 'm', 'hm', 'hng'];

/**
 * The letters of a reading, `[(（]([a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7})[)）]` (matched by hand), by char code:
 * 1 for a letter, 2 for one with a tone mark (ê and ü carry none). All lie below U+0200.
 */
const READING_LETTER = new Uint8Array(0x200);
for (let c = 0x61; c <= 0x7a; c++) READING_LETTER[c] = 1;
for (const ch of 'êü') READING_LETTER[ch.charCodeAt(0)] = 1;
for (const ch of 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ') READING_LETTER[ch.charCodeAt(0)] = 2;
/** Each letter without its tone mark, as 1–26 (a–z; ü is written v): a reading's letters make a number (< 27⁷). */
const BASE_LETTER = new Uint8Array(0x200);
for (let c = 0x61; c <= 0x7a; c++) BASE_LETTER[c] = c - 0x60;
for (const [ch, base] of Object.entries(TONE_FREE)) BASE_LETTER[ch.charCodeAt(0)] = base.charCodeAt(0) - 0x60;

/** The number a word's letters make: each letter's base (1–26) a digit in base 27. */
function letterKey(word: string): number {
  let key = 0;
  for (let k = 0; k < word.length; k++) key = key * 27 + BASE_LETTER[word.charCodeAt(k)]!;
  return key;
}

/** The longest syllables (zhuang, shuang) have six letters: their numbers are below 27⁶, within 31 bits. */
const MAX_SYLLABLE_LETTERS = 6;

/**
 * The numbers of every syllable, in a table of open addressing (0 = empty): a reading is looked up with a
 * multiplication and a read or two (a scraped text holds a reading every few characters; a Map cost more).
 */
const SYLLABLE_KEYS = new Int32Array(4096);
const slotOf = (key: number): number => Math.imul(key, 0x9e3779b1) >>> 20;
for (const syllable of [...INITIALS.flatMap((i) => FINALS.map((f) => i + f)), ...FINALS, ...ALONE]) {
  const key = letterKey(syllable);
  let slot = slotOf(key);
  while (SYLLABLE_KEYS[slot] !== 0 && SYLLABLE_KEYS[slot] !== key) slot = (slot + 1) & 4095;
  SYLLABLE_KEYS[slot] = key;
}

/** Whether the `letters` letters numbered `key` make a syllable. */
function isSyllableKey(key: number, letters: number): boolean {
  if (letters > MAX_SYLLABLE_LETTERS) return false;
  for (let slot = slotOf(key); ; slot = (slot + 1) & 4095) {
    const found = SYLLABLE_KEYS[slot]!;
    if (found === key) return true;
    if (found === 0) return false;
  }
}

/** Whether `word` is one pinyin syllable, with or without its tone mark. */
export function isPinyinSyllable(word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 0x200 || READING_LETTER[c] === 0) return false;
  }
  return word.length > 0 && isSyllableKey(letterKey(word), word.length);
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

/** A copy of `b` twice as long. */
function grownCopy(b: Int32Array): Int32Array {
  const grown = new Int32Array(b.length * 2);
  grown.set(b);
  return grown;
}

/** `b` with room for `used` + 4 numbers (doubled when full). */
function roomFor(b: Int32Array, used: number): Int32Array {
  return used + 4 <= b.length ? b : grownCopy(b);
}

/**
 * Calls `found` with each injected reading, in text order. Candidates are kept as numbers, not objects: a 5 MB
 * scraped text holds 200,000 readings, and the allocations cost more than the search.
 */
export function eachInjectedReading(text: string, found: (start: number, end: number) => void): void {
  const half = text.indexOf('(');
  const full = text.indexOf('（');
  if (half >= 0 || full >= 0) eachReadingFrom(text, half, full, found);
}

/** `eachInjectedReading` from the first `(` and `（` of the text (-1 for none). */
function eachReadingFrom(text: string, firstHalf: number, firstFull: number, found: (start: number, end: number) => void): void {
  // The next `(` or `（`: two indexOf cursors, each moved only past the other's finds, so each is one native search
  // over the text (a scraped line holds dozens of readings). A closure, not an object: an object's class made the
  // optimised code be thrown away after each garbage collection (a 5 MB clean-up took 22 ms instead of 10).
  let half = firstHalf;
  let full = firstFull;
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
      // Kept within 32 bits: exact up to six letters, and a longer word is no syllable.
      key = (key * 27 + BASE_LETTER[c]!) | 0;
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
    if (isSyllableKey(key, letters)) {
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

/** Kept runs of a stripped line (document start, length), in buffers reused from line to line. */
let keptStarts: Int32Array = new Int32Array(128);
let keptLengths: Int32Array = new Int32Array(128);

/** The text without injected readings, and a map from its offsets back to the input's. */
export function stripInjectedPinyin(text: string): { text: string; map: OffsetMap } {
  // Most lines have no parenthesis at all: one shared map that keeps every offset, and nothing made for them.
  const half = text.indexOf('(');
  const full = text.indexOf('（');
  if (half < 0 && full < 0) return { text, map: UNCHANGED };
  // The kept runs built as the readings are found (no list of ranges first): lines of scraped text hold dozens.
  // `withoutSortedRanges` does the same from lists of ranges; going through it made inference ~10% slower.
  let runs = 0;
  let last = 0;
  // The kept runs' text, concatenated: V8 makes a chain of the pieces and copies it once, when it is first read.
  // Pieces kept in an array and joined cost more (5 MB inference, same process: 23–28 ms joined, 19–23 chained).
  let kept = '';
  const keep = (from: number, to: number): void => {
    if (runs === keptStarts.length) {
      keptStarts = grownCopy(keptStarts);
      keptLengths = grownCopy(keptLengths);
    }
    keptStarts[runs] = from;
    keptLengths[runs] = to - from;
    kept += text.slice(from, to);
    runs++;
  };
  eachReadingFrom(text, half, full, (start, end) => {
    if (start > last) keep(last, start);
    last = end;
  });
  if (last === 0) return { text, map: UNCHANGED };
  if (last < text.length) keep(last, text.length);
  return { text: kept, map: OffsetMap.fromKept(keptStarts, keptLengths, runs) };
}

/** The map of a text that lost nothing: every offset maps to itself, whatever the text's length. */
const UNCHANGED = OffsetMap.identity(Number.MAX_SAFE_INTEGER);
