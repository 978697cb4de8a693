import * as vscode from 'vscode';
import { customEditorFor } from './editorRegistry';
import { documentLength } from '../util/documents';

/** A document range to reveal: a URI (or its string form) and offsets in the document's text. */
export interface RevealTarget {
  readonly uri: vscode.Uri | string;
  readonly start: number;
  readonly end: number;
}

export function isRevealTarget(value: unknown): value is RevealTarget {
  const v = value as Partial<RevealTarget> | null;
  return (
    typeof v === 'object' && v !== null && (typeof v.uri === 'string' || v.uri instanceof vscode.Uri) &&
    Number.isInteger(v.start) && Number.isInteger(v.end) && (v.start as number) >= 0 && (v.end as number) >= (v.start as number)
  );
}

/** The editor showing `uri`, made visible and focused (opened if needed). */
async function editorFor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const doc = visible?.document ?? (await vscode.workspace.openTextDocument(uri));
  return vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn, preserveFocus: false, preview: false });
}

/**
 * Selects `[start, end)` of the document and scrolls it into view: in the custom editor when the document is
 * shown in one (it scrolls and flashes), else in a text editor.
 */
export async function revealRange(target: RevealTarget): Promise<vscode.TextEditor | undefined> {
  const uri = typeof target.uri === 'string' ? vscode.Uri.parse(target.uri) : target.uri;
  const custom = customEditorFor(uri);
  if (custom && (custom.active || !vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri.toString()))) {
    custom.reveal(target.start, target.end, true);
    return undefined;
  }
  const editor = await editorFor(uri);
  const doc = editor.document;
  const length = documentLength(doc);
  const range = new vscode.Range(doc.positionAt(Math.min(target.start, length)), doc.positionAt(Math.min(target.end, length)));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
