import { toCsvRows, type CsvOptions } from '../export/annotations';
import type { CodedSegment, DocumentSummary } from './summary';

export interface RetrievalQuery {
  /** Codes to look for; a segment matches with any of them (`any`) or only with all of them (`all`). */
  readonly codes: readonly string[];
  readonly mode: 'any' | 'all';
  /** Only segments whose text (or note) contains this, case-insensitively. */
  readonly text?: string;
}

/** A retrieved segment with the document it is in (MAXQDA's Retrieved Segments, Taguette's highlights). */
export interface RetrievedSegment extends CodedSegment {
  readonly document: string;
}

/** Segments of the documents that match the query, in document order (documents in the order given). */
export function retrieveSegments(documents: Iterable<{ readonly name: string; readonly summary: DocumentSummary }>, query: RetrievalQuery): RetrievedSegment[] {
  const wanted = new Set(query.codes);
  const needle = query.text?.trim().toLowerCase() ?? '';
  const out: RetrievedSegment[] = [];
  for (const { name, summary } of documents) {
    for (const seg of summary.segments) {
      const matches = query.mode === 'all' ? [...wanted].every((c) => seg.tags.includes(c)) : seg.tags.some((t) => wanted.has(t));
      if (!matches || wanted.size === 0) continue;
      if (needle && !seg.text.toLowerCase().includes(needle) && !(seg.note ?? '').toLowerCase().includes(needle)) continue;
      out.push({ document: name, ...seg });
    }
  }
  return out;
}

const COLUMNS = ['document', 'line', 'codes', 'text', 'before', 'after', 'section', 'directive', 'note', 'start', 'end'] as const;

/** One row per segment: codes joined by spaces; offsets in the document's text; context before and after. */
export function retrievedToCsv(segments: readonly RetrievedSegment[], options: CsvOptions = {}): string {
  return toCsvRows(
    COLUMNS,
    segments.map((s) => [s.document, s.line, s.tags.join(' '), s.text, s.before, s.after, s.section ?? '', s.directive ?? '', s.note ?? '', s.start, s.end]),
    options,
  );
}

/** The same columns as the CSV, codes as a list; stable key order (schemas/retrieve.schema.json). */
export function retrievedToJson(segments: readonly RetrievedSegment[]): object[] {
  return segments.map((s) => ({
    document: s.document,
    line: s.line,
    codes: [...s.tags],
    text: s.text,
    before: s.before,
    after: s.after,
    section: s.section ?? null,
    directive: s.directive ?? null,
    note: s.note ?? null,
    start: s.start,
    end: s.end,
  }));
}
