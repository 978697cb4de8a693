import type { DirectiveItem } from '../directives/infer';
import type { ParsedDocument } from '../markup/parse';
import type { Mutable } from '../markup/types';
import type { RenderBadge, RenderLine, RenderMark, RenderSegment } from './types';
import { triggerEnd } from '../directives/highlights';
import { markdownLayout } from './markdownLayout';
import { markdownBlocks, type MarkdownBlocks } from './markdownBlocks';
import { lastAtOrBefore } from '../text/search';
import { lastOf } from '../text/arrays';

/** Start offsets of the lines of a text and the length of each line without its line break. */
export function lineLayout(text: string): { starts: number[]; lengths: number[]; eol: 1 | 2 } {
  const starts = [0];
  const lengths: number[] = [];
  let eol: 1 | 2 = 1;
  let sawBreak = false;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const cr = i > 0 && text.charCodeAt(i - 1) === 13;
    if (!sawBreak) {
      eol = cr ? 2 : 1;
      sawBreak = true;
    }
    lengths.push(i - (cr ? 1 : 0) - starts[starts.length - 1]!);
    starts.push(i + 1);
  }
  lengths.push(text.length - starts[starts.length - 1]!);
  return { starts, lengths, eol };
}

interface Options {
  /** Converts displayed text (the editor's 简/繁 display); never changes offsets, so it is applied last. */
  readonly display?: (text: string) => string;
  /** Render Markdown: headings, lists, quotes and emphasis as style, their syntax hidden (offsets stay exact). */
  readonly markdown?: boolean;
  /**
   * Only these lines (`from` to `to`, inclusive): the models of the other lines are not built. What the caller
   * gets is exactly those entries of the whole document's model (spans open across the range's start included).
   */
  readonly lines?: { readonly from: number; readonly to: number };
  /** `lineLayout(parsed.text)`, when the caller has it (a document built window by window lays out its lines once). */
  readonly layout?: { readonly starts: readonly number[]; readonly lengths: readonly number[] };
  /**
   * Markdown: the document's block structure, as the caller keeps it from version to version (the Policy Annotator
   * editor); without it, the whole text is parsed for this call.
   */
  readonly markdownBlocks?: MarkdownBlocks;
}

/**
 * The numbers (all in `[lo, hi]`) sorted, each once. Where they are many for their range (a line of 40,000 spans:
 * every border several times over), marked in a table of the range and read back in order, in linear time; otherwise
 * sorted natively (a typed array sorts numbers without a comparison function).
 */
function uniqueSorted(numbers: readonly number[], lo: number, hi: number): Int32Array {
  if (numbers.length * 8 >= hi - lo + 1) {
    const marked = new Uint8Array(hi - lo + 1);
    for (let k = 0; k < numbers.length; k++) marked[numbers[k]! - lo] = 1;
    const points = new Int32Array(Math.min(numbers.length, marked.length));
    let kept = 0;
    for (let k = 0; k < marked.length; k++) if (marked[k] === 1) points[kept++] = lo + k;
    return points.subarray(0, kept);
  }
  const sorted = new Int32Array(numbers).sort();
  let kept = 0;
  for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[kept++] = sorted[k]!;
  return sorted.subarray(0, kept);
}

/** Whether `at` lies in one of the sorted ranges, advancing a cursor (positions are visited in order). */
function rangeCursor(ranges: readonly (readonly [number, number])[]): (at: number) => boolean {
  let k = 0;
  return (at) => {
    while (k < ranges.length && ranges[k]![1] <= at) k++;
    return k < ranges.length && ranges[k]![0] <= at;
  };
}

const segmentEnd = (seg: RenderSegment): number => seg.o + seg.t.length;

/**
 * The last of `segs` (in order, not overlapping) that ends at or before `rel`, -1 when none does; `from` is one
 * known to (or -1). Searched from there in steps that double, then halved: a few reads when it is the next one
 * (spans that do not nest end in order), and never more than a search of the whole line (a line may hold 40,000
 * spans, nested any way).
 */
