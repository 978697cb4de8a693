import * as vscode from 'vscode';
import { mapOffset } from '../core/text/edits';

/** Length of the document's text in UTF-16 units, without copying the text (it may be 5 MB). */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

export function documentName(doc: vscode.TextDocument): string {
  const path = doc.uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || doc.uri.toString();
}

/** Applies edits to a document as one WorkspaceEdit (one undo step); false when the editor refused them. */
export async function applyDocumentEdits(doc: vscode.TextDocument, edits: readonly { start: number; end: number; newText: string }[]): Promise<boolean> {
  if (edits.length === 0) return true;
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return vscode.workspace.applyEdit(edit);
}

/** Applies edits and keeps the selections of the editor showing `doc` on the same text (an edit covering a
 *  selection would otherwise collapse it). */
export async function applyEditsKeepingSelections(doc: vscode.TextDocument, edits: readonly { start: number; end: number; newText: string }[]): Promise<boolean> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  const before = editor?.selections.map((s) => ({ anchor: doc.offsetAt(s.anchor), active: doc.offsetAt(s.active), reversed: s.isReversed }));
  const applied = await applyDocumentEdits(doc, edits);
  if (applied && editor && before) {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    editor.selections = before.map(({ anchor, active, reversed }) => {
      const [start, end] = reversed ? [active, anchor] : [anchor, active];
      const s = doc.positionAt(mapOffset(start, sorted, 'start'));
      const e = doc.positionAt(mapOffset(end, sorted, 'end'));
      return reversed ? new vscode.Selection(e, s) : new vscode.Selection(s, e);
    });
  }
  return applied;
}
