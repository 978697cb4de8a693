import * as vscode from 'vscode';
import { annotationsToCsv, annotationsToJson, collectAnnotations } from '../../core/export/annotations';
import { fromBrat, toBrat } from '../../core/export/brat';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { documentName } from '../../util/documents';
import { activeDocument } from '../../services/editorRegistry';
import { annotationsCount, bratProblemMessage } from '../../util/messages';
import { readTextFile } from '../../util/files';
import type { ExportTargets } from '../../services/exportTargets';
import type { ExtensionSettings } from '../../settings';

type AnnotationFormat = 'csv' | 'json' | 'brat';

function withExtension(uri: vscode.Uri, extension: string): vscode.Uri {
  return uri.with({ path: uri.path.replace(/(\.[^./]*)?$/, extension) });
}

/** `policyAnnotator.exportAnnotations`: `{ format, target? }`; brat writes `target` (.ann) and the .txt beside it. */
async function exportAnnotations(index: DocumentIndex, settings: ExtensionSettings, exportTargets: ExportTargets, arg?: unknown): Promise<vscode.Uri | undefined> {
  const doc = activeDocument();
  if (!doc) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an annotated document to export its annotations.'));
    return undefined;
  }
  const args = (arg && typeof arg === 'object' ? arg : {}) as { format?: unknown; target?: unknown; bom?: unknown };
  let format = args.format as AnnotationFormat | undefined;
  if (format !== undefined && format !== 'csv' && format !== 'json' && format !== 'brat') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Unknown export format "{0}": use csv, json or brat.', String(format)));
    return undefined;
  }
  if (!format) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'CSV', description: vscode.l10n.t('one row per tag, for spreadsheets'), format: 'csv' as const },
        { label: 'JSON', description: vscode.l10n.t('for scripts'), format: 'json' as const },
        { label: 'brat standoff', description: vscode.l10n.t('.txt + .ann, opens in brat and INCEpTION'), format: 'brat' as const },
      ],
      { title: vscode.l10n.t('Export annotations as') },
    );
    if (!picked) return undefined;
    format = picked.format;
  }
  const analysis = index.analysisOf(doc);
  const extension = format === 'brat' ? '.ann' : `.annotations.${format}`;
  let target = args.target instanceof vscode.Uri ? args.target : undefined;
  const interactive = !target;
  if (!target) {
    target = await vscode.window.showSaveDialog({ ...(doc.isUntitled ? {} : { defaultUri: withExtension(doc.uri, extension) }) });
    if (!target) return undefined;
  }
  // The save dialog confirmed the file the user chose; brat's .txt beside it was never shown to them.
  const how = { interactive, confirmed: interactive ? [target] : [] };
  if (format === 'brat') {
    const txt = withExtension(target, '.txt');
    if (!(await exportTargets.mayWrite(doc, [target, txt], how))) return undefined;
    const brat = toBrat(analysis.parsed);
    await exportTargets.write(txt, brat.txt);
    await exportTargets.write(target, brat.ann);
  } else {
    if (!(await exportTargets.mayWrite(doc, [target], how))) return undefined;
    const records = collectAnnotations(analysis.parsed, documentName(doc));
    const csvOptions = { bom: args.bom !== false, neutralizeFormulas: settings.neutralizeCsvFormulas };
    await exportTargets.write(target, format === 'csv' ? annotationsToCsv(records, csvOptions) : annotationsToJson(records));
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('Exported {0}.', annotationsCount(analysis.parsed.spans.length)), 3000);
  return target;
}

/** `policyAnnotator.importBrat`: `{ ann?: Uri }` → a new marked-up document; conflicts are listed, not dropped silently. */
async function importBrat(arg?: unknown): Promise<vscode.TextDocument | undefined> {
  const given = arg && typeof arg === 'object' ? (arg as { ann?: unknown }).ann : undefined;
  let ann = given instanceof vscode.Uri ? given : undefined;
  if (!ann) {
    const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { brat: ['ann'] }, title: vscode.l10n.t('Import brat standoff (.ann)') });
    ann = picked?.[0];
    if (!ann) return undefined;
  }
  let txt: string;
  let annText: string;
  try {
    [txt, annText] = await Promise.all([readTextFile(withExtension(ann, '.txt')), readTextFile(ann)]);
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot read the brat files (a .txt beside the .ann is needed): {0}', (e as Error).message));
    return undefined;
  }
  const result = fromBrat(txt, annText);
  const doc = await vscode.workspace.openTextDocument({ content: result.text, language: 'plaintext' });
  await vscode.window.showTextDocument(doc);
  if (result.problems.length > 0) {
    const details = result.problems.map((p) => vscode.l10n.t('line {0}: {1}', p.line, bratProblemMessage(p))).join('\n');
    void vscode.window.showWarningMessage(vscode.l10n.t('Imported {0} annotations; {1} could not be imported.', result.imported, result.problems.length), { modal: false, detail: details });
  }
  return doc;
}

export function registerExportImport(index: DocumentIndex, settings: ExtensionSettings, exportTargets: ExportTargets): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.exportAnnotations, (arg?: unknown) => exportAnnotations(index, settings, exportTargets, arg)),
    vscode.commands.registerCommand(Commands.importBrat, (arg?: unknown) => importBrat(arg)),
  );
}
