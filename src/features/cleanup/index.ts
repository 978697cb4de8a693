import * as vscode from 'vscode';
import { planCleanup, type CleanupKind } from '../../core/clean/cleanup';
import { applyEdits, type TextEdit } from '../../core/text/edits';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { applyEditsKeepingSelections, documentName } from '../../util/documents';
import { activeDocument } from '../../services/editorRegistry';
import { applyIfStillWanted, canEditInPlace, selectedRanges } from '../../services/editGuards';
import { PREVIEW_SCHEME, ProposedTextProvider } from './previewProvider';

function confirmation(kind: CleanupKind, count: number): string {
  switch (kind) {
    case 'removePinyin':
      return vscode.l10n.t('Remove {0} injected pinyin readings?', count);
    case 'collapsePunctuation':
      return vscode.l10n.t('Collapse {0} runs of doubled punctuation?', count);
    case 'normalizePunctuation':
      return vscode.l10n.t('Make {0} punctuation marks full-width?', count);
  }
}

function title(kind: CleanupKind): string {
  switch (kind) {
    case 'removePinyin':
      return vscode.l10n.t('Remove injected pinyin');
    case 'collapsePunctuation':
      return vscode.l10n.t('Collapse doubled punctuation');
    case 'normalizePunctuation':
      return vscode.l10n.t('Normalize punctuation width');
  }
}

export interface CleanupResult {
  readonly applied: boolean;
  readonly changes: number;
}

/**
 * Runs one clean-up on the selections (or the whole document). With `{ preview: false }` it applies at once;
 * otherwise it says how many changes it will make and offers a diff preview before applying. One undo step.
 */
async function runCleanup(kind: CleanupKind, index: DocumentIndex, previews: ProposedTextProvider, arg?: unknown): Promise<CleanupResult> {
  const doc = activeDocument();
  if (!canEditInPlace(doc)) return { applied: false, changes: 0 };
  const skipPreview = !!arg && typeof arg === 'object' && (arg as { preview?: unknown }).preview === false;
  const analysis = index.analysisOf(doc);
  const ranges = selectedRanges(doc);
  const edits: TextEdit[] = ranges
    ? ranges.flatMap((range) => planCleanup(analysis.parsed, kind, { range }).edits)
    : planCleanup(analysis.parsed, kind).edits;
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0}: nothing to change.', title(kind)));
    return { applied: true, changes: 0 };
  }
  if (!skipPreview) {
    const apply = vscode.l10n.t('Apply');
    const preview = vscode.l10n.t('Preview');
    let choice = await vscode.window.showInformationMessage(confirmation(kind, edits.length), apply, preview);
    if (choice === preview) {
      const proposed = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: doc.uri.path, query: kind });
      previews.set(proposed, applyEdits(analysis.parsed.text, edits));
      await vscode.commands.executeCommand('vscode.diff', doc.uri, proposed, vscode.l10n.t('{0} ↔ {1} (proposed)', documentName(doc), title(kind)));
      choice = await vscode.window.showInformationMessage(confirmation(kind, edits.length), apply);
      previews.delete(proposed);
    }
    if (choice !== apply) return { applied: false, changes: 0 };
  }
  const applied = await applyIfStillWanted(doc, analysis.version, title(kind), () => applyEditsKeepingSelections(doc, edits));
  return { applied, changes: edits.length };
}

export function registerCleanup(index: DocumentIndex): vscode.Disposable {
  const previews = new ProposedTextProvider();
  const command = (id: string, kind: CleanupKind): vscode.Disposable => vscode.commands.registerCommand(id, (arg?: unknown) => runCleanup(kind, index, previews, arg));
  return vscode.Disposable.from(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    command(Commands.removePinyin, 'removePinyin'),
    command(Commands.collapsePunctuation, 'collapsePunctuation'),
    command(Commands.normalizePunctuation, 'normalizePunctuation'),
  );
}
