import type { TextEdit } from '../text/edits';
import type { ParsedDocument } from './parse';

/**
 * Turns edits of the plain text into edits of the document. An edit inside one kept run maps directly. One that
 * crosses markup (a phrase split by a span border) is split run by run when that is well defined — same length,
 * or a deletion — and otherwise left out and counted, so markup is never damaged.
 */
export function plainEditsToDocument(parsed: ParsedDocument, plainEdits: readonly TextEdit[]): { edits: TextEdit[]; skipped: number } {
  const { map } = parsed;
  if (map.isIdentity) return { edits: plainEdits.slice(), skipped: 0 };
  const runs = map.runs();
  const edits: TextEdit[] = [];
  let skipped = 0;
  let r = 0;
  for (const edit of plainEdits) {
    const length = edit.end - edit.start;
    const start = map.toDoc(edit.start, 'after');
    const end = length === 0 ? start : map.toDoc(edit.end, 'before');
    if (end - start === length) {
      edits.push({ start, end, newText: edit.newText });
      continue;
    }
    const splittable = edit.newText.length === length || edit.newText === '';
    if (!splittable) {
      skipped++;
      continue;
    }
    while (r < runs.length && runs[r]!.plainStart + runs[r]!.length <= edit.start) r++;
    for (let k = r; k < runs.length && runs[k]!.plainStart < edit.end; k++) {
      const run = runs[k]!;
      const from = Math.max(edit.start, run.plainStart);
      const to = Math.min(edit.end, run.plainStart + run.length);
      if (to <= from) continue;
      const newText = edit.newText === '' ? '' : edit.newText.slice(from - edit.start, to - edit.start);
      edits.push({ start: run.docStart + (from - run.plainStart), end: run.docStart + (to - run.plainStart), newText });
    }
  }
  return { edits, skipped };
}
