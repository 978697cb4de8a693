import type { ParsedDocument } from '../markup/parse';
import { stylesBetween, type MarkdownBlock, type MarkdownBlocks } from './markdownBlocks';

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
 * The Markdown structure of lines `from` to `to` of a document, for the Policy Annotator editor: their block styles
 * (from markdown-it's block structure, `blocks`) and their syntax characters, so that the editor hides them while
 * every offset it shows stays the document's own (tagging wraps exactly the source range). Annotation markup is
 * removed first (the plain text keeps every line break, so line numbers agree). `lineStartOf` gives where a line
 * starts in the plain text.
 */
export function markdownLayout(parsed: ParsedDocument, blocks: MarkdownBlocks, lineStartOf: (line: number) => number, lines: { readonly from: number; readonly to: number }): MarkdownLayout {
  const plain = parsed.plain;
  const lineCount = blocks.lineCount;
  const styles = stylesBetween(blocks, lines.from, lines.to);
  const lineText = (l: number): string => plain.slice(lineStartOf(l), l + 1 < lineCount ? lineStartOf(l + 1) - 1 : plain.length);
  const hidden: [number, number][] = [];
  const strong: [number, number][] = [];
  const emphasis: [number, number][] = [];
  const toDoc = (a: number, b: number): [number, number] => [parsed.map.toDoc(a, 'after'), parsed.map.toDoc(b, 'before')];
  const lastLine = Math.min(lineCount - 1, lines.to);
  for (let l = Math.max(0, lines.from); l <= lastLine; l++) {
    const base = lineStartOf(l);
    const line = lineText(l);
    if (line.trim() === '' || styles.get(l) === 'code') continue;
    const prefix = /^[ \t]*(?:#{1,6}[ \t]+|(?:>[ \t]?)+(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/.exec(line);
    const prefixEnd = prefix && (styles.has(l) || /^[ \t]*>/.test(line)) ? prefix[0].length : 0;
    if (prefixEnd > 0) hidden.push(toDoc(base, base + prefixEnd));
    if (styles.get(l)?.startsWith('h')) {
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
  return { blocks: styles, hidden: hidden.sort(byStart), strong: strong.sort(byStart), emphasis: emphasis.sort(byStart) };
}
