import MarkdownIt from 'markdown-it';
import { lineStarts } from '../text/lines';

/** How a line of a Markdown document is shown: a heading of a level, a list item, a quotation, code. */
export type MarkdownBlock = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'li' | 'quote' | 'code';

/**
 * The block structure of a Markdown document's plain text, by line: where its top-level blocks start (what lets a
 * later version be parsed again only around an edit) and the style of each styled line.
 */
export interface MarkdownBlocks {
  readonly lineCount: number;
  /** First line of each top-level block (paragraph, heading, list, quotation, code…), ascending. */
  readonly topStarts: Int32Array;
  /** The styled lines, ascending, and the style of each. */
  readonly styledLines: Int32Array;
  readonly styles: readonly MarkdownBlock[];
}

/**
 * markdown-it (the parser VS Code itself uses), HTML disabled, with its block rules only: only the block structure
 * is read, and its inline rules took two thirds of a parse (5 MB: 580 ms in all, 190 ms for the blocks).
 */
let parser: MarkdownIt | undefined;

/**
 * A lone carriage return, which markdown-it reads as a line break and the editor does not (its lines end at `\n`):
 * read as a space, so that markdown-it's line numbers are the editor's.
 */
const LONE_CR = /\r(?!\n)/g;

/** The top-level block starts and styled lines of `text`, whose first line is line `first` of the document. */
function parseBlocks(text: string, first: number): { topStarts: number[]; styled: Map<number, MarkdownBlock> } {
  if (!parser) {
    parser = new MarkdownIt({ html: false, linkify: false });
    parser.core.ruler.enableOnly(['normalize', 'block']);
  }
  const topStarts: number[] = [];
  const styled = new Map<number, MarkdownBlock>();
  for (const token of parser.parse(text.replace(LONE_CR, ' '), {})) {
    if (!token.map) continue;
    const from = token.map[0] + first;
    const to = token.map[1] + first;
    if (token.level === 0 && token.nesting !== -1) topStarts.push(from);
    // Code (fenced or indented) outside other blocks: its text is shown as written, no syntax hidden in it.
    const spread: MarkdownBlock | undefined = token.type === 'blockquote_open' ? 'quote' : token.type === 'fence' || token.type === 'code_block' ? 'code' : undefined;
    if (token.type === 'heading_open') styled.set(from, token.tag as MarkdownBlock);
    else if (token.type === 'list_item_open') styled.set(from, 'li');
    else if (spread) {
      for (let l = from; l < to; l++) if (!styled.has(l)) styled.set(l, spread);
    }
  }
  return { topStarts, styled };
}

function blocksFrom(lineCount: number, topStarts: ArrayLike<number>, styled: Iterable<[number, MarkdownBlock]>): MarkdownBlocks {
  const entries = [...styled].sort((x, y) => x[0] - y[0]);
  return { lineCount, topStarts: Int32Array.from(topStarts), styledLines: Int32Array.from(entries, (e) => e[0]), styles: entries.map((e) => e[1]) };
}

/** The block structure of a whole Markdown text. */
export function markdownBlocks(plain: string): MarkdownBlocks {
  const { topStarts, styled } = parseBlocks(plain, 0);
  return blocksFrom(lineStarts(plain).length, topStarts, styled);
}

/**
 * `markdownBlocks` in slices of about `sliceLines` lines, `pause` awaited between them (a 20 MB document took
 * 1.4 s in one parse). Each slice is parsed from a top-level block start and kept up to its second-last block start
 * (where, as in an update, the slice's parse starts a block because the blocks before it ended on their own), and
 * the next slice starts there. A block longer than a slice makes the slice grow.
 */
export async function markdownBlocksInSlices(plain: string, pause: () => Promise<void>, sliceLines = 20_000): Promise<MarkdownBlocks> {
  const starts = lineStarts(plain);
  const lineCount = starts.length;
  const topStarts: number[] = [];
  const styled: [number, MarkdownBlock][] = [];
  for (let from = 0, size = sliceLines; from < lineCount; ) {
    const to = Math.min(lineCount, from + size);
    const region = parseBlocks(plain.slice(starts[from], to < lineCount ? starts[to] : plain.length), from);
    const past = region.topStarts.filter((start) => start > from);
    const cut = to === lineCount ? lineCount : past.length >= 2 ? past[past.length - 2]! : -1;
    if (cut < 0) {
      size *= 2;
      continue;
    }
    for (const start of region.topStarts) if (start < cut) topStarts.push(start);
    for (const entry of region.styled) if (entry[0] < cut) styled.push(entry);
    from = cut;
    size = sliceLines;
    if (from < lineCount) await pause();
  }
  return blocksFrom(lineCount, topStarts, styled);
}

