import { withoutRanges, type OffsetMap } from '../markup/offsetMap';
import { codePointBefore, isHan } from './chars';

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

const READING = /[(（]([a-zāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,7})[)）]/g;
const TONE_MARK = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ]/;

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
  if (text.indexOf('(') < 0 && text.indexOf('（') < 0) return [];
  // Candidates: a syllable in parentheses after a Han character, or right after another candidate.
  const candidates: (TextRange & { toned: boolean; afterHan: number })[] = [];
  READING.lastIndex = 0;
  for (let m = READING.exec(text); m; m = READING.exec(text)) {
    const before = codePointBefore(text, m.index);
    const repeat = candidates.length > 0 && candidates[candidates.length - 1]!.end === m.index;
    if ((isHan(before) || repeat) && isPinyinSyllable(m[1]!)) {
      // Where the annotated character starts (for runs: 會(huì)議(yì) has two readings one character apart).
      const afterHan = repeat ? candidates[candidates.length - 1]!.afterHan : m.index - (before?.length ?? 1);
      candidates.push({ start: m.index, end: m.index + m[0].length, toned: TONE_MARK.test(m[1]!), afterHan });
    }
  }
  // Readings of neighbouring characters form a run: the next annotated character starts right after a reading.
  const inRun = (k: number): boolean => {
    const c = candidates[k]!;
    const prev = candidates[k - 1];
    const next = candidates[k + 1];
    return (prev !== undefined && (prev.end === c.afterHan || prev.afterHan === c.afterHan)) || (next !== undefined && (c.end === next.afterHan || next.afterHan === c.afterHan));
  };
  return candidates.filter((c, k) => c.toned || inRun(k)).map(({ start, end }) => ({ start, end }));
}

/** The text without injected readings, and a map from its offsets back to the input's. */
export function stripInjectedPinyin(text: string): { text: string; map: OffsetMap } {
  return withoutRanges(text, findInjectedPinyin(text).map((r) => [r.start, r.end] as const));
}
