import * as vscode from 'vscode';
import type { MarkupProblem } from '../../core/markup/types';
import { SUPPORTED_LANGUAGES } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { isCandidateDocument } from '../../services/documentIndex';
import { DisposableStore } from '../../util/dispose';
import { markupProblemMessage, pandocTagMessage } from '../../util/messages';
import { isValidTagName, suggestTagName } from '../../core/markup/attributes';
import { setSpanAttributes } from '../../core/markup/spanEdits';

/** Diagnostic code of a tag that Pandoc would not read as a class. */
const TAG_NOT_PANDOC = 'tag-not-pandoc';

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
    const errors = analysis.parsed.problems.map((p) => {
      const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(p.start), doc.positionAt(p.end)), markupProblemMessage(p), vscode.DiagnosticSeverity.Error);
      d.source = SOURCE;
      d.code = p.code;
      return d;
    });
    // Tags Pandoc would read as literal text (1号, 目标（一）): the span works here, but not in Pandoc.
    const warnings = analysis.parsed.spans
      .filter((span) => span.tags.some((t) => !isValidTagName(t)))
      .map((span) => {
        const bad = span.tags.filter((t) => !isValidTagName(t));
        const d = new vscode.Diagnostic(new vscode.Range(doc.positionAt(span.contentEnd + 1), doc.positionAt(span.end)), pandocTagMessage(bad), vscode.DiagnosticSeverity.Warning);
        d.source = SOURCE;
        d.code = TAG_NOT_PANDOC;
        return d;
      });
    this.collection.set(doc.uri, [...errors, ...warnings]);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics
      .filter((d) => d.source === SOURCE)
      .map((d) => {
        if (d.code === TAG_NOT_PANDOC) return this.renameTagsFix(doc, d);
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

  /** Renames the span's non-Pandoc tags to the nearest Pandoc class names (目标（一）→ 目标-一). */
  private renameTagsFix(doc: vscode.TextDocument, d: vscode.Diagnostic): vscode.CodeAction {
    const blockStart = doc.offsetAt(d.range.start);
    const span = this.index.analysisOf(doc).parsed.spans.find((s) => s.contentEnd + 1 === blockStart);
    const renamed = span ? span.tags.map((t) => (isValidTagName(t) ? t : suggestTagName(t))) : [];
    const action = new vscode.CodeAction(vscode.l10n.t('Rename to {0}', renamed.filter((t, i) => t !== span?.tags[i]).join(', ')), vscode.CodeActionKind.QuickFix);
    action.diagnostics = [d];
    action.isPreferred = true;
    const result = span ? setSpanAttributes(span, [...new Set(renamed)], span.attributes) : undefined;
    if (result?.ok) {
      action.edit = new vscode.WorkspaceEdit();
      for (const e of result.edits) action.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
    }
    return action;
  }
}

export function registerMarkupDiagnostics(index: DocumentIndex): vscode.Disposable {
  return new MarkupDiagnostics(index);
}
