import * as vscode from 'vscode';
import { isValidTagName } from '../../core/markup/attributes';
import { spanAt } from '../../core/markup/parse';
import { unwrapSpan, wrapInSpan } from '../../core/markup/spanEdits';
import type { TextEdit } from '../../core/text/edits';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import type { ExtensionSettings } from '../../settings';
import { applyDocumentEdits } from '../../util/documents';

/** Tags picked recently come first in the picker (most recent first), for this session. */
const recentTags: string[] = [];

async function pickTag(settings: ExtensionSettings, used: readonly string[]): Promise<string | undefined> {
  const palette = settings.tags;
  const names = [...new Set([...recentTags, ...palette.map((t) => t.name), ...used])];
  const describe = new Map(palette.map((t) => [t.name, t.description ?? '']));
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = vscode.l10n.t('Tag the selection');
  quickPick.placeholder = vscode.l10n.t('Choose a tag, or type a new one');
  const base = names.map((name) => ({ label: name, description: recentTags.includes(name) ? vscode.l10n.t('recent') : describe.get(name) ?? '' }));
  quickPick.items = base;
  quickPick.onDidChangeValue((value) => {
    const v = value.trim();
    quickPick.items = v && !names.includes(v) ? [{ label: v, description: isValidTagName(v) ? vscode.l10n.t('new tag') : vscode.l10n.t('not a valid tag name') }, ...base] : base;
  });
  const picked = await new Promise<string | undefined>((resolve) => {
    quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.label ?? (quickPick.value.trim() || undefined)));
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  return picked;
}

/** Wraps every selection in a span with the tag: one WorkspaceEdit, one undo step. */
async function tagSelection(index: DocumentIndex, settings: ExtensionSettings, arg?: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Select text in a document to tag it.'));
    return false;
  }
  const doc = editor.document;
  const selections = editor.selections.filter((s) => !s.isEmpty);
  if (selections.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Select the text to tag first.'));
    return false;
  }
  const analysis = index.analyse(doc);
  const requested = arg && typeof arg === 'object' ? (arg as { tag?: unknown }).tag : undefined;
  const tag = typeof requested === 'string' ? requested.trim() : await pickTag(settings, [...new Set(analysis.parsed.spans.flatMap((s) => s.tags))]);
  if (tag === undefined) return false;
  if (!isValidTagName(tag)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('"{0}" is not a valid tag name: use no spaces and none of . {{ }} [ ] " = \\', tag));
    return false;
  }
  const ranges = selections.map((s) => ({ start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) })).sort((a, b) => a.start - b.start);
  if (ranges.some((r, i) => i > 0 && r.start < ranges[i - 1]!.end)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The selections overlap; tag them one at a time.'));
    return false;
  }
  const edits: TextEdit[] = [];
  for (const range of ranges) {
    const result = wrapInSpan(analysis.parsed, range.start, range.end, [tag]);
    if (!result.ok) {
      void vscode.window.showWarningMessage(result.message);
      return false;
    }
    edits.push(...result.edits);
  }
  recentTags.splice(0, recentTags.length, tag, ...recentTags.filter((t) => t !== tag).slice(0, 7));
  return applyDocumentEdits(doc, edits);
}

/** Removes the innermost span at the cursor, keeping its text. */
async function removeTag(index: DocumentIndex): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const analysis = index.analyse(editor.document);
  const span = spanAt(analysis.parsed, editor.document.offsetAt(editor.selection.active));
  if (!span) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The cursor is not in an annotation.'));
    return false;
  }
  return applyDocumentEdits(editor.document, unwrapSpan(span));
}

export function registerAnnotationCommands(index: DocumentIndex, settings: ExtensionSettings): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.tagSelection, (arg?: unknown) => tagSelection(index, settings, arg)),
    vscode.commands.registerCommand(Commands.removeTag, () => removeTag(index)),
  );
}
