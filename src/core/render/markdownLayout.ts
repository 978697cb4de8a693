import MarkdownIt from 'markdown-it';
import type { ParsedDocument } from '../markup/parse';

/** How a line of a Markdown document is shown: a heading of a level, a list item, a quotation. */
export type MarkdownBlock = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'li' | 'quote';

/** Where Markdown syntax is in a document, in document offsets: what to hide and what to style. */
export interface MarkdownLayout {
  /** Block style by line number. */
  readonly blocks: ReadonlyMap<number, MarkdownBlock>;
  /** Syntax shown as style instead: `# `, `> `, `- `, `1. `, `**`, `*`, `` ` ``. */
  readonly hidden: readonly [number, number][];
  readonly strong: readonly [number, number][];
  readonly emphasis: readonly [number, number][];
}

/**
 * markdown-it (the parser VS Code itself uses), HTML disabled, with its block rules only: only the block structure
 * is read, and its inline rules took two thirds of a parse (5 MB: 580 ms in all, 190 ms for the blocks).
 */
let parser: MarkdownIt | undefined;

/** The block structure of a document and where its plain lines start, found once per parse of the document. */
interface Blocks {
  readonly blocks: Map<number, MarkdownBlock>;
  readonly lineStarts: readonly number[];
}

/** Kept per parsed document: every window of a long document's render reads the same structure. */
const blocksOfParsed = new WeakMap<ParsedDocument, Blocks>();

function blocksOf(parsed: ParsedDocument): Blocks {
  const known = blocksOfParsed.get(parsed);
  if (known) return known;
  if (!parser) {
    parser = new MarkdownIt({ html: false, linkify: false });
    parser.core.ruler.enableOnly(['normalize', 'block']);
  }
  const plain = parsed.plain;
  const lineStarts = [0];
  for (let i = plain.indexOf('\n'); i >= 0; i = plain.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const blocks = new Map<number, MarkdownBlock>();
  for (const token of parser.parse(plain, {})) {
    if (!token.map) continue;
    const [from, to] = token.map;
    if (token.type === 'heading_open') blocks.set(from, token.tag as MarkdownBlock);
    else if (token.type === 'list_item_open') blocks.set(from, 'li');
    else if (token.type === 'blockquote_open') for (let l = from; l < to; l++) if (!blocks.has(l)) blocks.set(l, 'quote');
  }
  const found = { blocks, lineStarts };
  blocksOfParsed.set(parsed, found);
  return found;
}

/**
 * The Markdown structure of a document, for the Policy Annotator editor: blocks from markdown-it's tokens (their
 * line maps), and the syntax characters of each line, so that the editor hides them while every offset it shows
 * stays the document's own (tagging wraps exactly the source range). Annotation markup is removed first (the
 * plain text keeps every line break, so line numbers agree). With `lines`, the syntax of those lines only (the
 * blocks are the whole document's, found once per parse).
 */
export function markdownLayout(parsed: ParsedDocument, lines?: { readonly from: number; readonly to: number }): MarkdownLayout {
  const plain = parsed.plain;
  const { blocks, lineStarts } = blocksOf(parsed);
  const lineText = (l: number): string => plain.slice(lineStarts[l]!, (lineStarts[l + 1] ?? plain.length + 1) - 1);
  const hidden: [number, number][] = [];
  const strong: [number, number][] = [];
  const emphasis: [number, number][] = [];
  const toDoc = (a: number, b: number): [number, number] => [parsed.map.toDoc(a, 'after'), parsed.map.toDoc(b, 'before')];
  const lastLine = Math.min(lineStarts.length - 1, lines ? lines.to : Infinity);
  for (let l = lines ? Math.max(0, lines.from) : 0; l <= lastLine; l++) {
    const base = lineStarts[l]!;
    const line = lineText(l);
    if (line.trim() === '') continue;
    const prefix = /^[ \t]*(?:#{1,6}[ \t]+|(?:>[ \t]?)+(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/.exec(line);
    const prefixEnd = prefix && (blocks.has(l) || /^[ \t]*>/.test(line)) ? prefix[0].length : 0;
    if (prefixEnd > 0) hidden.push(toDoc(base, base + prefixEnd));
    if (blocks.get(l)?.startsWith('h')) {
      const closing = /[ \t]+#+[ \t]*$/.exec(line);
      if (closing) hidden.push(toDoc(base + closing.index, base + line.length));
    }
    // Emphasis: `**…**` / `__…__` strong, `*…*` / `_…_` emphasis, `` `…` `` code; markers hidden, text styled.
    const marks = /\*\*|__|\*|_|`/g;
    marks.lastIndex = prefixEnd;
    const open = new Map<string, number>();
    for (let m = marks.exec(line); m; m = marks.exec(line)) {
      const mark = m[0];
      // `_` inside a word (snake_case) is text, as in CommonMark.
      if (mark[0] === '_' && /\w/.test(line[m.index - 1] ?? '') && /\w/.test(line[m.index + mark.length] ?? '')) continue;
      const at = open.get(mark);
      if (at === undefined) {
        open.set(mark, m.index);
        continue;
      }
      open.delete(mark);
      if (m.index === at + mark.length) continue;
      hidden.push(toDoc(base + at, base + at + mark.length), toDoc(base + m.index, base + m.index + mark.length));
      if (mark === '**' || mark === '__') strong.push(toDoc(base + at + mark.length, base + m.index));
      else if (mark !== '`') emphasis.push(toDoc(base + at + mark.length, base + m.index));
    }
  }
  const byStart = (a: [number, number], b: [number, number]): number => a[0] - b[0];
  return { blocks, hidden: hidden.sort(byStart), strong: strong.sort(byStart), emphasis: emphasis.sort(byStart) };
}
