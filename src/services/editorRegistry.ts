import * as vscode from 'vscode';

/** A custom editor showing a document, as other features see it (they never import the editor feature). */
export interface OpenCustomEditor {
  readonly document: vscode.TextDocument;
  readonly active: boolean;
  readonly visible: boolean;
  /** The selection in the editor, in document offsets. */
  readonly selection: { readonly start: number; readonly end: number };
  /** Scrolls to `[start, end)`, flashes it and optionally selects it. */
  reveal(start: number, end: number, select: boolean): void;
}

const editors = new Set<OpenCustomEditor>();
const selectionChanged = new vscode.EventEmitter<OpenCustomEditor>();

/** Fired when the selection of a Policy Annotator editor changes (the tree follows it, as it follows text editors). */
export const onDidChangeCustomEditorSelection = selectionChanged.event;

export function notifyCustomEditorSelection(editor: OpenCustomEditor): void {
  selectionChanged.fire(editor);
}

export function addCustomEditor(editor: OpenCustomEditor): { dispose(): void } {
  editors.add(editor);
  return { dispose: () => editors.delete(editor) };
}

/** The active custom editor, if a custom editor has focus. */
export function activeCustomEditor(): OpenCustomEditor | undefined {
  for (const e of editors) if (e.active) return e;
  return undefined;
}

/** A visible custom editor on `uri` (the active one first). */
export function customEditorFor(uri: vscode.Uri): OpenCustomEditor | undefined {
  const key = uri.toString();
  const matching = [...editors].filter((e) => e.document.uri.toString() === key && e.visible);
  return matching.find((e) => e.active) ?? matching[0];
}

/** The document commands act on: the active custom editor's, else the active text editor's (SPEC §9). */
export function activeDocument(): vscode.TextDocument | undefined {
  return activeCustomEditor()?.document ?? vscode.window.activeTextEditor?.document;
}
