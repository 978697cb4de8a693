import { plainEditsToDocument } from '../markup/plainEdits';
import { parseMarkup, type ParsedDocument } from '../markup/parse';
import type { TextEdit } from '../text/edits';
import type { Converter } from './converter';

export interface ConversionPlan {
  /** Edits of the document text: changed runs only, never touching markup. */
  readonly edits: TextEdit[];
  /** Changes left out because they would have crossed markup with a different length. */
  readonly skipped: number;
}

/** Ranges of protected terms (names OpenCC gets wrong, e.g. 乾安县), longest match first, non-overlapping. */
export function findProtectedRanges(text: string, terms: readonly string[]): [number, number][] {
  const sorted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const ranges: [number, number][] = [];
  for (const term of sorted) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: [number, number][] = [];
  for (const r of ranges) if (kept.length === 0 || r[0] >= kept[kept.length - 1]![1]) kept.push(r);
  return kept;
}

/** Converts plain text, leaving protected terms untouched; the pieces between them are converted separately. */
export function convertPlain(converter: Converter, text: string, protectedTerms: readonly string[] = []): TextEdit[] {
  const ranges = findProtectedRanges(text, protectedTerms);
  if (ranges.length === 0) return converter.convert(text).edits;
  const edits: TextEdit[] = [];
  let last = 0;
  for (const [start, end] of [...ranges, [text.length, text.length] as [number, number]]) {
    if (start > last) {
      for (const e of converter.convert(text.slice(last, start)).edits) edits.push({ start: e.start + last, end: e.end + last, newText: e.newText });
    }
    last = end;
  }
  return edits;
}

/**
 * Plans the conversion of a document (or of `[rangeStart, rangeEnd)` of it): the text of spans is converted,
 * their markup is not.
 */
export function planConversion(
  documentText: string,
  converter: Converter,
  options: { protectedTerms?: readonly string[]; range?: { start: number; end: number }; parsed?: ParsedDocument } = {},
): ConversionPlan {
  const parsed = options.parsed ?? parseMarkup(documentText);
  let plainFrom = 0;
  let plainTo = parsed.plain.length;
  if (options.range) {
    plainFrom = parsed.map.toPlain(options.range.start);
    plainTo = parsed.map.toPlain(options.range.end);
  }
  const piece = parsed.plain.slice(plainFrom, plainTo);
  const plainEdits = convertPlain(converter, piece, options.protectedTerms).map((e) => ({
    start: e.start + plainFrom,
    end: e.end + plainFrom,
    newText: e.newText,
  }));
  return plainEditsToDocument(parsed, plainEdits);
}
