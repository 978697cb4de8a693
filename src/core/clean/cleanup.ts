import { plainEditsToDocument, type DocumentEdits } from '../markup/plainEdits';
import type { ParsedDocument } from '../markup/parse';
import { codePointAt, codePointBefore, isCommonHanUnit, isHan } from '../text/chars';
import type { TextEdit } from '../text/edits';
import { eachInjectedReading } from '../text/pinyin';

export type CleanupKind = 'removePinyin' | 'collapsePunctuation' | 'normalizePunctuation';

export const CLEANUP_KINDS: readonly CleanupKind[] = ['removePinyin', 'collapsePunctuation', 'normalizePunctuation'];

/** Removes readings injected by scraping: 會(huì)議 → 會議; (市、区) and (B區) stay. */
export function removePinyinEdits(text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  eachInjectedReading(text, (start, end) => edits.push({ start, end, newText: '' }));
  return edits;
}

/** Clause punctuation that scraping doubles: `,,`, `,。`, `,、`. */
const CLAUSE_MARKS = new Set([...',，、;；:：。']);
/** Which mark of a doubled pair survives: the stronger one (a full stop beats a comma); commas lose to all. */
const STRENGTH: Record<string, number> = { '。': 6, '；': 5, ';': 5, '：': 4, ':': 4, '、': 3, '，': 2, ',': 1 };

/**
 * Collapses runs of clause punctuation to one mark: `,,` → `,`, `,。` → `。`, `,、` → `、`. Only runs touching
 * Chinese text are touched: `1,,2`, `a;;b` and `for(;;)` are not prose and stay as they are.
 */
export function collapsePunctuationEdits(text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  // Runs of two marks or more, found by a regular expression (far faster than looking at every character).
  const runs = new RegExp(`[${[...CLAUSE_MARKS].join('')}]{2,}`, 'g');
  for (let m = runs.exec(text); m; m = runs.exec(text)) {
    const i = m.index;
    const j = i + m[0].length;
    if (!isChineseLeft(text, i) && !isChineseRight(text, j)) continue;
    let keep = i;
    for (let k = i + 1; k < j; k++) if (STRENGTH[text[k]!]! > STRENGTH[text[keep]!]!) keep = k;
    if (keep > i) edits.push({ start: i, end: keep, newText: '' });
    if (j > keep + 1) edits.push({ start: keep + 1, end: j, newText: '' });
  }
  return edits;
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '(': '（', ')': '）' };
/** Characters after which a half-width mark belongs to Chinese prose. */
const CJK_CLOSERS = new Set([...'”’」』》〉）】…—']);
const CJK_OPENERS = new Set([...'“‘「『《〈（【']);
const isAsciiWord = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

function isChineseLeft(text: string, i: number): boolean {
  const ch = codePointBefore(text, i);
  return isHan(ch) || (ch !== undefined && CJK_CLOSERS.has(ch));
}

function isChineseRight(text: string, i: number): boolean {
  const ch = codePointAt(text, i);
  return isHan(ch) || (ch !== undefined && CJK_OPENERS.has(ch));
}

/**
 * Half-width punctuation in Chinese prose becomes full-width: `,` → `，` next to Han characters, `(市、区)` →
 * `（市、区）`. Left alone: marks between ASCII letters or digits (1,000; 10:30), injected pinyin `(huì)`, and
 * parentheses whose content has no Chinese.
 */
export function normalizePunctuationEdits(text: string): TextEdit[] {
  const edits: TextEdit[] = [];
  // The next `)` and the next line break (LF or a lone CR) after a position, found once and reused until passed,
  // so a line with many `(` and no `)` is still scanned once (linear, not quadratic).
  let close = -2;
  let nextLf = -2;
  let nextCr = -2;
  let nextOpen = -2;
  // From one half-width mark to the next, found by a regular expression (far faster than looking at every character);
  // `test`, not `exec`: no match object per mark.
  const marks = /[,:;?!()]/g;
  while (marks.test(text)) {
    const i = marks.lastIndex - 1;
    const ch = text[i]!;
    const full = FULL_WIDTH[ch]!;
    if (ch === '(') {
      if (close !== -1 && close <= i) close = text.indexOf(')', i + 1);
      // Each kind of line break is searched for separately: a text without CR is then scanned for one only once.
      if (nextLf !== -1 && nextLf <= i) nextLf = text.indexOf('\n', i + 1);
      if (nextCr !== -1 && nextCr <= i) nextCr = text.indexOf('\r', i + 1);
      const lineEnd = nextLf < 0 ? nextCr : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
      if (nextOpen !== -1 && nextOpen <= i) nextOpen = text.indexOf('(', i + 1);
      if (close < 0 || (lineEnd >= 0 && lineEnd < close) || (nextOpen >= 0 && nextOpen < close)) continue;
      // Only now is the content read: such spans hold no other `(`, so they never overlap (linear in all).
      if (!/\p{Script=Han}/u.test(text.slice(i + 1, close))) continue;
      edits.push({ start: i, end: i + 1, newText: '（' }, { start: close, end: close + 1, newText: '）' });
      marks.lastIndex = close + 1;
      continue;
    }
    if (ch === ')') continue;
    // Neighbours read as code units: most are Han characters of the common block, told at once.
    const left = i > 0 ? text.charCodeAt(i - 1) : -1;
    const right = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
    if (isAsciiWord(left) && isAsciiWord(right)) continue;
    if (isCommonHanUnit(left) || isChineseLeft(text, i) || ((isCommonHanUnit(right) || isChineseRight(text, i + 1)) && !isAsciiWord(left))) edits.push({ start: i, end: i + 1, newText: full });
  }
  return edits;
}

const PLAIN_CLEANUPS: Record<CleanupKind, (plain: string) => TextEdit[]> = {
  removePinyin: removePinyinEdits,
  collapsePunctuation: collapsePunctuationEdits,
  normalizePunctuation: normalizePunctuationEdits,
};

/** Plans a clean-up of a document's text (markup is never touched), optionally limited to a document range. */
export function planCleanup(parsed: ParsedDocument, kind: CleanupKind, options: { range?: { start: number; end: number } } = {}): DocumentEdits {
  let plainEdits = PLAIN_CLEANUPS[kind](parsed.plain);
  if (options.range) {
    const from = parsed.map.toPlain(options.range.start);
    const to = parsed.map.toPlain(options.range.end);
    plainEdits = plainEdits.filter((e) => e.start >= from && e.end <= to);
  }
  return plainEditsToDocument(parsed, plainEdits);
}
