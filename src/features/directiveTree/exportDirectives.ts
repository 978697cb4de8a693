import * as vscode from 'vscode';
import { directivesToCsv, directivesToMarkdown } from '../../core/export/directives';
import type { DocumentIndex } from '../../services/documentIndex';
import { documentName } from '../../util/documents';
import { activeDocument } from '../../services/editorRegistry';
import type { ExportTargets } from '../../services/exportTargets';
import type { ExtensionSettings } from '../../settings';
import { directivesCount } from '../../util/messages';

type DirectiveFormat = 'csv' | 'markdown';

export interface ExportDirectivesArgs {
  readonly format?: DirectiveFormat;
  readonly target?: vscode.Uri;
  /** The document to export; defaults to the active one (or the tree node the command was run on). */
  readonly uri?: vscode.Uri;
}

function isFormat(value: unknown): value is DirectiveFormat {
  return value === 'csv' || value === 'markdown';
}

/** `policyAnnotator.exportDirectives`: all directives of a document as CSV or Markdown. */
export async function exportDirectives(index: DocumentIndex, settings: ExtensionSettings, exportTargets: ExportTargets, arg?: unknown): Promise<vscode.Uri | undefined> {
  const args = (arg && typeof arg === 'object' ? arg : {}) as ExportDirectivesArgs & { type?: string };
  const uri = args.uri instanceof vscode.Uri ? args.uri : undefined;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : activeDocument();
  if (!doc) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a document to export its directives.'));
    return undefined;
  }
  let format = args.format;
  if (format !== undefined && !isFormat(format)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Unknown export format "{0}": use csv or markdown.', String(format)));
    return undefined;
  }
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'CSV', description: vscode.l10n.t('for spreadsheets'), format: 'csv' as const },
        { label: 'Markdown', description: vscode.l10n.t('a reading list with sections as headings'), format: 'markdown' as const },
      ],
      { title: vscode.l10n.t('Export directives as') },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  const analysis = index.analysisOf(doc);
  const name = documentName(doc);
  const content =
    format === 'csv'
      ? directivesToCsv(analysis.parsed.text, analysis.items, name, { bom: true, neutralizeFormulas: settings.neutralizeCsvFormulas })
      : directivesToMarkdown(analysis.parsed.text, analysis.items, name);
  const extension = format === 'csv' ? 'csv' : 'md';
  let target = args.target instanceof vscode.Uri ? args.target : undefined;
  const interactive = !target;
  if (!target) {
    const base = doc.uri.scheme === 'untitled' ? undefined : doc.uri.with({ path: doc.uri.path.replace(/(\.[^./]*)?$/, `.directives.${extension}`) });
    target = await vscode.window.showSaveDialog({ ...(base ? { defaultUri: base } : {}), filters: { [format === 'csv' ? 'CSV' : 'Markdown']: [extension] } });
    if (!target) return undefined;
  }
  if (!(await exportTargets.mayWrite(doc, [target], { interactive, confirmed: interactive ? [target] : [] }))) return undefined;
  await exportTargets.write(target, content);
  const count = analysis.items.filter((i) => i.kind === 'directive').length;
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} to {1}.', directivesCount(count), target.path.slice(target.path.lastIndexOf('/') + 1)));
  return target;
}
