import type { ParsedDocument } from '../markup/parse';
import type { DocOffset, Mutable } from '../markup/types';
import { stripInjectedPinyin } from '../text/pinyin';
import { firstStartingAt } from '../text/ranges';
import { lastOf } from '../text/arrays';
import { ownCopy } from '../text/chars';
import { isHighSurrogate, isLowSurrogate } from '../text/edits';
import { closesFence, fenceOpenedBy, findHeading, holdsFenceLine, mayBeHeading, stripMarkdownLine, type CodeFence } from './structure';
import { DEFAULT_RULES, type DirectiveForce, type DirectiveRules } from './rules';

export type DirectiveKind = 'heading' | 'section' | 'directive';

export type { DirectiveForce } from './rules';

export interface DirectiveItem {
  readonly kind: DirectiveKind;
  /** The 要 of a directive, or the first character of a section's trigger. */
  readonly anchor: DocOffset;
  readonly start: DocOffset;
  readonly end: DocOffset;
  /** At most 40 characters, pinyin and markup removed. */
  readonly label: string;
  /** Anchor of the section the item lies in, if any. */
  readonly section?: DocOffset;
  /** True for 不要 directives (force `mustNot`). */
  readonly negative?: boolean;
  /** For directives: what it asks (要: must; 不要: mustNot; with the modal families also encourage and may). */
  readonly force?: DirectiveForce;
  /** For sections: the trigger as written, e.g. 全会提出. */
  readonly trigger?: string;
  /** For headings: 1 for 一、 (and 第X章, #), 2 for （一）, 3 for 1. and (1). */
  readonly level?: number;
  /** Anchor of the heading the item lies under, if any. */
  readonly heading?: DocOffset;
}

/** How to read the document: Markdown syntax is not text (`.md` files). */
export interface InferOptions {
  readonly markdown?: boolean;
}

export const MAX_LABEL_LENGTH = 40;

/**
 * What each character is to the rules, by code unit: one table read per character (the hot loops read code units; a
 * Set of one-character strings costs a string per Han character read, a Set of numbers a hash lookup).
 */
const BORDER = 1;
const LEAD = 2;
const CLOSING_MARK = 4;
const AFTER_TRIGGER = 8;
const CHAR_CLASS = new Uint8Array(0x10000);
const classify = (chars: string, flag: number): void => {
  for (const ch of chars) CHAR_CLASS[ch.charCodeAt(0)]! |= flag;
};
/**
 * Clause borders. `、` is not one: it separates items inside a subject (区委、区政府要…). An opening quote starts a
 * clause (「黨政機關要堅持過緊日子」).
 */
classify('，,。！？；;!?：:\n\r「『“', BORDER);
/** Skipped at the start of a clause: indentation (U+3000, NBSP), quotes. */
classify(' \t\u3000\u00a0“”"‘’「」『』', LEAD);
/** The marks that close a sentence (left out of a directive's label). */
classify('。！？；;!?', CLOSING_MARK);
/** Between a section's trigger and its label. */
classify('，,：:了 \u3000', AFTER_TRIGGER);
/** White space as `\s` reads it (U+3000 and NBSP included): left out of labels. */
const SPACE = 16;
classify(' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff', SPACE);
/** The first half of a surrogate pair: a character outside the BMP, which a label counts as one. */
const PAIR_START = 32;
CHAR_CLASS.fill(PAIR_START, 0xd800, 0xdc00);
const is = (code: number, flag: number): boolean => (CHAR_CLASS[code]! & flag) !== 0;
/**
 * An opening quote starts a clause when the 要 lies inside the quotation (举行「党政机关要坚持…」), not when the
 * quotation closes before it (特别是“十五五”时期要实现… is one clause).
 */
const closingQuoteOf = (code: number): number | undefined => (code === 0x300c ? 0x300d /* 」 */ : code === 0x300e ? 0x300f /* 』 */ : code === 0x201c ? 0x201d /* ” */ : undefined);
const SENTENCE_END = new Set([...'。！？；;!?\n\r']);

/** An item as the rules find it, in the line's text without pinyin; moved to the line's offsets in place. */
type RawItem = Mutable<LineItem>;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A character class matching any of the characters given (code points, under the `u` flag; units without it). */
function charClass(chars: Iterable<string>): string {
  return `[${[...chars].map(escapeRegExp).join('').replace(/-/g, '\\-')}]`;
}

