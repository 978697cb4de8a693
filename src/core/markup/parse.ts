import { parseAttributeBlock, type ParsedAttributes } from './attributes';
import { OffsetMap, withoutSortedRanges } from './offsetMap';
import type { AnnotationSpan, DocOffset, MarkupProblem, Mutable } from './types';

export interface ParsedDocument {
  /** The document text as given. */
  readonly text: string;
  /** The text with all markup removed. */
  readonly plain: string;
  /** Spans in document order of their `[`; outer spans come before the spans they contain. */
  readonly spans: readonly AnnotationSpan[];
  readonly problems: readonly MarkupProblem[];
  readonly map: OffsetMap;
}

const MARKUP_CHAR = /[\\[\]]/g;

/** Characters that a backslash makes literal. */
export const ESCAPABLE = new Set(['[', ']', '{', '}', '\\']);

/**
 * Parses bracketed spans `[text]{.tag key="value"}`. A `[` that is never closed by `]{…}` is plain text, as is a
 * `[…]` pair without an attribute block (scraped pages are full of `[打印]`). A `]{` whose block is malformed is
 * reported and kept as plain text: nothing is dropped.
 */
export function parseMarkup(text: string): ParsedDocument {
  // Fast path for the common case of a document without any markup at all: a span closes only at a `]{` and an
  // escape starts only at a backslash. A `[` alone is no markup (scraped pages are full of `[打印]`), and looking
  // for it sent such a document through the whole parse.
  if (text.indexOf('\\') < 0 && text.indexOf(']{') < 0) {
    return { text, plain: text, spans: [], problems: [], map: OffsetMap.identity(text.length) };
  }
  // What is removed from the text: escapes' backslashes and closing `]{…}` (met in text order), and the spans'
  // opening `[` (met in the order spans close): two sorted lists, merged at the end, instead of a pair per range.
  const closingStarts: number[] = [];
  const closingEnds: number[] = [];
  const openers: number[] = [];
  const raw: Mutable<AnnotationSpan>[] = [];
  const problems: MarkupProblem[] = [];
  const open: number[] = [];
  let lastBlock: { start: number; end: number; value: ParsedAttributes } | undefined;
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Jump to the next bracket or backslash: a regular expression finds it several times faster than a loop.
    MARKUP_CHAR.lastIndex = i;
    if (!MARKUP_CHAR.test(text)) break;
    i = MARKUP_CHAR.lastIndex - 1;
    const ch = text.charCodeAt(i);
    if (ch === 0x5c /* \ */) {
      if (i + 1 < n && ESCAPABLE.has(text[i + 1]!)) {
        closingStarts.push(i);
        closingEnds.push(i + 1);
        i += 2;
        continue;
      }
      i++;
    } else if (ch === 0x5b /* [ */) {
      open.push(i);
      i++;
    } else if (ch === 0x5d /* ] */) {
      if (text.charCodeAt(i + 1) !== 0x7b /* { */) {
        open.pop(); // a literal […] pair
        i++;
        continue;
      }
      // A block that repeats the last valid one (`{.任务}` after `{.任务}`) reads the same: its tags and attributes
      // are shared (spans' are read, never written), not parsed and made again for each span.
      const block = lastBlock && repeatsAt(text, i + 1, lastBlock.start, lastBlock.end) ? { ok: true as const, value: lastBlock.value, end: i + 1 + lastBlock.end - lastBlock.start } : parseAttributeBlock(text, i + 1);
      if (!block.ok) {
        problems.push({ start: i, end: Math.max(block.end, i + 2), code: block.code, ...(block.detail !== undefined ? { detail: block.detail } : {}) });
        open.pop();
        i++;
        continue;
      }
      const opener = open.pop();
      if (opener === undefined) {
        problems.push({ start: i, end: block.end, code: 'unmatched-close' });
        i++;
        continue;
      }
      if (lastBlock?.value !== block.value) lastBlock = { start: i + 1, end: block.end, value: block.value };
      openers.push(opener);
      closingStarts.push(i);
      closingEnds.push(block.end);
      // The span itself, its plain range and depth filled in once the plain text is known.
      const { tags, attributes } = block.value;
      const span: Mutable<AnnotationSpan> = { start: opener, end: block.end, contentStart: opener + 1, contentEnd: i, tags, attributes, plainStart: 0, plainEnd: 0, depth: 0 };
      const note = attributes['note'];
      if (note !== undefined) span.note = note;
      raw.push(span);
      i = block.end;
    }
  }
  if (closingStarts.length === 0) return { text, plain: text, spans: [], problems, map: OffsetMap.identity(n) };

  const { text: plain, map } = withoutSortedRanges(text, ...mergeRanges(closingStarts, closingEnds, openers));
  // In document order of their `[` (they were met in the order they close: inner spans first).
  const spans = raw.sort((a, b) => a.start - b.start);
  const ancestors: AnnotationSpan[] = [];
  for (const span of spans) {
    while (ancestors.length > 0 && ancestors[ancestors.length - 1]!.end <= span.start) ancestors.pop();
    span.plainStart = map.toPlain(span.contentStart);
    span.plainEnd = map.toPlain(span.contentEnd);
    span.depth = ancestors.length;
    ancestors.push(span);
  }
  return { text, plain, spans, problems, map };
}