/** Index of the first of the ascending `values` that is greater than `value` (their length when none is). */
function firstAbove(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How many old block starts past the edit a region may be grown to before the rest of the document is parsed. */
const REGION_ATTEMPTS = 4;

/**
 * The block structure of a later version of `previous`'s text, in which lines `changed.from` to `changed.to` (of the
 * new version, inclusive) changed and the lines after them are the old ones, moved. markdown-it parses a region
 * only: from a top-level block that starts before the edit (nothing below it changed, so it parses as before) to
 * an old top-level block start past the edit at which the region's parse starts a block too (the blocks before it
 * ended without reading further, and from there on the text is the old text, which parsed as before). A block the
 * region cuts short (a fence left open, a list going on) starts no block there: the region grows to the next old
 * start, and after a few tries runs to the end. `restyled` is the lines whose styles were found again.
 */
export function updateMarkdownBlocks(
  previous: MarkdownBlocks,
  plain: string,
  lineStartOf: (line: number) => number,
  lineCount: number,
  changed: { readonly from: number; readonly to: number },
): { blocks: MarkdownBlocks; restyled: { from: number; to: number } } {
  const shift = lineCount - previous.lineCount;
  const a = Math.max(0, Math.min(changed.from, lineCount - 1));
  const b = Math.max(a, Math.min(changed.to, lineCount - 1));
  const starts = previous.topStarts;
  // The block before the last one that starts above the edit (one more than needed, as a margin).
  const before = firstAbove(starts, a - 1) - 2;
  const from = before >= 0 ? starts[before]! : 0;
  let j = firstAbove(starts, b - shift);
  for (let attempt = 0; ; attempt++, j++) {
    const last = attempt >= REGION_ATTEMPTS || j >= starts.length;
    const end = last ? lineCount : starts[j]! + shift;
    const next = last || j + 1 >= starts.length ? lineCount : starts[j + 1]! + shift;
    const region = parseBlocks(plain.slice(lineStartOf(from), next < lineCount ? lineStartOf(next) : plain.length), from);
    if (!last && !region.topStarts.includes(end)) continue;
    // Before the region and after it, the old structure (moved), copied as arrays: no object per line.
    const oldEnd = end - shift;
    const keptStarts = firstAbove(starts, from - 1);
    const movedStarts = last ? starts.length : j;
    const regionStarts = region.topStarts.filter((s) => s < end);
    const topStarts = new Int32Array(keptStarts + regionStarts.length + starts.length - movedStarts);
    topStarts.set(starts.subarray(0, keptStarts));
    topStarts.set(regionStarts, keptStarts);
    for (let k = movedStarts, o = keptStarts + regionStarts.length; k < starts.length; k++, o++) topStarts[o] = starts[k]! + shift;
    const lines = previous.styledLines;
    const keptLines = firstAbove(lines, from - 1);
    const movedLines = last ? lines.length : firstAbove(lines, oldEnd - 1);
    const regionStyled = [...region.styled].filter(([line]) => line < end).sort((x, y) => x[0] - y[0]);
    const styledLines = new Int32Array(keptLines + regionStyled.length + lines.length - movedLines);
    styledLines.set(lines.subarray(0, keptLines));
    regionStyled.forEach(([line], k) => (styledLines[keptLines + k] = line));
    for (let k = movedLines, o = keptLines + regionStyled.length; k < lines.length; k++, o++) styledLines[o] = lines[k]! + shift;
    const styles = [...previous.styles.slice(0, keptLines), ...regionStyled.map((e) => e[1]), ...previous.styles.slice(movedLines)];
    return { blocks: { lineCount, topStarts, styledLines, styles }, restyled: { from, to: end - 1 } };
  }
}

/** The styles of lines `from` to `to` (inclusive), by line. */
export function stylesBetween(blocks: MarkdownBlocks, from: number, to: number): Map<number, MarkdownBlock> {
  const found = new Map<number, MarkdownBlock>();
  for (let k = firstAbove(blocks.styledLines, from - 1); k < blocks.styledLines.length && blocks.styledLines[k]! <= to; k++) found.set(blocks.styledLines[k]!, blocks.styles[k]!);
  return found;
}
