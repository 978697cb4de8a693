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
  const insertedAt = new Set(insertions.map((x) => x.at));
  const opensAt = new Set(insertions.filter((x) => x.text === '[').map((x) => x.at));
  const escapeIn = paragraphsWithSpans(model);
  let para = 0;
  const { plain } = model;
  const out: string[] = [];
  let k = 0;
  let depth = 0;
  for (let i = 0; i <= plain.length; i++) {
    while (k < insertions.length && insertions[k]!.at === i) {
      const insertion = insertions[k++]!;
      depth += insertion.text === '[' ? 1 : -1;
      out.push(insertion.text);
    }
    if (i === plain.length) break;
    while (para < escapeIn.length && escapeIn[para]![1] <= i) para++;
    const inSpanParagraph = para < escapeIn.length && escapeIn[para]![0] <= i;
    const ch = plain[i]!;
    // What follows this character in the output: a span's `[` or `]{…}` inserted there, or the next character.
    const next = insertedAt.has(i + 1) ? (opensAt.has(i + 1) ? '[' : ']') : (plain[i + 1] ?? '');
    if (ch === '\\') out.push(escapeAll || ESCAPABLE.has(next) ? '\\\\' : '\\');
    // Inside a span every literal bracket is escaped, so that Pandoc and djot read the same span.
    // In a paragraph with a span every literal bracket is escaped: Pandoc reads `[…][…]` as a reference link and a
    // literal pair around a span as one bracketed run; escaped, Pandoc and djot read the same span.
    else if (ch === '[' || ch === ']') out.push(escapeAll || depth > 0 || inSpanParagraph || (ch === ']' && next === '{') ? '\\' + ch : ch);
    else out.push(ch);
  }
  return out.join('');
}

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
  return borders.filter(([a, b]) => model.spans.some((s) => s.plainStart < b && s.plainEnd > a));
}

function sameModel(model: MarkupModel, text: string): boolean {
  const parsed = parseMarkup(text);
  if (parsed.plain !== model.plain || parsed.problems.length > 0 || parsed.spans.length !== model.spans.length) return false;
  // Positions, tags and attributes (a note that did not read back the same is a lost note).
  const key = (s: { plainStart: number; plainEnd: number; tags: readonly string[]; attributes?: Readonly<Record<string, string>> }): string =>
    JSON.stringify([s.plainStart, s.plainEnd, s.tags, Object.entries(s.attributes ?? {}).sort()]);
  const expected = model.spans.map(key).sort();
  const actual = parsed.spans.map(key).sort();
  return expected.every((k, i) => k === actual[i]);
}
