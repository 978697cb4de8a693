import type { ParsedDocument } from '../markup/parse';
import { serializeMarkup, type PlainSpan } from '../markup/serialize';
import { lastAtOrBefore } from '../text/search';
import { lastOf } from '../text/arrays';

/**
 * brat standoff: a `.txt` with the plain text and an `.ann` with one `T<n>\t<Type> <start> <end>\t<text>` line
 * per annotation. brat counts offsets in Unicode code points, not UTF-16 units, so astral characters (𠮷) shift
 * them; a span that covers a line break is written as fragments (`0 5;6 9`), as brat requires.
 */
export interface BratExport {
  readonly txt: string;
  readonly ann: string;
}

/** Converts UTF-16 offsets of `text` to code-point offsets and back. */
export class CodePointIndex {
  private readonly astralBefore: number[] = [];
  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) this.astralBefore.push(i);
    }
  }
  /** Number of astral characters that start before `utf16`. */
  private countBefore(utf16: number): number {
    return lastAtOrBefore(this.astralBefore, utf16 - 1) + 1;
  }
  toCodePoints(utf16: number): number {
    return utf16 - this.countBefore(utf16);
  }
  toUtf16(codePoint: number): number {
    // Each astral character before the target adds one unit; iterate to the fixed point (bounded by their count).
    let utf16 = codePoint;
    for (;;) {
      const next = codePoint + this.countBefore(utf16);
      if (next === utf16) return utf16;
      utf16 = next;
    }
  }
  get length(): number {
    return this.text.length;
  }
}

/**
 * Characters at which brat splits the `.ann` file into lines — Python's `str.splitlines`: LF, CR, VT, FF, the
 * file/group/record separators, NEL, LINE and PARAGRAPH SEPARATOR. None may appear in an annotation's text or note.
 */