function alternation(words: readonly string[]): string {
  // Longest first, so that 全体会议 wins over 会议 and 进一步 over 一.
  return [...new Set(words)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}

/**
 * Words containing 要 (exclusions such as 重要, modal words such as 务必要), looked up by the character next to the
 * 要: a 要 is checked against the two or three words that could hold it, not against every word of the list.
 */
class WordsAround要 {
  /** By the code unit before the 要 (key 2·unit) or, for words that start with it, after it (2·unit + 1). */
  private readonly byNeighbour = new Map<number, { word: string; offset: number }[]>();
  /** By code unit: 1 when some word has it before the 要, 2 after: most 要 are told apart by one table read. */
  private readonly neighbours = new Uint8Array(0x10000);
  /** Words that are 要 alone (a user's exclusion may be): they hold every 要. */
  private readonly alone: { word: string; offset: number }[] = [];

  constructor(words: readonly { word: string; offset: number }[]) {
    for (const w of words) {
      // The unit before the 要 when there is one, else the unit after it.
      const key = w.offset > 0 ? w.word.charCodeAt(w.offset - 1) * 2 : w.word.length > 1 ? w.word.charCodeAt(w.offset + 1) * 2 + 1 : undefined;
      if (key === undefined) this.alone.push(w);
      else {
        this.byNeighbour.set(key, [...(this.byNeighbour.get(key) ?? []), w]);
        this.neighbours[key >> 1]! |= key & 1 ? 2 : 1;
      }
    }
  }

  /** True when one of the words holds the 要 at `pos` of `text`. */
  matchAt(text: string, pos: number): boolean {
    if (this.alone.length > 0) return true;
    const unitBefore = pos > 0 ? text.charCodeAt(pos - 1) : -1;
    if (unitBefore >= 0 && (this.neighbours[unitBefore]! & 1) !== 0) {
      for (const { word, offset } of this.byNeighbour.get(unitBefore * 2)!) if (text.startsWith(word, pos - offset)) return true;
    }
    const unitAfter = pos + 1 < text.length ? text.charCodeAt(pos + 1) : -1;
    if (unitAfter >= 0 && (this.neighbours[unitAfter]! & 2) !== 0) {
      for (const { word, offset } of this.byNeighbour.get(unitAfter * 2 + 1)!) if (text.startsWith(word, pos - offset)) return true;
    }
    return false;
  }
}

/**
 * Words that may end a subject (进一步, 一定, 都…: 各级党委都要), looked up by their last code unit: taken off the end of
 * a clause's text before its 要 without a copy of it (a regular expression anchored at the end tries every position).
 */
class SuffixWords {
  /** By last code unit, longest first. */
  private readonly byLast = new Map<number, string[]>();

  constructor(words: readonly string[]) {
    for (const word of [...new Set(words)].filter((w) => w.length > 0).sort((a, b) => b.length - a.length)) {
      const last = word.charCodeAt(word.length - 1);
      this.byLast.set(last, [...(this.byLast.get(last) ?? []), word]);
    }
  }

  /** Where `text[from, to)` ends with every such word taken off its end, one after another (都还要 → 都还 → 都 → ''). */
  strippedEnd(text: string, from: number, to: number): number {
    let end = to;
    for (;;) {
      const words = end > from ? this.byLast.get(text.charCodeAt(end - 1)) : undefined;
      const word = words?.find((w) => w.length <= end - from && text.startsWith(w, end - w.length));
      if (word === undefined) return end;
      end -= word.length;
    }
  }
}

/** What follows a trigger (全会提出了, 他强调：): every pattern that finds triggers ends with it. */
const TRIGGER_FOLLOWER = '(?=了|[，,：:])';

/** Compiled form of a rule set; compiled once per rule set and reused. */
class CompiledRules {
  readonly verbFinder: RegExp;
  readonly assemblyPrefix: RegExp;
  readonly speakerPrefix: RegExp;
  readonly extraFinder: RegExp | undefined;
  readonly assemblyVerbs: Set<string>;
  readonly speakerVerbs: Set<string>;
  readonly notSpeakers: Set<string>;
  readonly exclusions: WordsAround要;
  readonly modalWords: WordsAround要;
  readonly modalSuffix: SuffixWords;
  /** Modal words of the other families (when enabled), longest first, with their force. */
  readonly families: { word: string; force: DirectiveForce }[];
  /** Finds any of the families' words (longest first); and each word's family. */
  readonly familyFinder: RegExp | undefined;
  readonly familyOf = new Map<string, { word: string; force: DirectiveForce }>();
  readonly lookBehind: number;
  /** Triggers met so far, each kept once (全会指出 recurs through a document; up to SHARED_LIMIT different ones). */
  private readonly triggers = new Map<string, string>();
  /** Cheap pre-check: a line without the first character of any verb or extra trigger has no section. */
  readonly mayHaveTrigger: (line: string) => boolean;
  /** A trigger as the section rules first find one (a verb, or an extra trigger, before 了 or a colon or comma). */
  readonly hasTrigger: (line: string) => boolean;
  /** With the modal families on: a line holding the first character of one of their words. */
  readonly mayHaveModalWord: (line: string) => boolean;

  constructor(readonly rules: DirectiveRules) {
    const verbs = [...rules.assemblyVerbs, ...rules.speakerVerbs];
    this.verbFinder = new RegExp(`(?:${alternation(verbs)})${TRIGGER_FOLLOWER}`, 'g');
    const adverb = `(?:${alternation(rules.triggerAdverbs)})?`;
    this.assemblyPrefix = new RegExp(`^(?:${alternation(rules.assemblySubjects)})${adverb}$`);
    this.speakerPrefix = new RegExp(`^(\\p{Script=Han}{1,${rules.maxSpeakerLength}}?)${adverb}$`, 'u');
    this.extraFinder = rules.extraTriggers.length > 0 ? new RegExp(`(?:${alternation(rules.extraTriggers)})${TRIGGER_FOLLOWER}`, 'g') : undefined;
    this.assemblyVerbs = new Set(rules.assemblyVerbs);
    this.speakerVerbs = new Set(rules.speakerVerbs);
    this.notSpeakers = new Set(rules.notSpeakers);
    const at要 = (words: readonly string[]): { word: string; offset: number }[] =>
      [...new Set(words)].map((word) => ({ word, offset: word.indexOf('要') })).filter((x) => x.offset >= 0);
    this.exclusions = new WordsAround要(at要(rules.exclusions));
    this.modalWords = new WordsAround要(at要(rules.modalWords));
    this.modalSuffix = new SuffixWords(rules.modalPrefixes);
    this.families = rules.modalFamiliesEnabled
      ? (Object.entries(rules.modalFamilies) as [DirectiveForce, readonly string[]][]).flatMap(([force, words]) => words.map((word) => ({ word, force }))).sort((a, b) => b.word.length - a.word.length)
      : [];
    for (const f of this.families) if (!this.familyOf.has(f.word)) this.familyOf.set(f.word, f);
    this.familyFinder = this.families.length > 0 ? new RegExp(alternation(this.families.map((f) => f.word)), 'g') : undefined;
    const longest = (list: readonly string[]): number => list.reduce((m, w) => Math.max(m, w.length), 0);
    // One search for any of the first characters (not one search per character).
    const firstChars = [...new Set([...rules.assemblyVerbs, ...rules.speakerVerbs, ...rules.extraTriggers].map((w) => String.fromCodePoint(w.codePointAt(0)!)))];
    const anyFirst = new RegExp(charClass(firstChars), 'u');
    this.mayHaveTrigger = (line) => anyFirst.test(line);
    const anyTrigger = new RegExp(`(?:${alternation([...verbs, ...rules.extraTriggers])})${TRIGGER_FOLLOWER}`);
    this.hasTrigger = (line) => anyTrigger.test(line);
    const modalFirst = this.families.length > 0 ? new RegExp(charClass(new Set(this.families.map((f) => f.word[0]!)))) : undefined;
    this.mayHaveModalWord = (line) => modalFirst !== undefined && modalFirst.test(line);
    this.lookBehind = Math.max(longest(rules.assemblySubjects), rules.maxSpeakerLength) + longest(rules.triggerAdverbs) + 2;
  }

  /**
   * The trigger as kept before, if it was: one string for all items of the same trigger, instead of one per item (a
   * document of many sections held a string per section, which its items kept alive).
   */
  shared(trigger: string): string {
    const known = this.triggers.get(trigger);
    if (known !== undefined) return known;
    if (this.triggers.size >= SHARED_LIMIT) this.triggers.clear();
    // Kept as a string of its own: a slice would keep the text it was cut from alive as long as the rules.
    const own = ownCopy(trigger);
    this.triggers.set(own, own);
    return own;
  }
}

/** How many different triggers a rule set keeps to share (then it starts again: the text, not the rules, makes them). */
const SHARED_LIMIT = 1000;

const compiledCache = new WeakMap<DirectiveRules, CompiledRules>();

function compile(rules: DirectiveRules): CompiledRules {
  let compiled = compiledCache.get(rules);
  if (!compiled) {
    compiled = new CompiledRules(rules);
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

/**
 * Start of the clause that contains `pos`, looking back at most `limit` characters; -1 when the clause starts
 * further back than that (its subject would be too long to be one).
 */
function clauseStart(text: string, pos: number, limit: number): number {
  let k = pos - 1;
  // Counted in characters, as subjects are (a pair of surrogates is one): counted in code units, a subject of more
  // than ~19 characters outside the BMP was out of reach.
  for (let chars = 0; k >= 0; k--, chars++) {
    if (chars === limit) return -1;
    const c = text.charCodeAt(k);
    if (isLowSurrogate(c) && k > 0 && isHighSurrogate(text.charCodeAt(k - 1))) {
      k--;
      continue;
    }
    if (!is(c, BORDER)) continue;
    const closer = closingQuoteOf(c);
    // Looked for between the quote and `pos` only: a search to the end of the line read the rest of the line again
    // for every clause after a quotation left open (a line of “各级要做， took seconds).
    if (closer !== undefined && holdsUnitBetween(text, closer, k + 1, pos)) continue;
    break;
  }
  let start = k + 1;
  while (start < pos && is(text.charCodeAt(start), LEAD)) start++;
  return start;
}

/** Whether `text[from, to)` holds the code unit `unit` (read unit by unit: the range is part of one clause). */
function holdsUnitBetween(text: string, unit: number, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === unit) return true;
  return false;
}

/**
 * The last line break found, reused for later positions before it (many sections on one line stay linear); the last
 * sentence end likewise (queries come in text order: linear per line). Kept as numbers: a query makes no object.
 */
let breakText: string | undefined;
let breakFrom = 0;
let breakAt = -1;

function paragraphEnd(text: string, pos: number): number {
  if (breakText !== text || pos < breakFrom || pos > breakAt) {
    const found = text.indexOf('\n', pos);
    breakText = text;
    breakFrom = pos;
    breakAt = found < 0 ? text.length : found;
  }
  return breakAt > pos && text.charCodeAt(breakAt - 1) === 0x0d ? breakAt - 1 : breakAt;
}

/** The characters that end a sentence, found by one regular expression (not a test per character). */
const SENTENCE_END_AT = new RegExp(charClass(SENTENCE_END), 'g');

let sentenceText: string | undefined;
let sentenceFrom = 0;
/** The mark that ends the sentence found last (the text's length when none does), and where that sentence ends. */
let sentenceMark = -1;
let sentenceEndAt = 0;

/** Where the sentence holding `pos` ends: after its closing mark, or at the line break or the end that ends it. */
function sentenceEnd(text: string, pos: number): number {
  if (sentenceText === text && sentenceFrom <= pos && pos <= sentenceMark) return sentenceEndAt;
  let mark = text.length;
  let end = text.length;
  SENTENCE_END_AT.lastIndex = pos;
  // `test`, not `exec`: no match object per mark.
  while (SENTENCE_END_AT.test(text)) {
    const k = SENTENCE_END_AT.lastIndex - 1;
    const c = text.charCodeAt(k);
    // A half-width ? or ! directly followed by a letter or digit is mojibake from scraping (勇?lián), not an end.
    if ((c === 0x3f || c === 0x21) && isAsciiLetterOrDigit(text.charCodeAt(k + 1))) continue;
    mark = k;
    end = c === 0x0a || c === 0x0d ? k : k + 1;
    break;
  }
  sentenceText = text;
  sentenceFrom = pos;
  sentenceMark = mark;
  sentenceEndAt = end;
  return end;
}

/** Forgets the line the ends were found in: it may be a slice of a whole document, which it would keep alive. */
function forgetLine(): void {
  breakText = undefined;
  sentenceText = undefined;
}

const isAsciiLetterOrDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Whether the sentence of `pos` that `sentenceEnd` ends at `end` is a question (its mark, ？ or ?, lies after `pos`). */
function isQuestion(text: string, pos: number, end: number): boolean {
  const c = text.charCodeAt(end - 1);
  return end > pos && (c === 0xff1f || c === 0x3f);
}

const SPACES = /[\s\u3000\u00a0]+/g;

/** The code units of the character at `k` of `text`, read no further than `to`: 2 for a surrogate pair, else 1. */
function unitsOfCharAt(text: string, k: number, to: number): number {
  return isHighSurrogate(text.charCodeAt(k)) && k + 1 < to && isLowSurrogate(text.charCodeAt(k + 1)) ? 2 : 1;
}

/** The characters (code points) in `text[from, to)`. */
function charCount(text: string, from: number, to: number): number {
  let chars = 0;
  for (let k = from; k < to; k += unitsOfCharAt(text, k, to)) chars++;
  return chars;
}

/**
 * The text without white space, cut to `MAX_LABEL_LENGTH` characters (the last one `…` when cut). Reads only as far
 * as the label reaches: a clause may run over a whole one-line document, and a label is made for every item.
 */
export function makeLabel(text: string): string {
  return labelBetween(text, 0, text.length);
}

/** `makeLabel` of `text.slice(from, to)`, without making that slice (a label is made for every item). */
function labelBetween(text: string, from: number, to: number): string {
  // Most labels hold no space and no character outside the BMP: one table read per unit up to the limit.
  const reach = Math.min(to, from + MAX_LABEL_LENGTH + 1);
  let plainRun = from;
  while (plainRun < reach && !is(text.charCodeAt(plainRun), SPACE | PAIR_START)) plainRun++;
  if (plainRun === reach) return to - from <= MAX_LABEL_LENGTH ? text.slice(from, to) : text.slice(from, from + MAX_LABEL_LENGTH - 1) + '…';
  let chars = 0;
  let cut = from;
  let spaces = false;
  let k = from;
  while (k < to) {
    const c = text.charCodeAt(k);
    if (is(c, SPACE)) {
      spaces = true;
      k++;
      continue;
    }
    if (chars === MAX_LABEL_LENGTH - 1) cut = k;
    // A character past the limit: the label is cut before its last character, which `…` replaces.
    if (chars === MAX_LABEL_LENGTH) return (spaces ? text.slice(from, cut).replace(SPACES, '') : text.slice(from, cut)) + '…';
    chars++;
    // A character outside the BMP is two units and counts as one.
    k += unitsOfCharAt(text, k, to);
  }
  const whole = text.slice(from, to);
  return spaces ? whole.replace(SPACES, '') : whole;
}

/** The section that the trigger `verb` found at `verbAt` opens, if its clause reads as one (added to `found`). */
function considerTrigger(text: string, c: CompiledRules, found: RawItem[], verbAt: number, verb: string, fixedTrigger: boolean): void {
  const start = clauseStart(text, verbAt, c.lookBehind);
  if (start < 0) return;
  const verbEnd = verbAt + verb.length;
  const subject = text.slice(start, verbAt);
  let ok = fixedTrigger && subject === '';
  if (!ok && !fixedTrigger) {
    if (c.assemblyVerbs.has(verb) && c.assemblyPrefix.test(subject)) ok = true;
    else if (c.speakerVerbs.has(verb)) {
      const m = c.speakerPrefix.exec(subject);
      ok = m !== null && !c.notSpeakers.has(m[1]!) && !c.notSpeakers.has(subject);
    }
  }
  if (!ok) return;
  let labelStart = verbEnd;
  while (labelStart < text.length && is(text.charCodeAt(labelStart), AFTER_TRIGGER)) labelStart++;
  const labelEnd = sentenceEnd(text, labelStart);
  const trigger = c.shared(text.slice(start, verbEnd));
  found.push({
    kind: 'section',
    anchor: start,
    start,
    end: paragraphEnd(text, start),
    label: labelBetween(text, labelStart, labelEnd) || makeLabel(trigger),
    trigger,
  });
}

function findSections(text: string, c: CompiledRules): RawItem[] {
  const found: RawItem[] = [];
  c.verbFinder.lastIndex = 0;
  for (let m = c.verbFinder.exec(text); m; m = c.verbFinder.exec(text)) considerTrigger(text, c, found, m.index, m[0], false);
  if (c.extraFinder) {
    c.extraFinder.lastIndex = 0;
    for (let m = c.extraFinder.exec(text); m; m = c.extraFinder.exec(text)) considerTrigger(text, c, found, m.index, m[0], true);
  }
  if (found.length <= 1) return found;
  found.sort((a, b) => a.start - b.start);
  // A second trigger in the same paragraph ends the section before it.
  const unique = found.filter((s, i) => i === 0 || s.start !== found[i - 1]!.start);
  for (let i = 0; i + 1 < unique.length; i++) unique[i]!.end = Math.min(unique[i]!.end, unique[i + 1]!.start);
  return unique;
}

function isExcluded(text: string, pos: number, c: CompiledRules): boolean {
  return !c.modalWords.matchAt(text, pos) && c.exclusions.matchAt(text, pos);
}

/**
 * With the modal families on: clauses with 必须, 不得, 鼓励, 可以… (and no 要 directive of their own) are
 * directives too, anchored at the modal word, with its force.
 */
function addFamilyDirectives(text: string, c: CompiledRules, found: RawItem[], limit: number): void {
  const clauses = new Set(found.map((d) => d.start));
  const extra: RawItem[] = [];
  // One search for any of the words (longest first), not a comparison with every word at every character.
  const finder = c.familyFinder!;
  finder.lastIndex = 0;
  for (let m = finder.exec(text); m; m = finder.exec(text)) {
    const pos = m.index;
    const family = c.familyOf.get(m[0])!;
    const after = text.charCodeAt(pos + family.word.length);
    // Not a match: the next search starts at the character after the word's first, as a scan by position would.
    finder.lastIndex = pos + 1;
    if (Number.isNaN(after) || is(after, BORDER) || after === 0x8981 /* 要 */) continue;
    const start = clauseStart(text, pos, limit);
    if (start < 0 || clauses.has(start)) continue;
    const end = sentenceEnd(text, pos);
    if (isQuestion(text, pos, end)) continue;
    clauses.add(start);
    extra.push(directiveItem(pos, start, end, family.force));
    finder.lastIndex = pos + family.word.length;
  }
  for (const item of extra) found.push(item);
  found.sort((a, b) => a.start - b.start || a.anchor - b.anchor);
}

/** A directive as found, its label still to be made: `negative` set only for 不要 (the items' published shape). */
function directiveItem(anchor: number, start: number, end: number, force: DirectiveForce): RawItem {
  const item: RawItem = { kind: 'directive', anchor, start, end, label: '', force };
  if (force === 'mustNot') item.negative = true;
  return item;
}

function findDirectives(text: string, c: CompiledRules): RawItem[] {
  const found: RawItem[] = [];
  const limit = c.rules.maxSubjectLength + 8;
  let lastClause = -1;
  for (let pos = text.indexOf('要'); pos >= 0; pos = text.indexOf('要', pos + 1)) {
    if (pos + 1 >= text.length || is(text.charCodeAt(pos + 1), BORDER)) continue;
    if (isExcluded(text, pos, c)) continue;
    const start = clauseStart(text, pos, limit);
    if (start < 0 || start === lastClause) continue;
    // The subject: the clause's text before the 要, without the modal words that end it (…都要, …一定要).
    const subjectEnd = c.modalSuffix.strippedEnd(text, start, pos);
    // Counted in characters, which are counted only when the units alone say it may be too long.
    if (subjectEnd - start > c.rules.maxSubjectLength && charCount(text, start, subjectEnd) > c.rules.maxSubjectLength) continue;
    const end = sentenceEnd(text, pos);
    if (isQuestion(text, pos, end)) continue;
    lastClause = start;
    const negative = pos > start && text.charCodeAt(pos - 1) === 0x4e0d; /* 不 */
    found.push(directiveItem(pos, start, end, negative ? 'mustNot' : 'must'));
  }
  if (c.families.length > 0) addFamilyDirectives(text, c, found, limit);
  // A directive also ends where the next one starts; the separator between them stays outside both.
  for (let i = 0; i < found.length; i++) {
    const item = found[i]!;
    const following = found[i + 1];
    if (following && following.start < item.end) {
      let end = following.start;
      while (end > item.start && (is(text.charCodeAt(end - 1), BORDER | LEAD) || text.charCodeAt(end - 1) === 0x3001)) end--;
      item.end = end;
    }
    // Without the sentence's closing mark.
    const end = item.end > item.start && is(text.charCodeAt(item.end - 1), CLOSING_MARK) ? item.end - 1 : item.end;
    item.label = labelBetween(text, item.start, end);
  }
  return found;
}

/** Items of one line of plain text, offsets relative to the line (injected pinyin already mapped back). */
export interface LineItem {
  readonly kind: DirectiveKind;
  readonly anchor: number;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly negative?: boolean;
  readonly force?: DirectiveForce;
  readonly trigger?: string;
  readonly level?: number;
  /** For directives: anchor (in the line) of the section they belong to. */
  readonly section?: number;
}

const RANK: Record<DirectiveKind, number> = { heading: 0, section: 1, directive: 2 };

/** The items of a line that holds nothing to infer (shared: most lines of a document). */
const NO_ITEMS: readonly LineItem[] = Object.freeze([]);

/** Document order: by start, a heading before a section before a directive, then by anchor. */
function byPosition(a: { start: number; kind: DirectiveKind; anchor: number }, b: { start: number; kind: DirectiveKind; anchor: number }): number {
  return a.start - b.start || RANK[a.kind] - RANK[b.kind] || a.anchor - b.anchor;
}

/**
 * Cache of per-line results, keyed by the line's plain text. Every rule works inside one line (clauses, sentences
 * and sections all end at a line break), so a line's items depend on its text alone: after an edit only the
 * changed lines are inferred again. Pass the same object for successive versions of a document.
 */
export class InferenceCache {
  lines = new Map<string, readonly LineItem[]>();
  rules: DirectiveRules | undefined;
  markdown: boolean | undefined;
}

function inferLine(linePlain: string, c: CompiledRules, options: InferOptions): LineItem[] {
  // Markdown syntax (`> `, `- `, `**`) is not text; a heading marker (一、, （一）) does not hide a clause start.
  const md = options.markdown ? stripMarkdownLine(linePlain) : undefined;
  const base = md ? md.text : linePlain;
  const heading = findHeading(base, !!options.markdown);
  const body = heading ? ' '.repeat(heading.bodyStart) + base.slice(heading.bodyStart) : base;
  const { text: norm, map } = stripInjectedPinyin(body);
  const sections = heading?.markdown ? [] : findSections(norm, c);
  const directives = heading?.markdown ? [] : findDirectives(norm, c);
  forgetLine();
  // The section each directive lies in, while both are in the same offsets.
  // Indexed loops here and in `placeLineItems`: they run per line, and `for…of` made an iterator each time.
  for (let i = 0, k = 0; i < directives.length; i++) {
    const d = directives[i]!;
    while (k < sections.length && sections[k]!.end <= d.anchor) k++;
    if (k < sections.length && sections[k]!.start <= d.anchor) d.section = sections[k]!.anchor;
  }
  // The items found are moved to the line's offsets in place (no second object per item: a one-line document may
  // hold hundreds of thousands), and only when pinyin or Markdown was taken out.
  if (md || !map.isIdentity) {
    const startOf = (o: number): number => (md ? md.map.toDoc(map.toDoc(o, 'after'), 'after') : map.toDoc(o, 'after'));
    const endOf = (o: number): number => (md ? md.map.toDoc(map.toDoc(o, 'before'), 'before') : map.toDoc(o, 'before'));
    for (let i = 0; i < sections.length + directives.length; i++) {
      const x = i < sections.length ? sections[i]! : directives[i - sections.length]!;
      x.anchor = startOf(x.anchor);
      x.start = startOf(x.start);
      x.end = endOf(x.end);
      if (x.section !== undefined) x.section = startOf(x.section);
      // Cut from the line without pinyin: copied, so that the items do not keep every such line alive.
      x.label = ownCopy(x.label);
      if (x.trigger !== undefined) x.trigger = ownCopy(x.trigger);
    }
  }
  // Most lines hold one kind of item: its list is the line's (no copy of a one-line document's every item).
  if (!heading && (sections.length === 0 || directives.length === 0)) return inOrder(sections.length === 0 ? directives : sections);
  const items: LineItem[] = [];
  if (heading) {
    const { text: title } = stripInjectedPinyin(base.slice(heading.bodyStart, heading.titleEnd));
    const toLine = (o: number, bias: 'before' | 'after'): number => (md ? md.map.toDoc(o, bias) : o);
    items.push({
      kind: 'heading', anchor: toLine(heading.start, 'after'), start: toLine(heading.start, 'after'), end: toLine(heading.titleEnd, 'before'),
      label: makeLabel(title) || makeLabel(base.slice(heading.start, heading.titleEnd)), level: heading.level,
    });
  }
  // A loop, not push(...spread): a one-line document may hold hundreds of thousands of sections.
  for (let i = 0; i < sections.length; i++) items.push(sections[i]!);
  for (let i = 0; i < directives.length; i++) items.push(directives[i]!);
  // Sorted once here, where lines are cached, so that a document's items come out in order without a sort per pause
  // (the lists are in order but for quotes: 「…要…」…要 — the sort merges sorted runs in linear time).
  return inOrder(items);
}

/** The items sorted in document order (in place). */
function inOrder<T extends LineItem>(items: T[]): T[] {
  // Most lines' items are in order already: checked in one pass, sorted only when not.
  for (let k = 1; k < items.length; k++) if (byPosition(items[k - 1]!, items[k]!) > 0) return items.sort(byPosition);
  return items;
}

/**
 * Whether a line may hold an item: a 要, a trigger, a modal word (when their families are on) or a heading. Most
 * lines of a document hold none, and telling them apart costs a few searches instead of the rules. A trigger is
 * looked for as the rules find it when nothing can come between its characters; where injected pinyin (提(tí)出)
 * or Markdown (**提出**) may, its first character is enough. A line that starts like a heading (a digit, 一, 第)
 * is one only if a heading pattern matches it: dates, figures and numbered text start so too.
 */
function lineMayHoldItems(line: string, c: CompiledRules, markdown: boolean): boolean {
  if (line.includes('要') || c.mayHaveModalWord(line)) return true;
  if (c.mayHaveTrigger(line) && (markdown || line.includes('(') || line.includes('（') || c.hasTrigger(line))) return true;
  if (!mayBeHeading(line, markdown)) return false;
  return markdown || findHeading(line, false) !== undefined;
}

/** The items of a line: inferred only if the line may hold any. */
function lineItemsOf(line: string, c: CompiledRules, options: InferOptions): readonly LineItem[] {
  return lineMayHoldItems(line, c, !!options.markdown) ? inferLine(line, c, options) : NO_ITEMS;
}

/** The items of one line with every rule run, whatever the pre-check says: what `lineMayHoldItems` must agree with. */
export function inferEveryRuleOnLine(line: string, rules: DirectiveRules = DEFAULT_RULES, options: InferOptions = {}): readonly LineItem[] {
  return inferLine(line, compile(rules), options);
}

/** Open headings, outermost first: an item lies under the innermost; a heading closes those of its level or deeper. */
type OpenHeadings = { level: number; anchor: number }[];

/** Files `item` under the open headings (and opens it, if it is a heading): the innermost heading it lies under. */
function underHeading(open: OpenHeadings, kind: DirectiveKind, level: number | undefined, anchor: number): number | undefined {
  if (kind === 'heading') while (open.length > 0 && open[open.length - 1]!.level >= level!) open.pop();
  const under = lastOf(open)?.anchor;
  if (kind === 'heading') open.push({ level: level!, anchor });
  return under;
}

/**
 * The items of a line in document offsets, appended to `out`. Items inferred for this call alone (`own`: not kept in
 * a cache) become the document's items in place, without a copy: a big first inference makes one object per item.
 */
function placeLineItems(lineItems: readonly LineItem[], parsed: ParsedDocument, lineStart: number, base: number, open: OpenHeadings, out: DirectiveItem[], own: boolean): void {
  const map = parsed.map;
  // A document without markup maps every offset to itself: no search per offset (most documents, every item).
  const same = map.isIdentity;
  for (let i = 0; i < lineItems.length; i++) {
    const item = lineItems[i]!;
    const anchor = base + (same ? lineStart + item.anchor : map.toDoc(lineStart + item.anchor, 'after'));
    const start = base + (same ? lineStart + item.start : map.toDoc(lineStart + item.start, 'after'));
    const end = base + (same ? lineStart + item.end : map.toDoc(lineStart + item.end, 'before'));
    const section = item.section === undefined ? undefined : base + (same ? lineStart + item.section : map.toDoc(lineStart + item.section, 'after'));
    const under = underHeading(open, item.kind, item.level, anchor);
    let placed: Mutable<DirectiveItem>;
    if (own) {
      placed = item as Mutable<LineItem>;
      placed.anchor = anchor;
      placed.start = start;
      placed.end = end;
    } else {
      // Optional fields assigned one by one, not spread: this loop makes every item of the document per pause.
      placed = { kind: item.kind, anchor, start, end, label: item.label };
      if (item.level !== undefined) placed.level = item.level;
      if (item.trigger !== undefined) placed.trigger = item.trigger;
      if (item.negative) placed.negative = true;
      if (item.force) placed.force = item.force;
    }
    if (section !== undefined) placed.section = section;
    if (under !== undefined) placed.heading = under;
    out.push(placed);
  }
}

/** `item` moved by `shift`, under the heading `heading`. */
function shiftedItem(item: DirectiveItem, shift: number, heading: number | undefined): DirectiveItem {
  const moved: Mutable<DirectiveItem> = { kind: item.kind, anchor: item.anchor + shift, start: item.start + shift, end: item.end + shift, label: item.label };
  if (item.level !== undefined) moved.level = item.level;
  if (item.trigger !== undefined) moved.trigger = item.trigger;
  if (item.negative) moved.negative = true;
  if (item.force) moved.force = item.force;
  if (item.section !== undefined) moved.section = item.section + shift;
  if (heading !== undefined) moved.heading = heading;
  return moved;
}

/** The headings open after `items` (in document order): the last heading, the last one above it, and so on. */
function openHeadingsAfter(items: readonly DirectiveItem[]): OpenHeadings {
  const open: OpenHeadings = [];
  let below = Infinity;
  for (let k = items.length - 1; k >= 0 && below > 1; k--) {
    const item = items[k]!;
    if (item.kind === 'heading' && item.level! < below) {
      open.unshift({ level: item.level!, anchor: item.anchor });
      below = item.level!;
    }
  }
  return open;
}

/**
 * A Markdown document's fenced code blocks, by the items inferred for it: `[start, end)` pairs of plain offsets, from
 * the opening fence line's start to the start of the line after the closing one (past the end, for a block the
 * document leaves open). An update reads the previous version's to know whether its edit lies in code, without
 * reading the lines above it; it infers the whole document again when it has none.
 */
const CODE_BLOCKS = new WeakMap<readonly DirectiveItem[], readonly number[]>();

/** What stayed the same between two versions of a document: this many characters at its start and at its end. */
export interface UnchangedEnds {
  readonly prefix: number;
  readonly suffix: number;
}

/**
 * The items of `next`, a later version of `previous`'s document of which `unchanged` characters at the start and
 * at the end are the same: only the lines holding changed text are inferred; items before them are reused as they
 * are, items after them moved. What an edit costs is then the edited lines, not the document. Returns undefined
 * when the markup around the edit reads differently than before (a bracket now pairing with one far away): the
 * caller infers the whole document then.
 */
export function updateDirectives(
  previous: { readonly parsed: ParsedDocument; readonly items: readonly DirectiveItem[] },
  next: ParsedDocument,
  unchanged: UnchangedEnds,
  rules: DirectiveRules = DEFAULT_RULES,
  cache?: InferenceCache,
  options: InferOptions = {},
): DirectiveItem[] | undefined {
  const before = previous.parsed;
  const shortest = Math.min(before.text.length, next.text.length);
  const prefix = Math.min(unchanged.prefix, shortest);
  const suffix = Math.min(unchanged.suffix, shortest - prefix);
  const docShift = next.text.length - before.text.length;
  const plainShift = next.plain.length - before.plain.length;
  const plain = next.plain;
  // The plain text that may have changed, in the new version: [changedFrom, changedTo).
  const changedFrom = Math.min(before.map.toPlain(prefix), next.map.toPlain(prefix));
  const plainSuffix = Math.min(before.plain.length - before.map.toPlain(before.text.length - suffix), plain.length - next.map.toPlain(next.text.length - suffix));
  const changedTo = Math.max(changedFrom, plain.length - plainSuffix);
  // Whole lines around it: from the start of the first changed line to the start of the line after the last.
  const from = changedFrom > 0 ? plain.lastIndexOf('\n', changedFrom - 1) + 1 : 0;
  const lastBreak = plain.indexOf('\n', changedTo);
  const to = lastBreak < 0 ? plain.length + 1 : lastBreak + 1;
  if (!before.map.agreesWith(next.map, 0, from, 0, 0)) return undefined;
  const hasSuffix = to <= plain.length;
  if (hasSuffix && (to - plainShift < from || !before.map.agreesWith(next.map, to - plainShift, before.plain.length, plainShift, docShift))) return undefined;

  const c = compile(rules);
  const markdown = !!options.markdown;
  // Markdown: the edited lines are code or text as a whole, unless a fence line is among them before or after the
  // edit (then what is code may change down to the end: the whole document is inferred again).
  let codeBlocks: number[] | undefined;
  let inCode = false;
  if (markdown) {
    const previousBlocks = CODE_BLOCKS.get(previous.items);
    const oldTo = hasSuffix ? to - plainShift : before.plain.length + 1;
    if (!previousBlocks || holdsFenceLine(plain, from, to) || holdsFenceLine(before.plain, from, oldTo)) return undefined;
    codeBlocks = [];
    for (let k = 0; k < previousBlocks.length; k += 2) {
      const start = previousBlocks[k]!;
      const end = previousBlocks[k + 1]!;
      if (end <= from) codeBlocks.push(start, end);
      else if (start >= oldTo) codeBlocks.push(start + plainShift, end + plainShift);
      else {
        // Its fence lines lie outside the edited lines: the block holds them.
        inCode = true;
        codeBlocks.push(start, end + plainShift);
      }
    }
  }
  const known = cache && cache.rules === rules && cache.markdown === markdown ? cache.lines : undefined;
  const kept = firstStartingAt(previous.items, from > 0 ? before.map.toDoc(from, 'after') : 0);
  const out = previous.items.slice(0, kept);
  const open = openHeadingsAfter(out);
  for (let lineStart = from; lineStart < to && lineStart <= plain.length; ) {
    const newline = plain.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? plain.length : newline;
    const line = plain.slice(lineStart, lineEnd);
    const cached = inCode ? NO_ITEMS : known?.get(line);
    // Lines inferred here are not kept (the caller's cache keeps whole inferences): their items are placed in place.
    placeLineItems(cached ?? lineItemsOf(line, c, options), next, lineStart, 0, open, out, cached === undefined);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (hasSuffix) {
    const items = previous.items;
    for (let k = firstStartingAt(items, before.map.toDoc(to - plainShift, 'after')); k < items.length; k++) {
      const item = items[k]!;
      const anchor = item.anchor + docShift;
      out.push(shiftedItem(item, docShift, underHeading(open, item.kind, item.level, anchor)));
    }
  }
  if (codeBlocks) CODE_BLOCKS.set(out, codeBlocks);
  return out;
}

/**
 * Finds sections (全会提出…, 他强调…) and directives (…要…) in a document. Works on the plain text with injected
 * pinyin removed, and reports offsets in the document's own text (markup included). With a cache, only lines not
 * seen before are inferred.
 */
export function inferDirectives(parsed: ParsedDocument, rules: DirectiveRules = DEFAULT_RULES, cache?: InferenceCache, options: InferOptions = {}): DirectiveItem[] {
  return new DirectiveStream(rules, options, cache).next(parsed, 0);
}

/**
 * Inference over a document given in pieces, in order, each ending at a line end where no span is open
 * (`lastBalancedLineEnd`): the items are those of the whole document, while only one piece is held at a time.
 * Every rule works inside a line; only the open headings carry from one piece to the next.
 */
export class DirectiveStream {
  private readonly compiled: CompiledRules;
  private readonly markdown: boolean;
  private readonly cache: InferenceCache;
  private readonly open: OpenHeadings = [];
  /** Markdown: the code fence open at the end of the pieces read so far (it may close in a later piece). */
  private fence: CodeFence | undefined;

  /** Whether the lines inferred are kept for the next version (only when the caller gave a cache to keep them in). */
  private readonly keepLines: boolean;

  constructor(private readonly rules: DirectiveRules = DEFAULT_RULES, private readonly options: InferOptions = {}, cache?: InferenceCache) {
    this.compiled = compile(rules);
    this.markdown = !!options.markdown;
    this.cache = cache ?? new InferenceCache();
    this.keepLines = cache !== undefined;
  }

  /** The items of the next piece, with offsets moved by `base` (the piece's offset in the whole document). */
  next(parsed: ParsedDocument, base: number): DirectiveItem[] {
    const walk = this.walk(parsed, base);
    walk.until(Infinity);
    return walk.finish();
  }

  /**
   * A walk over the piece's lines that can stop after any line and go on later (`until` a plain offset): what lets
   * a big document be inferred in slices. `finish` keeps the lines seen for the next version and gives the items.
   */
  walk(parsed: ParsedDocument, base: number): { until(plainOffset: number): boolean; finish(): DirectiveItem[] } {
    const { compiled, markdown, cache, open, options } = this;
    const previous = cache.rules === this.rules && cache.markdown === markdown ? cache.lines : undefined;
    // Without a cache to keep them for, lines are not recorded (a 20 MB document's first inference).
    const seen = this.keepLines ? new Map<string, readonly LineItem[]>() : undefined;
    const plain = parsed.plain;
    const out: DirectiveItem[] = [];
    let lineStart = 0;
    let done = false;
    // Markdown: the piece's code blocks, and where the one open now started (a fence left open by the piece before
    // goes on from this one's start).
    const codeBlocks: number[] = [];
    let codeStart = 0;
    /** Whether a line is code (a fence line, or inside a fence), noting where blocks start and end. */
    const isCode = (line: string, nextLineStart: number): boolean => {
      if (this.fence) {
        if (closesFence(line, this.fence)) {
          this.fence = undefined;
          codeBlocks.push(codeStart, nextLineStart);
        }
        return true;
      }
      const opened = fenceOpenedBy(line);
      if (!opened) return false;
      this.fence = opened;
      codeStart = lineStart;
      return true;
    };
    return {
      /** Infers the lines that start before `plainOffset`; true once every line is done. */
      until: (plainOffset) => {
        while (!done && lineStart < plainOffset) {
          const newline = plain.indexOf('\n', lineStart);
          const lineEnd = newline < 0 ? plain.length : newline;
          const line = plain.slice(lineStart, lineEnd);
          let lineItems = markdown && isCode(line, newline < 0 ? plain.length + 1 : newline + 1) ? NO_ITEMS : (seen?.get(line) ?? previous?.get(line));
          const own = lineItems === undefined && !this.keepLines;
          if (!lineItems) lineItems = lineItemsOf(line, compiled, options);
          // Only lines that needed inferring are kept: the others are told apart again at once, and most lines of a
          // 20 MB document are such lines (the cache held an entry for each).
          if (lineItems !== NO_ITEMS) seen?.set(line, lineItems);
          placeLineItems(lineItems, parsed, lineStart, base, open, out, own);
          if (newline < 0) done = true;
          else lineStart = newline + 1;
        }
        return done;
      },
      finish: () => {
        if (markdown) {
          if (this.fence) codeBlocks.push(codeStart, plain.length + 1);
          CODE_BLOCKS.set(out, codeBlocks);
        }
        if (seen) cache.lines = seen;
        cache.rules = this.rules;
        cache.markdown = markdown;
        return out;
      },
    };
  }
}

/**
 * `inferDirectives` in slices of about `slice` characters: after each, `pause` is awaited with the share done
 * (0–1) and may say stop (false), which gives undefined. The items are those of `inferDirectives`.
 */
export async function inferDirectivesInSlices(
  parsed: ParsedDocument,
  rules: DirectiveRules,
  cache: InferenceCache | undefined,
  options: InferOptions,
  pause: (done: number) => Promise<boolean>,
  slice = 200_000,
): Promise<DirectiveItem[] | undefined> {
  const walk = new DirectiveStream(rules, options, cache).walk(parsed, 0);
  for (let upTo = slice; !walk.until(upTo); upTo += slice) {
    if (!(await pause(Math.min(1, upTo / Math.max(1, parsed.plain.length))))) return undefined;
  }
  return walk.finish();
}
