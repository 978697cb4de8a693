import { withoutRanges, type OffsetMap } from '../markup/offsetMap';

/**
 * Document structure: outline headings (一、, （一）, 1., (1), 第X章/节/条, and Markdown `#`) and the Markdown
 * syntax that is not text. Both work on one line, like the rest of inference.
 */

/** A heading at the start of a line: its marker, its level and where its title ends (run-in headings stop at 。). */
export interface HeadingMatch {
  /** First character of the marker (after indentation). */
  readonly start: number;
  /** First character of the title, after the marker. */
  readonly bodyStart: number;
  /** End of the title: the first 。 (a run-in heading: （一）全力维护稳定。统筹…) or the end of the line. */
  readonly titleEnd: number;
  readonly level: number;
  /** A Markdown `#` heading: the whole line is the title (no directives inside). */
  readonly markdown?: boolean;
}

const NUMERAL = '[一二三四五六七八九十百零〇两]+';

/**
 * Outline markers and their levels, as data (the order matters: the first that matches wins). Each is matched where
 * the line's text starts (sticky), and only tried on a line starting with one of its first characters.
 */
const HEADING_MARKERS: readonly { readonly pattern: RegExp; readonly firstChars: string; readonly level: number }[] = [
  { pattern: new RegExp(`第${NUMERAL}[章编編]\\s*`, 'y'), firstChars: '第', level: 1 },
  { pattern: new RegExp(`第${NUMERAL}[节節]\\s*`, 'y'), firstChars: '第', level: 2 },
  { pattern: new RegExp(`第${NUMERAL}[条條]\\s*`, 'y'), firstChars: '第', level: 3 },
  { pattern: new RegExp(`${NUMERAL}、\\s*`, 'y'), firstChars: '一二三四五六七八九十', level: 1 },
  { pattern: new RegExp(`[（(]${NUMERAL}[）)]\\s*`, 'y'), firstChars: '（(', level: 2 },
  // 1. and 1．(not 1.5) and (1) / （1）: the third level.
  { pattern: /\d{1,2}[.．](?!\d)\s*/y, firstChars: '0123456789', level: 3 },
  { pattern: /[（(]\d{1,2}[）)]\s*/y, firstChars: '（(', level: 3 },
];

/** Where a line's text starts after its indentation (spaces, tabs, U+3000, NBSP). */
function indentEnd(line: string): number {
  let k = 0;
  for (; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 0x20 && c !== 0x09 && c !== 0x3000 && c !== 0xa0) break;
  }
  return k;
}

/** By code unit: the markers a line starting with it may open with (bit k for the k-th): one table read per line. */
const MARKERS_STARTING_WITH = new Uint8Array(0x10000);
HEADING_MARKERS.forEach((marker, k) => {
  for (const ch of marker.firstChars) MARKERS_STARTING_WITH[ch.charCodeAt(0)]! |= 1 << k;
});

/** Cheap pre-check for the line loop: could this line start with a heading marker? (Read by code unit: no copies.) */
export function mayBeHeading(line: string, markdown: boolean): boolean {
  const at = indentEnd(line);
  if (at >= line.length) return false;
  const first = line.charCodeAt(at);
  return MARKERS_STARTING_WITH[first] !== 0 || (markdown && first === 0x23 /* # */);
}

