import type { RenderLine } from './types';

/**
 * The text consecutive lines show from `start` (an offset in the first line) to `end` (an offset in the last line),
 * a line break between lines: what copying from the Policy Annotator editor gives (markup hidden, the display's
 * script). A displayed phrase whose length differs from its source (简/繁 display) is taken whole if touched.
 */
export function shownTextBetween(lines: readonly RenderLine[], start: number, end: number): string {
  const out: string[] = [];
  lines.forEach((line, k) => {
    const from = k === 0 ? start : 0;
    const to = k === lines.length - 1 ? end : line.len;
    let text = '';
    line.segs.forEach((seg, i) => {
      const sourceEnd = seg.x ? (line.segs[i + 1]?.o ?? line.len) : seg.o + seg.t.length;
      if (sourceEnd <= from || seg.o >= to) return;
      text += seg.x ? seg.t : seg.t.slice(Math.max(0, from - seg.o), Math.min(seg.t.length, to - seg.o));
    });
    out.push(text);
  });
  return out.join('\n');
}
