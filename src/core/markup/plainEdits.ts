import type { TextEdit } from '../text/edits';
import type { ParsedDocument } from './parse';

/** An edit of the plain text; `phrase` marks a replacement that changes length and must stay whole. */
export interface PlainEdit extends TextEdit {
  readonly phrase?: boolean;
}

export interface DocumentEdits {
  readonly edits: TextEdit[];
  /**
   * Annotation borders that moved so that a length-changing phrase stays whole (the phrase went to the side of the
   * border where most of it lay). The plain text is still exactly the converted one; the user is told the count.
   */
  readonly movedBorders: number;
}

/**
 * Turns edits of the plain text into edits of the document, never touching markup. An edit inside one kept run
 * maps directly; a same-length edit across markup is split run by run (character for character); a phrase that
 * changes length across markup is written whole into the run that holds most of it (the deeper one on a tie, so
 * an annotation keeps its text) and removed from the others — the border moves, and is counted.
 */
export function plainEditsToDocument(parsed: ParsedDocument, plainEdits: readonly PlainEdit[]): DocumentEdits {
  const { map } = parsed;
  // Edits without the phrase mark are passed on as they are: a 5 MB conversion has some 350,000 of them.
  const strip = (e: PlainEdit): TextEdit => (e.phrase === undefined ? e : { start: e.start, end: e.end, newText: e.newText });
  if (map.isIdentity) return { edits: plainEdits.map(strip), movedBorders: 0 };
  const runs = map.runs();
  const edits: TextEdit[] = [];
  let movedBorders = 0;
  let r = 0;
  for (const edit of plainEdits) {
    const length = edit.end - edit.start;
    const start = map.toDoc(edit.start, 'after');
    const end = length === 0 ? start : map.toDoc(edit.end, 'before');
    if (end - start === length) {
      edits.push({ start, end, newText: edit.newText });
      continue;
    }
    while (r < runs.length && runs[r]!.plainStart + runs[r]!.length <= edit.start) r++;
    const pieces: { docStart: number; docEnd: number; from: number; to: number }[] = [];
    for (let k = r; k < runs.length && runs[k]!.plainStart < edit.end; k++) {
      const run = runs[k]!;
      const from = Math.max(edit.start, run.plainStart);
      const to = Math.min(edit.end, run.plainStart + run.length);
      if (to > from) pieces.push({ docStart: run.docStart + (from - run.plainStart), docEnd: run.docStart + (to - run.plainStart), from, to });
    }
    if (!edit.phrase && (edit.newText.length === length || edit.newText === '')) {
      for (const p of pieces) edits.push({ start: p.docStart, end: p.docEnd, newText: edit.newText.slice(p.from - edit.start, p.to - edit.start) });
      continue;
    }
    let chosen = 0;
    for (let k = 1; k < pieces.length; k++) {
      const a = pieces[k]!;
      const b = pieces[chosen]!;
      const longer = a.to - a.from - (b.to - b.from);
      if (longer > 0 || (longer === 0 && depthAt(parsed, a.docStart) > depthAt(parsed, b.docStart))) chosen = k;
    }
    pieces.forEach((p, k) => edits.push({ start: p.docStart, end: p.docEnd, newText: k === chosen ? edit.newText : '' }));
    movedBorders++;
  }
  return { edits, movedBorders };
}

/** How many spans enclose the text at a document offset. */
function depthAt(parsed: ParsedDocument, offset: number): number {
  let depth = 0;
  for (const span of parsed.spans) if (span.contentStart <= offset && offset < span.contentEnd) depth++;
  return depth;
}