export function findHeading(line: string, markdown: boolean): HeadingMatch | undefined {
  // Most lines start with no marker at all: told by their first character, before any pattern is tried.
  if (!mayBeHeading(line, markdown)) return undefined;
  const indent = indentEnd(line);
  if (markdown) {
    const m = /^(#{1,6})[ \t]+/.exec(line.slice(indent));
    if (m) {
      const end = line.replace(/[ \t]+#*[ \t]*$/, '').length;
      return { start: indent, bodyStart: indent + m[0].length, titleEnd: Math.max(indent + m[0].length, end), level: m[1]!.length, markdown: true };
    }
  }
  const markers = MARKERS_STARTING_WITH[line.charCodeAt(indent)]!;
  for (let k = 0; k < HEADING_MARKERS.length; k++) {
    if ((markers & (1 << k)) === 0) continue;
    const { pattern, level } = HEADING_MARKERS[k]!;
    pattern.lastIndex = indent;
    if (!pattern.test(line)) continue;
    const bodyStart = pattern.lastIndex;
    // A marker alone (a page number like "5、," of page-break debris) is not a heading: a title needs Han text.
    const period = line.indexOf('。', bodyStart);
    const titleEnd = period < 0 ? line.length : period;
    if (!/\p{Script=Han}/u.test(line.slice(bodyStart, titleEnd))) return undefined;
    return { start: indent, bodyStart, titleEnd, level };
  }
  return undefined;
}

/**
 * A Markdown line without its syntax, and a map back to the line: block markers (`>`, `-`, `*`, `+`, `1.`) and
 * emphasis/code marks (`**`, `__`, `*`, `_`, `` ` ``) are removed, so that `> 他表示，要…` is a section and labels
 * carry no `**`. `#` headings are kept (findHeading reads them).
 */
export function stripMarkdownLine(line: string): { text: string; map: OffsetMap } {
  const removed: [number, number][] = [];
  const block = /^([ \t]*(?:>[ \t]?)*)(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?/.exec(line)!;
  if (block[0].length > 0 && !/^[ \t]*#/.test(line)) removed.push([0, block[0].length]);
  const from = removed.length > 0 ? removed[0]![1] : 0;
  const emphasis = /\*{1,3}|_{1,3}|`+/g;
  emphasis.lastIndex = from;
  for (let m = emphasis.exec(line); m; m = emphasis.exec(line)) {
    // `_` inside a word (snake_case) is text, as in CommonMark.
    if (m[0][0] === '_' && /\w/.test(line[m.index - 1] ?? '') && /\w/.test(line[m.index + m[0].length] ?? '')) continue;
    removed.push([m.index, m.index + m[0].length]);
  }
  return withoutRanges(line, removed);
}

/**
 * A Markdown code fence that is open: its character (`` ` `` or `~`) and how many of them opened it. The lines of a
 * fenced code block are code, not text: they hold no heading and no directive (a `#` there is a comment).
 */
export interface CodeFence {
  readonly char: number;
  readonly length: number;
}

/**
 * The run of three or more backticks or tildes that makes the line starting at `text[at]` a fence line, after at most
 * three spaces of indentation (as CommonMark reads a fence at the top level): its character and where it starts and
 * ends; undefined for any other line (without making anything: every line of a Markdown document is asked).
 */
function fenceRun(text: string, at: number): { char: number; start: number; end: number } | undefined {
  let start = at;
  while (start < at + 3 && text.charCodeAt(start) === 0x20) start++;
  const char = text.charCodeAt(start);
  if (char !== 0x60 /* ` */ && char !== 0x7e /* ~ */) return undefined;
  let end = start;
  while (text.charCodeAt(end) === char) end++;
  return end - start >= 3 ? { char, start, end } : undefined;
}

/** Whether a line starting in `[from, to)` of `text` is a fence line (opens or closes some fence). */
export function holdsFenceLine(text: string, from: number, to: number): boolean {
  for (let at = from; at < to && at <= text.length; ) {
    if (fenceRun(text, at)) return true;
    const newline = text.indexOf('\n', at);
    if (newline < 0) return false;
    at = newline + 1;
  }
  return false;
}

/** The fence a line opens, if it opens one (a backtick fence's info string may hold no backtick). */
export function fenceOpenedBy(line: string): CodeFence | undefined {
  const run = fenceRun(line, 0);
  if (!run || (run.char === 0x60 && line.indexOf('`', run.end) >= 0)) return undefined;
  return { char: run.char, length: run.end - run.start };
}

/** Whether a line closes `fence`: the same character, at least as many, and only spaces or tabs after them. */
export function closesFence(line: string, fence: CodeFence): boolean {
  const run = fenceRun(line, 0);
  return run !== undefined && run.char === fence.char && run.end - run.start >= fence.length && /^[ \t\r]*$/.test(line.slice(run.end));
}
