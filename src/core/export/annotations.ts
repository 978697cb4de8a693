import type { ParsedDocument } from '../markup/parse';
import { lastAtOrBefore } from '../text/search';
import { lineStarts } from '../text/lines';

/** One annotation as exported: offsets in the plain text (UTF-16), line 1-based in the document. */
export interface AnnotationRecord {
  readonly tags: readonly string[];
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly note?: string;
  readonly file: string;
}

/** 1-based line numbers of document offsets, computed with one pass over the line starts. */
export function lineNumbers(text: string): (offset: number) => number {
  const starts = lineStarts(text);
  return (offset) => Math.max(0, lastAtOrBefore(starts, offset)) + 1;
}

export function collectAnnotations(parsed: ParsedDocument, file: string): AnnotationRecord[] {
  const lineOf = lineNumbers(parsed.text);
  return parsed.spans.map((span) => ({
    tags: span.tags,
    text: parsed.plain.slice(span.plainStart, span.plainEnd),
    start: span.plainStart,
    end: span.plainEnd,
    line: lineOf(span.contentStart),
    ...(span.note !== undefined ? { note: span.note } : {}),
    file,
  }));
}

export interface CsvOptions {
  /** A byte-order mark first, so that Excel reads UTF-8. */
  readonly bom?: boolean;
  /**
   * Neutralise formulas (default true): a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return
   * gets a leading `'`, as OWASP recommends against CSV injection, so a spreadsheet shows it as text instead of
   * running it. R and pandas users who read the values as data can turn it off.
   */
  readonly neutralizeFormulas?: boolean;
}

/** RFC 4180 quoting: fields with commas, quotes or line breaks are quoted, quotes doubled. */
export function csvField(value: string | number, neutralizeFormulas = true): string {
  let s = String(value);
  if (neutralizeFormulas && typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function toCsvRows(header: readonly string[], rows: readonly (readonly (string | number)[])[], options: CsvOptions = {}): string {
  const guard = options.neutralizeFormulas !== false;
  const lines = [header, ...rows].map((row) => row.map((v) => csvField(v, guard)).join(','));
  return (options.bom ? '\ufeff' : '') + lines.join('\r\n') + '\r\n';
}

/** One row per tag of each span, so spreadsheet filters and pivot tables count tags directly. */
export function annotationsToCsv(records: readonly AnnotationRecord[], options: CsvOptions = {}): string {
  const rows = records.flatMap((r) => r.tags.map((tag) => [tag, r.text, r.start, r.end, r.line, r.note ?? '', r.file]));
  return toCsvRows(['tag', 'text', 'start', 'end', 'line', 'note', 'file'], rows, options);
}

export function annotationsToJson(records: readonly AnnotationRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}
