import type { ParsedDocument } from '../markup/parse';
import { plainEditsToDocument, type DocumentEdits, type PlainEdit } from '../markup/plainEdits';
import type { Converter } from './converter';

/**
 * Edits of the document text: changed runs only, never touching markup; with the markup removed the result is
 * exactly what OpenCC makes of the plain text (outside protected terms and malformed markup). `movedBorders`
 * counts annotation borders moved to keep a length-changing phrase whole.
 */
export type ConversionPlan = DocumentEdits;

/** Ranges of protected terms (names OpenCC gets wrong, e.g. 乾安县), longest match first, non-overlapping. */
export function findProtectedRanges(text: string, terms: readonly string[], fixed: readonly [number, number][] = []): [number, number][] {
  const sorted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  const ranges: [number, number][] = [...fixed];
  for (const term of sorted) {
    for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + term.length)) ranges.push([at, at + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const kept: [number, number][] = [];
  for (const r of ranges) if (kept.length === 0 || r[0] >= kept[kept.length - 1]![1]) kept.push(r);
  return kept;
}

/**
 * Converts plain text, leaving protected terms (and `fixed` ranges) untouched; the pieces between them are
 * converted separately.
 */
export function convertPlain(converter: Converter, text: string, protectedTerms: readonly string[] = [], fixed: readonly [number, number][] = []): PlainEdit[] {
  const ranges = findProtectedRanges(text, protectedTerms, fixed);
  if (ranges.length === 0) return converter.convert(text).edits;
  const edits: PlainEdit[] = [];
  let last = 0;
  for (const [start, end] of [...ranges, [text.length, text.length] as [number, number]]) {
    if (start > last) {
      for (const e of converter.convert(text.slice(last, start)).edits) edits.push({ ...e, start: e.start + last, end: e.end + last });
    }
    last = end;
  }
  return edits;
}

/**
 * Plans the conversion of a document (or of `[range.start, range.end)` of it): the text of spans is converted,
 * their markup is not; neither is text that looks like broken markup (`發展]{.標籤}`), so a tag name never changes
 * before the user has fixed the typo.
 */
export function planConversion(
  parsed: ParsedDocument,
  converter: Converter,
  options: { protectedTerms?: readonly string[]; range?: { start: number; end: number } } = {},
): ConversionPlan {
  let plainFrom = 0;
  let plainTo = parsed.plain.length;
  if (options.range) {
    plainFrom = parsed.map.toPlain(options.range.start);
    plainTo = parsed.map.toPlain(options.range.end);
  }
  const piece = parsed.plain.slice(plainFrom, plainTo);
  const broken = parsed.problems
    .map((p): [number, number] => [parsed.map.toPlain(p.start) - plainFrom, parsed.map.toPlain(p.end) - plainFrom])
    .filter(([a, b]) => b > 0 && a < piece.length)
    .map(([a, b]): [number, number] => [Math.max(0, a), Math.min(piece.length, b)]);
  const converted = convertPlain(converter, piece, options.protectedTerms, broken);
  const plainEdits = plainFrom === 0 ? converted : converted.map((e) => ({ ...e, start: e.start + plainFrom, end: e.end + plainFrom }));
  return plainEditsToDocument(parsed, plainEdits);
}
