import { inferDirectives, type DirectiveForce, type DirectiveItem } from '../directives/infer';
import type { DirectiveRules } from '../directives/rules';
import { lineNumbers } from '../export/annotations';
import type { ParsedDocument } from '../markup/parse';
import { ownCopy } from '../text/chars';

/** Characters of context kept on each side of a coded segment (within its line). */
export const CONTEXT_CHARS = 60;
/** A segment's or a directive's text is kept up to this many characters (what a table or a tree shows). */
export const MAX_KEPT_TEXT = 2000;

/** One coded passage, as retrieval lists it: offsets in the document (content of the span) and in its plain text. */
export interface CodedSegment {
  readonly tags: readonly string[];
  readonly start: number;
  readonly end: number;
  readonly plainStart: number;
  readonly plainEnd: number;
  /** 1-based. */
  readonly line: number;
  readonly text: string;
  /** Plain text just before and after the passage on its line. */
  readonly before: string;
  readonly after: string;
  readonly note?: string;
  /** Label of the section (全会提出…) or, failing that, the heading the passage lies in. */
  readonly section?: string;
  /** Label of the directive the passage overlaps, if any. */
  readonly directive?: string;
}

export interface SummaryDirective {
  readonly kind: DirectiveItem['kind'];
  readonly label: string;
  /** The clause as the document shows it (markup included), cut at `MAX_KEPT_TEXT`. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly force?: DirectiveForce;
  readonly level?: number;
}

/**
 * What the corpus keeps of one document: its coded segments and directives with just enough text for the views,
 * never the document itself (memory stays proportional to what is coded and inferred, not to the corpus).
 */
export interface DocumentSummary {
  readonly length: number;
  readonly segments: readonly CodedSegment[];
  readonly directives: readonly SummaryDirective[];
  readonly markupProblems: number;
}

function cut(text: string): string {
  return text.length > MAX_KEPT_TEXT ? text.slice(0, MAX_KEPT_TEXT) + '…' : text;
}

/** The plain text around `[start, end)` on its line, at most `CONTEXT_CHARS` each side. */
function contextOf(plain: string, start: number, end: number): { before: string; after: string } {
  // The line's ends are looked for within the context only: a search to them read a one-line document again for
  // every span (160,000 spans on a line of 1.4 MB took 11 s).
  let from = start;
  const fromLimit = Math.max(0, start - CONTEXT_CHARS);
  while (from > fromLimit && plain.charCodeAt(from - 1) !== 0x0a) from--;
  let to = end;
  const toLimit = Math.min(plain.length, end + CONTEXT_CHARS);
  while (to < toLimit && plain.charCodeAt(to) !== 0x0a) to++;
  return { before: plain.slice(from, start).replace(/\r$/, ''), after: plain.slice(end, to).replace(/\r$/, '') };
}

/** For offsets asked in increasing order: the last item starting at or before each (one pass over the items). */
function lastStartingBefore<T extends { start: number }>(items: readonly T[]): (at: number) => T | undefined {
  let k = -1;
  return (at) => {
    while (k + 1 < items.length && items[k + 1]!.start <= at) k++;
    return items[k];
  };
}

/** As `lastStartingBefore`, but only an item that still covers the offset. */
function enclosing<T extends { start: number; end: number }>(items: readonly T[]): (at: number) => T | undefined {
  const last = lastStartingBefore(items);
  return (at) => {
    const item = last(at);
    return item && item.end >= at ? item : undefined;
  };
}

export interface SummaryOptions {
  readonly markdown?: boolean;
  readonly rules?: DirectiveRules;
  /** The document's inferred directives, when already known. */
  readonly items?: readonly DirectiveItem[];
  /**
   * Every string of the summary a copy of its own, not a slice: a JavaScript engine keeps a slice's whole source
   * alive, so a summary kept after its document is gone (the corpus's 2,000) would keep the document's text.
   */
  readonly ownStrings?: boolean;
}

const asIs = (text: string): string => text;

/** Summarises a parsed document (see `DocumentSummary`). */
export function summarizeDocument(parsed: ParsedDocument, options: SummaryOptions = {}): DocumentSummary {
  const own = options.ownStrings ? ownCopy : asIs;
  const items = options.items ?? inferDirectives(parsed, options.rules, undefined, { markdown: !!options.markdown });
  const lineOf = lineNumbers(parsed.text);
  const sections = items.filter((i) => i.kind === 'section');
  const headings = items.filter((i) => i.kind === 'heading');
  const directives = items.filter((i) => i.kind === 'directive');
  const sectionAt = enclosing(sections);
  const directiveAt = enclosing(directives);
  const headingBefore = lastStartingBefore(headings);
  const segments: CodedSegment[] = parsed.spans.map((span) => {
    const text = parsed.plain.slice(span.plainStart, span.plainEnd);
    const { before, after } = contextOf(parsed.plain, span.plainStart, span.plainEnd);
    const section = sectionAt(span.contentStart);
    const directive = directiveAt(span.contentStart);
    const sectionLabel = section?.label ?? headingBefore(span.contentStart)?.label;
    return {
      tags: options.ownStrings ? span.tags.map(ownCopy) : span.tags,
      start: span.contentStart,
      end: span.contentEnd,
      plainStart: span.plainStart,
      plainEnd: span.plainEnd,
      line: lineOf(span.contentStart),
      text: own(cut(text)),
      before: own(before),
      after: own(after),
      ...(span.note !== undefined ? { note: own(span.note) } : {}),
      ...(sectionLabel !== undefined ? { section: own(sectionLabel) } : {}),
      ...(directive ? { directive: own(directive.label) } : {}),
    };
  });
  return {
    length: parsed.text.length,
    segments,
    directives: items.map((i) => ({
      kind: i.kind,
      label: own(i.label),
      text: own(cut(parsed.text.slice(i.start, i.end))),
      start: i.start,
      end: i.end,
      line: lineOf(i.start),
      ...(i.force !== undefined ? { force: i.force } : {}),
      ...(i.level !== undefined ? { level: i.level } : {}),
    })),
    markupProblems: parsed.problems.length,
  };
}

/** Counts per tag over summaries: a span with two tags counts for both; a tag repeated on one span counts once. */
export function tagCounts(summaries: Iterable<DocumentSummary>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of summaries) for (const seg of s.segments) for (const tag of new Set(seg.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return counts;
}