function lastSegmentEndingBy(segs: readonly RenderSegment[], rel: number, from: number): number {
  let lo = from;
  let step = 1;
  while (lo + step < segs.length && segmentEnd(segs[lo + step]!) <= rel) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(segs.length, lo + step);
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (segmentEnd(segs[mid]!) <= rel) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The render model of a document, one entry per line: plain-text runs (markup hidden) with their span tags and
 * directive flags, badges where spans end, and margin marks for sections and directives. Offsets are relative to
 * each line, so a line's model does not change when text above it is edited.
 */
export function buildRenderLines(parsed: ParsedDocument, items: readonly DirectiveItem[], options: Options = {}): RenderLine[] {
  const text = parsed.text;
  const { starts, lengths } = options.layout ?? lineLayout(text);
  const first = options.lines ? Math.max(0, Math.min(options.lines.from, starts.length - 1)) : 0;
  const last = options.lines ? Math.max(first, Math.min(options.lines.to, starts.length - 1)) : starts.length - 1;
  const lo = starts[first]!;
  const hi = starts[last]! + lengths[last]!;
  // What touches the lines asked for; a span that opened above them still colours them.
  const touches = (a: number, b: number): boolean => b >= lo && a <= hi;
  const runs = parsed.map.docRunsTouching(lo, hi);
  const spans = parsed.spans.filter((s) => s.contentEnd > s.contentStart && touches(s.contentStart, s.contentEnd));
  const inRange = (i: DirectiveItem): boolean => touches(i.start, i.end) || (i.anchor >= lo && i.anchor <= hi);
  const directives = items.filter((i) => i.kind === 'directive' && inRange(i));
  const triggers = items.filter((i) => i.kind === 'section' && inRange(i)).map((s) => ({ start: s.start, end: triggerEnd(text, s.start, s.trigger ?? '') }));
  // Line starts in the plain text: a document line starts after its line break, which the plain text keeps.
  const md = options.markdown ? markdownLayout(parsed, options.markdownBlocks ?? markdownBlocks(parsed.plain), (l) => parsed.map.toPlain(starts[l]!), { from: first, to: last }) : undefined;
  const inHidden = rangeCursor(md?.hidden ?? []);
  const inStrong = rangeCursor(md?.strong ?? []);
  const inEmphasis = rangeCursor(md?.emphasis ?? []);

  // Where segments may start or end: every border of a line, run, span, directive, trigger and Markdown style, in
  // the lines asked for, sorted (natively, as numbers) and each once.
  const cuts: number[] = [];
  const cut = (a: number, b: number): void => {
    if (a >= lo && a <= hi) cuts.push(a);
    if (b >= lo && b <= hi) cuts.push(b);
  };
  for (let l = first; l <= last; l++) cut(starts[l]!, starts[l]! + lengths[l]!);
  for (const r of runs) cut(r.start, r.end);
  for (const s of spans) cut(s.contentStart, s.contentEnd);
  for (const d of directives) cut(d.start, d.end);
  for (const t of triggers) cut(t.start, t.end);
  for (const [a, b] of [...(md?.hidden ?? []), ...(md?.strong ?? []), ...(md?.emphasis ?? [])]) cut(a, b);
  const points = uniqueSorted(cuts, lo, hi);

  const lines: { segs: Mutable<RenderSegment>[]; badges: RenderBadge[]; marks: RenderMark[] }[] = [];
  for (let l = first; l <= last; l++) lines.push({ segs: [], badges: [], marks: [] });
  const at = (l: number): { segs: Mutable<RenderSegment>[]; badges: RenderBadge[]; marks: RenderMark[] } => lines[l - first]!;
  let line = first;
  let run = 0;
  let nextSpan = 0;
  const open: (typeof spans)[number][] = [];
  let dir = 0;
  let trig = 0;
  for (let p = 0; p + 1 < points.length; p++) {
    const a = points[p]!;
    const b = points[p + 1]!;
    while (line + 1 <= last && starts[line + 1]! <= a) line++;
    const lineEnd = starts[line]! + lengths[line]!;
    if (a >= lineEnd) continue;
    while (run < runs.length && runs[run]!.end <= a) run++;
    const visible = run < runs.length && runs[run]!.start <= a;
    while (open.length > 0 && open[open.length - 1]!.contentEnd <= a) open.pop();
    while (nextSpan < spans.length && spans[nextSpan]!.contentStart <= a) {
      const s = spans[nextSpan++]!;
      if (s.contentEnd > a) open.push(s);
    }
    if (!visible || inHidden(a)) continue;
    const strong = inStrong(a);
    const emphasis = inEmphasis(a);
    while (dir < directives.length && directives[dir]!.end <= a) dir++;
    while (trig < triggers.length && triggers[trig]!.end <= a) trig++;
    const inTrigger = trig < triggers.length && triggers[trig]!.start <= a;
    const inDirective = dir < directives.length && directives[dir]!.start <= a;
    const innermost = lastOf(open);
    const g = innermost?.tags;
    const n = innermost ? open.length : undefined;
    const d = inTrigger ? 2 : inDirective ? 1 : undefined;
    const o = a - starts[line]!;
    const segs = at(line).segs;
    const prev = lastOf(segs);
    // A run that goes on in the same style (a border that changes nothing: a line, a run of kept text) extends the
    // segment before it. Fields are set only when present, one by one: this loop makes every segment of a window.
    if (prev && prev.o + prev.t.length === o && prev.g === g && prev.n === n && prev.d === d && prev.s === (strong ? 1 : undefined) && prev.e === (emphasis ? 1 : undefined)) {
      prev.t += text.slice(a, b);
      continue;
    }
    const seg: Mutable<RenderSegment> = { t: text.slice(a, b), o };
    if (g) {
      seg.g = g;
      seg.n = n;
    }
    if (d) seg.d = d;
    if (strong) seg.s = 1;
    if (emphasis) seg.e = 1;
    segs.push(seg);
  }
  const lineOf = (offset: number): number => Math.max(0, lastAtOrBefore(starts, offset));
  // The segment found for the last span, as a first guess for the next one: spans that do not nest end in order.
  let guessLine = -1;
  let guess = -1;
  for (const s of spans) {
    const l = lineOf(s.contentEnd);
    if (l < first || l > last) continue;
    const rel = s.contentEnd - starts[l]!;
    const segs = at(l).segs;
    const from = l === guessLine && guess < segs.length && (guess < 0 || segmentEnd(segs[guess]!) <= rel) ? guess : -1;
    const after = lastSegmentEndingBy(segs, rel, from);
    guessLine = l;
    guess = after;
    // Built field by field, not spread: one badge per span.
    const badge: Mutable<RenderBadge> = { after, sp: s.start - starts[l]!, tags: s.tags };
    if (s.note !== undefined) badge.note = s.note;
    at(l).badges.push(badge);
  }
  for (const item of items) {
    if (item.anchor < lo || item.anchor > hi) continue;
    const l = lineOf(item.anchor);
    at(l).marks.push({ kind: item.kind, at: item.anchor - starts[l]!, label: item.label, ...(item.negative ? { negative: true } : {}), ...(item.level !== undefined ? { level: item.level } : {}) });
  }
  const display = options.display;
  return lines.map((l, i) => ({
    len: lengths[i + first]!,
    segs: display
      ? l.segs.map((s) => {
          const shown = display(s.t);
          return { ...s, t: shown, ...(shown.length !== s.t.length ? { x: 1 as const } : {}) };
        })
      : l.segs,
    ...(l.badges.length > 0 ? { badges: l.badges } : {}),
    ...(l.marks.length > 0 ? { marks: l.marks } : {}),
    ...(md?.blocks.has(i + first) ? { md: md.blocks.get(i + first)! } : {}),
  }));
}
