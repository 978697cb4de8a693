import * as vscode from 'vscode';
import { directiveHighlights, type HighlightRange } from '../../core/directives/highlights';
import { decorationWindow, onWindowLeft, type DecorationWindow } from '../../services/decorationWindow';
import type { DocumentIndex } from '../../services/documentIndex';
import { isCandidateDocument } from '../../services/documentIndex';
import { DisposableStore } from '../../util/dispose';

/** What was last drawn in each editor, by kind, and for which window (test builds read it: it is what the user sees). */
export type DrawnHighlights = Record<'triggers' | 'modals' | 'negations', [number, number][]> & { window: DecorationWindow };

/**
 * Section triggers (全会提出) and the modal 要 of directives in the text editor, drawn from the document index: the
 * same items the Directives tree lists, the user's extra triggers and exclusions included. (The TextMate grammar
 * styles only the markup; a second set of hand-written patterns there drifted from the rules.)
 */
class DirectiveHighlight extends DisposableStore {
  private readonly trigger = this.register(
    vscode.window.createTextEditorDecorationType({ fontWeight: 'bold', color: new vscode.ThemeColor('policyAnnotator.trigger') }),
  );
  private readonly modal = this.register(
    vscode.window.createTextEditorDecorationType({ fontWeight: 'bold', color: new vscode.ThemeColor('policyAnnotator.modal') }),
  );
  private readonly negation = this.register(
    vscode.window.createTextEditorDecorationType({ fontWeight: 'bold', color: new vscode.ThemeColor('policyAnnotator.negation') }),
  );
  readonly drawn = new WeakMap<vscode.TextEditor, DrawnHighlights>();

  constructor(private readonly index: DocumentIndex) {
    super();
    this.register(index.onDidChange((uri) => this.updateWhere(uri)));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.updateWhere(undefined)));
    this.register(onWindowLeft((editor) => this.drawn.get(editor)?.window, (editor) => this.update(editor)));
    this.updateWhere(undefined);
  }

  private updateWhere(uri: vscode.Uri | undefined): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!uri || editor.document.uri.toString() === uri.toString()) this.update(editor);
    }
  }

  private update(editor: vscode.TextEditor): void {
    const doc = editor.document;
    if (!isCandidateDocument(doc)) return;
    const analysis = this.index.lastAnalysis(doc.uri);
    // Between an edit and its analysis, decorations move with the text; the new ones follow after the pause.
    if (!analysis || analysis.version !== doc.version) return;
    const window = decorationWindow(editor);
    const { triggers, modals, negations } = directiveHighlights(analysis.parsed, analysis.items, window);
    const ranges = (list: readonly HighlightRange[]): vscode.Range[] => list.map((r) => new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)));
    editor.setDecorations(this.trigger, ranges(triggers));
    editor.setDecorations(this.modal, ranges(modals));
    editor.setDecorations(this.negation, ranges(negations));
    const pairs = (list: readonly HighlightRange[]): [number, number][] => list.map((r) => [r.start, r.end]);
    this.drawn.set(editor, { triggers: pairs(triggers), modals: pairs(modals), negations: pairs(negations), window });
  }
}

export function registerDirectiveHighlight(index: DocumentIndex): vscode.Disposable & { drawnIn(editor: vscode.TextEditor): DrawnHighlights | undefined } {
  const feature = new DirectiveHighlight(index);
  return Object.assign(feature, { drawnIn: (editor: vscode.TextEditor) => feature.drawn.get(editor) });
}
