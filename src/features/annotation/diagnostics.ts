import * as vscode from 'vscode';
import type { MarkupProblem } from '../../core/markup/types';
import { SUPPORTED_LANGUAGES } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { isCandidateDocument } from '../../services/documentIndex';
import { DisposableStore } from '../../util/dispose';
import { markupProblemMessage } from '../../util/messages';

const SOURCE = 'Policy Annotator';

/** The part of a problem's range a quick fix removes: the attribute block (or the stray `]{…}` entirely). */
function removalRange(problem: { code: MarkupProblem['code']; start: number; end: number }): [number, number] {
  return problem.code === 'unmatched-close' ? [problem.start, problem.end] : [problem.start + 1, problem.end];
}

/** Malformed attribute blocks and stray `]{…}` in the Problems panel, with a quick fix that removes them. */
class MarkupDiagnostics extends DisposableStore implements vscode.CodeActionProvider {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('policy-annotator'));

  constructor(private readonly index: DocumentIndex) {
    super();
    this.register(index.onDidChange((uri) => (uri ? this.updateUri(uri) : this.updateAll())));
    this.register(vscode.workspace.onDidCloseTextDocument((doc) => this.collection.delete(doc.uri)));
    this.register(
      vscode.languages.registerCodeActionsProvider(
        SUPPORTED_LANGUAGES.map((language) => ({ language })),
        this,
        { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] },
      ),
    );
    this.updateAll();
  }

  private updateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.update(doc);
  }

  private updateUri(uri: vscode.Uri): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) this.update(doc);
    else this.collection.delete(uri);
  }

  private update(doc: vscode.TextDocument): void {
    if (!isCandidateDocument(doc)) return;
    const analysis = this.index.lastAnalysis(doc.uri);
    if (!analysis) return;
    this.collection.set(
      doc.uri,
      analysis.parsed.problems.map((p) => {
        const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)), markupProblemMessage(p), vscode.DiagnosticSeverity.Error);
        d.source = SOURCE;
        d.code = p.code;
        return d;
      }),
    );
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === SOURCE)
      .map((d) => {
        const [start, end] = removalRange({ code: d.code as MarkupProblem['code'], start: doc.offsetAt(d.range.start), end: doc.offsetAt(d.range.end) });
        const title = d.code === 'unmatched-close' ? vscode.l10n.t('Remove the stray "]{…}"') : vscode.l10n.t('Remove the broken attribute block');
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [d];
        action.isPreferred = true;
        action.edit = new vscode.WorkspaceEdit();
        action.edit.delete(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)));
        return action;
      });
  }
}

export function registerMarkupDiagnostics(index: DocumentIndex): vscode.Disposable {
  return new MarkupDiagnostics(index);
}
