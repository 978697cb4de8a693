import * as vscode from 'vscode';

/** Lines drawn beyond the visible ones, above and below: scrolling within them needs no redraw. */
const MARGIN_LINES = 400;

/** The stretch of an editor's document whose decorations are drawn, in lines and in document offsets. */
export interface DecorationWindow {
  readonly firstLine: number;
  readonly lastLine: number;
  readonly from: number;
  readonly to: number;
}

function visibleLines(editor: vscode.TextEditor): { first: number; last: number } {
  const ranges = editor.visibleRanges;
  if (ranges.length === 0) return { first: editor.selection.active.line, last: editor.selection.active.line };
  return { first: ranges[0]!.start.line, last: ranges[ranges.length - 1]!.end.line };
}

/**
 * The visible lines of the editor and a margin around them (the whole of a short document): decorations of a
 * 20 MB document are drawn for what can be seen, not for every line on every pause.
 */
export function decorationWindow(editor: vscode.TextEditor): DecorationWindow {
  const doc = editor.document;
  const { first, last } = visibleLines(editor);
  const margin = Math.max(MARGIN_LINES, 2 * (last - first));
  const firstLine = Math.max(0, first - margin);
  const lastLine = Math.min(doc.lineCount - 1, last + margin);
  return { firstLine, lastLine, from: doc.offsetAt(new vscode.Position(firstLine, 0)), to: doc.offsetAt(doc.lineAt(lastLine).range.end) };
}

/** True when the editor's visible lines came near an edge of the window drawn (one that is not the document's). */
export function nearWindowEdge(editor: vscode.TextEditor, drawn: DecorationWindow): boolean {
  const { first, last } = visibleLines(editor);
  const slack = MARGIN_LINES / 2;
  return (drawn.firstLine > 0 && first - slack < drawn.firstLine) || (drawn.lastLine < editor.document.lineCount - 1 && last + slack > drawn.lastLine);
}

/**
 * Calls `redraw` for an editor whose visible lines came near the edge of its drawn window (scrolling a long
 * document); `drawnFor` says which window each editor was last drawn for.
 */
export function onWindowLeft(drawnFor: (editor: vscode.TextEditor) => DecorationWindow | undefined, redraw: (editor: vscode.TextEditor) => void): vscode.Disposable {
  return vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
    const drawn = drawnFor(e.textEditor);
    if (drawn && nearWindowEdge(e.textEditor, drawn)) redraw(e.textEditor);
  });
}