const BRAT_LINE_BREAKS = new Set(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029']);

/** Escapes of a note's line breaks (and tabs and backslashes), read back by `fromBrat`. */
const NOTE_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeNote(note: string): string {
  return note.replace(/[\\\t\n\r\v\f\x1c-\x1e\u0085\u2028\u2029]/g, (c) => NOTE_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function unescapeNote(note: string): string {
  return note.replace(/\\(?:u([0-9a-fA-F]{4})|([\\tnr]))/g, (_, hex: string | undefined, c: string | undefined) =>
    hex !== undefined ? String.fromCharCode(parseInt(hex, 16)) : c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\',
  );
}

/** The pieces of `[start, end)` between line breaks: brat marks a span over several lines as fragments. */
function fragments(plain: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (BRAT_LINE_BREAKS.has(plain[i]!)) {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  if (end > from) out.push([from, end]);
  return out;
}

export function toBrat(parsed: ParsedDocument): BratExport {
  const plain = parsed.plain;
  const cp = new CodePointIndex(plain);
  const lines: string[] = [];
  let t = 0;
  let notes = 0;
  for (const span of parsed.spans) {
    const frags = fragments(plain, span.plainStart, span.plainEnd);
    if (frags.length === 0) continue;
    const offsets = frags.map(([a, b]) => `${cp.toCodePoints(a)} ${cp.toCodePoints(b)}`).join(';');
    const text = frags.map(([a, b]) => plain.slice(a, b)).join(' ');
    for (const tag of span.tags) {
      t++;
      lines.push(`T${t}\t${tag} ${offsets}\t${text}`);
      if (span.note !== undefined) lines.push(`#${++notes}\tAnnotatorNotes T${t}\t${escapeNote(span.note)}`);
    }
  }
  return { txt: plain, ann: lines.length > 0 ? lines.join('\n') + '\n' : '' };
}

/** Why a line of an `.ann` file was not imported; the extension words it in the user's language. */
export type BratImportProblem =
  | { readonly line: number; readonly code: 'unreadable'; readonly raw: string }
  | { readonly line: number; readonly code: 'outside-text'; readonly id: string; readonly offsets: string }
  | { readonly line: number; readonly code: 'text-mismatch'; readonly id: string; readonly expected: string; readonly found: string }
  | { readonly line: number; readonly code: 'invalid-type'; readonly id: string; readonly type: string }
  | { readonly line: number; readonly code: 'unsupported'; readonly id: string }
  | { readonly line: number; readonly code: 'note-target-missing'; readonly id: string }
  | { readonly line: number; readonly code: 'overlap'; readonly ids: readonly string[]; readonly tags: readonly string[]; readonly otherIds: readonly string[] };

export interface BratImport {
  /** The marked-up document. */
  readonly text: string;
  readonly imported: number;
  /** Annotations that could not be represented (partial overlaps, bad lines), reported rather than dropped silently. */
  readonly problems: readonly BratImportProblem[];
}

interface BratSpan {
  start: number;
  end: number;
  tags: string[];
  note?: string;
  line: number;
  ids: string[];
}

/**
 * Whether `txt[from, to)` holds line breaks alone; read up to the first other character (a gap between two fragments
 * may be most of the document: it was spread into an array of its characters first).
 */
function onlyLineBreaks(txt: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!BRAT_LINE_BREAKS.has(txt[k]!)) return false;
  return true;
}

/** Reads a brat `.txt`/`.ann` pair into a marked-up document. */
export function fromBrat(txt: string, ann: string): BratImport {
  const cp = new CodePointIndex(txt);
  const problems: BratImportProblem[] = [];
  const byId = new Map<string, BratSpan[]>();
  const byRange = new Map<string, BratSpan>();
  const notes: { line: number; target: string; note: string }[] = [];
  const spansOf = (id: string): BratSpan[] => {
    let spans = byId.get(id);
    if (!spans) byId.set(id, (spans = []));
    return spans;
  };
  ann.split(/\r\n|[\n\r\v\f\x1c-\x1e\u0085\u2028\u2029]/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cols = raw.split('\t');
    const id = cols[0] ?? '';
    if (id.startsWith('T')) {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(cols[1] ?? '');
      if (!m) {
        problems.push({ line, code: 'unreadable', raw });
        return;
      }
      const frags = m[2]!.split(';').map((f) => f.split(' ').map((n) => cp.toUtf16(Number(n))) as [number, number]);
      if (frags.some(([a, b]) => b > txt.length || a >= b)) {
        problems.push({ line, code: 'outside-text', id, offsets: m[2]! });
        return;
      }
      const type = m[1]!;
      if (/[.{}[\]"=\\]/.test(type)) {
        problems.push({ line, code: 'invalid-type', id, type });
        return;
      }
      // As brat does: the text column must be the document's text at the fragments, joined by spaces.
      const expected = frags.map(([a, b]) => txt.slice(a, b)).join(' ');
      const found = cols.slice(2).join('\t');
      if (cols.length > 2 && found !== expected) {
        problems.push({ line, code: 'text-mismatch', id, expected, found });
        return;
      }
      // Fragments separated only by line breaks are one span over several lines (as brat writes them); any
      // other gap makes a discontinuous annotation, imported as one span per piece (never widened over the gap).
      const pieces: [number, number][] = [];
      for (const [a, b] of frags.sort((x, y) => x[0] - y[0])) {
        const last = lastOf(pieces);
        if (last && onlyLineBreaks(txt, last[1], a)) last[1] = b;
        else pieces.push([a, b]);
      }
      for (const [start, end] of pieces) {
        const key = `${start}:${end}`;
        const existing = byRange.get(key);
        if (existing) {
          if (!existing.tags.includes(type)) existing.tags.push(type);
          existing.ids.push(id);
          spansOf(id).push(existing);
        } else {
          const span: BratSpan = { start, end, tags: [type], line, ids: [id] };
          byRange.set(key, span);
          spansOf(id).push(span);
        }
      }
    } else if (id.startsWith('#') && (cols[1] ?? '').startsWith('AnnotatorNotes ')) {
      notes.push({ line, target: (cols[1] ?? '').slice('AnnotatorNotes '.length).trim(), note: unescapeNote(cols.slice(2).join('\t')) });
    } else {
      problems.push({ line, code: 'unsupported', id });
    }
  });
  for (const n of notes) {
    const spans = byId.get(n.target);
    if (spans) for (const span of spans) span.note = n.note;
    else problems.push({ line: n.line, code: 'note-target-missing', id: n.target });
  }
  // Spans must nest: keep them outermost-first and refuse any that partially overlaps one already kept.
  const candidates = [...byRange.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: BratSpan[] = [];
  // The kept spans that contain the current start, outermost first (they nest): a span clashes only with the
  // innermost of them, if it reaches past its end. One pass, however many annotations.
  const enclosing: BratSpan[] = [];
  for (const span of candidates) {
    while (enclosing.length > 0 && enclosing[enclosing.length - 1]!.end <= span.start) enclosing.pop();
    const inner = lastOf(enclosing);
    if (inner && span.end > inner.end) {
      problems.push({ line: span.line, code: 'overlap', ids: span.ids, tags: span.tags, otherIds: inner.ids });
      continue;
    }
    kept.push(span);
    enclosing.push(span);
  }
  const spans: PlainSpan[] = kept.map((s) => ({
    plainStart: s.start,
    plainEnd: s.end,
    tags: s.tags,
    ...(s.note !== undefined ? { attributes: { note: s.note } } : {}),
  }));
  return { text: serializeMarkup({ plain: txt, spans }), imported: kept.length, problems };
}