/** Whether `text` holds at `at` the same characters as in `[from, end)`. */
function repeatsAt(text: string, at: number, from: number, end: number): boolean {
  if (at + (end - from) > text.length) return false;
  for (let k = from; k < end; k++) if (text.charCodeAt(at + k - from) !== text.charCodeAt(k)) return false;
  return true;
}

/**
 * The removed ranges in text order: `starts`/`ends` (sorted) merged with the one-character ranges at `singles`
 * (in any order; sorted here as numbers, natively).
 */
function mergeRanges(starts: readonly number[], ends: readonly number[], singles: readonly number[]): [Int32Array, Int32Array] {
  const sortedSingles = Int32Array.from(singles).sort();
  const total = starts.length + sortedSingles.length;
  const mergedStarts = new Int32Array(total);
  const mergedEnds = new Int32Array(total);
  let a = 0;
  let b = 0;
  for (let k = 0; k < total; k++) {
    if (b >= sortedSingles.length || (a < starts.length && starts[a]! < sortedSingles[b]!)) {
      mergedStarts[k] = starts[a]!;
      mergedEnds[k] = ends[a++]!;
    } else {
      mergedStarts[k] = sortedSingles[b]!;
      mergedEnds[k] = sortedSingles[b++]! + 1;
    }
  }
  return [mergedStarts, mergedEnds];
}

/** The innermost span whose source range contains `offset` (borders included), if any. */
export function spanAt(parsed: ParsedDocument, offset: DocOffset): AnnotationSpan | undefined {
  let best: AnnotationSpan | undefined;
  for (const span of parsed.spans) {
    if (span.start > offset) break;
    if (offset <= span.end && (!best || span.depth > best.depth)) best = span;
  }
  return best;
}

/**
 * The end of the last line of `text` (just after its `\n`) at which no span is open, so that the text before it
 * parses the same alone as within the whole document; 0 when there is none. Follows `parseMarkup`'s reading of
 * brackets: a `]` closes the innermost `[` whether or not a valid attribute block follows, escapes are skipped,
 * and a valid attribute block that closes a span is skipped whole (its quoted values may hold brackets). A `[`
 * that is never closed keeps every later line open: the parser could still pair it with a `]{` far below.
 */
export function lastBalancedLineEnd(text: string): number {
  let depth = 0;
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a /* \n */) {
      if (depth === 0) last = i + 1;
    } else if (ch === 0x5c /* \ */) {
      if (i + 1 < n && ESCAPABLE.has(text[i + 1]!)) i++;
    } else if (ch === 0x5b /* [ */) {
      depth++;
    } else if (ch === 0x5d /* ] */) {
      // Only a block that closes a span is skipped; after an unmatched `]{` the parser reads on inside it.
      if (depth > 0 && text.charCodeAt(i + 1) === 0x7b /* { */) {
        const block = parseAttributeBlock(text, i + 1);
        if (block.ok) i = block.end - 1;
      }
      if (depth > 0) depth--;
    }
  }
  return last;
}
