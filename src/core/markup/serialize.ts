import { formatAttributeBlock } from './attributes';
import { ESCAPABLE, parseMarkup } from './parse';
import type { PlainOffset } from './types';

/** A span described in plain-text coordinates, as produced by an import or a model edit. */
export interface PlainSpan {
  readonly plainStart: PlainOffset;
  readonly plainEnd: PlainOffset;
  readonly tags: readonly string[];
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface MarkupModel {
  readonly plain: string;
  readonly spans: readonly PlainSpan[];
}

interface Insertion {
  at: number;
  text: string;
  /** Closings sort before openings at the same offset; then inner before outer for closings, outer first for openings. */
  order: number;
}

/**
 * Writes plain text and properly nested spans as marked-up text. Literal brackets are escaped only where they
 * would otherwise be read as markup, so text without markup stays byte-for-byte the same; the result is checked
 * by parsing it back, and fully escaped if that check fails.
 */
export function serializeMarkup(input: MarkupModel): string {
  // An empty span has no text to carry its markup; it cannot be written so that it reads back the same.
  const model = { plain: input.plain, spans: input.spans.filter((s) => s.plainEnd > s.plainStart) };
  const minimal = render(model, false);
  if (sameModel(model, minimal)) return minimal;
  return render(model, true);
}

function render(model: MarkupModel, escapeAll: boolean): string {
  const insertions: Insertion[] = [];
  for (const span of model.spans) {
    const length = span.plainEnd - span.plainStart;
    insertions.push({ at: span.plainStart, text: '[', order: 1e9 - length });
    insertions.push({ at: span.plainEnd, text: ']' + formatAttributeBlock(span.tags, span.attributes ?? {}), order: -1e9 + length });
  }
  insertions.sort((a, b) => a.at - b.at || a.order - b.order);
  const escapeIn = paragraphsWithSpans(model);
  let para = 0;
  const { plain } = model;
  const out: string[] = [];
  let k = 0;
  let depth = 0;
  // Only `\`, `[` and `]` may need an escape: the text between them and the span borders is copied as one run (a
  // character at a time, it was a string per character).
  let special = -1;
  for (let i = 0; ; ) {
    while (k < insertions.length && insertions[k]!.at === i) {
      const insertion = insertions[k++]!;
      depth += insertion.text === '[' ? 1 : -1;
      out.push(insertion.text);
    }
    if (i === plain.length) break;
    if (special < i) {
      SPECIAL.lastIndex = i;
      special = SPECIAL.test(plain) ? SPECIAL.lastIndex - 1 : plain.length;
    }
    const stop = Math.min(special, k < insertions.length ? insertions[k]!.at : plain.length);
    if (stop > i) {
      out.push(plain.slice(i, stop));
      i = stop;
      continue;
    }
    while (para < escapeIn.length && escapeIn[para]![1] <= i) para++;
    const inSpanParagraph = para < escapeIn.length && escapeIn[para]![0] <= i;
    const ch = plain[i]!;
    // What follows this character in the output: a span's `[` or `]{…}` inserted there (every insertion up to `i`
    // is out: the next one is the first at `i + 1`, if any), or the next character. Only whether it is a bracket or
    // `{` matters below, so an insertion reads as a bracket, `[` or `]` alike.
    const next = k < insertions.length && insertions[k]!.at === i + 1 ? ']' : (plain[i + 1] ?? '');
    if (ch === '\\') out.push(escapeAll || ESCAPABLE.has(next) ? '\\\\' : '\\');
    // Inside a span every literal bracket is escaped, so that Pandoc and djot read the same span.
    // In a paragraph with a span every literal bracket is escaped: Pandoc reads `[…][…]` as a reference link and a
    // literal pair around a span as one bracketed run; escaped, Pandoc and djot read the same span.
    else out.push(escapeAll || depth > 0 || inSpanParagraph || (ch === ']' && next === '{') ? '\\' + ch : ch);
    i++;
  }
  return out.join('');
}

/** The characters that may need an escape. */
const SPECIAL = /[\\[\]]/g;

/** The paragraphs (between blank lines) of the plain text that hold a span, as sorted [start, end) ranges. */
function paragraphsWithSpans(model: MarkupModel): [number, number][] {
  const { plain } = model;
  const borders: [number, number][] = [];
  const blank = /\n[ \t\u3000]*\r?\n|\r[ \t\u3000]*\r/g;
  let from = 0;
  for (let m = blank.exec(plain); m; m = blank.exec(plain)) {
    borders.push([from, m.index]);
    from = m.index + m[0].length;
  }
  borders.push([from, plain.length]);
  // A paragraph [a, b) holds a span when some span starting before b ends after a: the spans by start, swept once
  // with the furthest end so far (a test of every span per paragraph was quadratic).
  const spans = [...model.spans].sort((x, y) => x.plainStart - y.plainStart);
  let next = 0;
  let furthestEnd = -1;
  return borders.filter(([a, b]) => {
    while (next < spans.length && spans[next]!.plainStart < b) furthestEnd = Math.max(furthestEnd, spans[next++]!.plainEnd);
    return furthestEnd > a;
  });
}

function sameModel(model: MarkupModel, text: string): boolean {
  const parsed = parseMarkup(text);
  if (parsed.plain !== model.plain || parsed.problems.length > 0 || parsed.spans.length !== model.spans.length) return false;
  // Positions, tags and attributes (a note that did not read back the same is a lost note), compared in one order:
  // by range, then, among spans of one range, by what they carry (a string made only for those).
  const inOrder = (spans: readonly PlainSpan[]): PlainSpan[] => [...spans].sort(byRange);
  const expected = inOrder(model.spans);
  const actual = inOrder(parsed.spans);
  for (let k = 0; k < expected.length; ) {
    let end = k + 1;
    while (end < expected.length && byRange(expected[k]!, expected[end]!) === 0) end++;
    if (end - k === 1) {
      if (byRange(expected[k]!, actual[k]!) !== 0 || !sameContent(expected[k]!, actual[k]!)) return false;
    } else {
      const keys = (spans: PlainSpan[]): string[] => spans.map(contentKey).sort();
      const a = keys(expected.slice(k, end));
      const b = keys(actual.slice(k, end));
      if (actual.slice(k, end).some((x) => byRange(x, expected[k]!) !== 0) || a.some((x, i) => x !== b[i])) return false;
    }
    k = end;
  }
  return true;
}

const byRange = (a: PlainSpan, b: PlainSpan): number => a.plainStart - b.plainStart || b.plainEnd - a.plainEnd;

/** The tags and attributes of a span as one string (attributes in any order). */
const contentKey = (s: PlainSpan): string => JSON.stringify([s.tags, Object.entries(s.attributes ?? {}).sort()]);

/** Whether two spans carry the same tags, in order, and the same attributes, in any order. */
function sameContent(a: PlainSpan, b: PlainSpan): boolean {
  if (a.tags.length !== b.tags.length || a.tags.some((t, i) => t !== b.tags[i])) return false;
  const x = a.attributes ?? {};
  const y = b.attributes ?? {};
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => Object.prototype.hasOwnProperty.call(y, key) && x[key] === y[key]);
}
