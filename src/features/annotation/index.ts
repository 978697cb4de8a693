import * as vscode from 'vscode';
import { isValidTagName } from '../../core/markup/attributes';
import { spanAt } from '../../core/markup/parse';
import { setSpanNote, unwrapSpan, wrapInSpan } from '../../core/markup/spanEdits';
import type { AnnotationSpan } from '../../core/markup/types';
import type { TextEdit } from '../../core/text/edits';
import { Commands, SUPPORTED_LANGUAGES } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { activeCustomEditor } from '../../services/editorRegistry';
import type { ExtensionSettings } from '../../settings';
import { applyDocumentEdits } from '../../util/documents';
import { swatch } from '../../util/swatch';
import { tagColor } from '../../core/markup/tagColors';
import { invalidTagMessage, spanEditFailure } from '../../util/messages';

/** Tags picked recently come first in the picker (most recent first), for this session. */
const recentTags: string[] = [];

async function pickTag(settings: ExtensionSettings, used: readonly string[]): Promise<string | undefined> {
  const palette = settings.tags;
  const names = [...new Set([...recentTags, ...palette.map((t) => t.name), ...used])];
  const describe = new Map(palette.map((t) => [t.name, t.description ?? '']));
  const quickPick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  quickPick.title = vscode.l10n.t('Tag the selection');
  quickPick.placeholder = vscode.l10n.t('Choose a tag, or type a new one');
  const base = names.map((name) => ({
    label: name,
    description: recentTags.includes(name) ? vscode.l10n.t('recent') : describe.get(name) ?? '',
    iconPath: swatch(tagColor(name, palette)),
  }));
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

/**
 * Applies a command's edits as one undo step and has every view show them at once: the user acted, so the pause
 * that spares typing from re-analysis does not apply.
 */
async function applyAndShow(index: DocumentIndex, doc: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const applied = await applyDocumentEdits(doc, edits);
  if (applied) index.flush(doc);
  return applied;
}

/** Wraps every selection in a span with the tag: one WorkspaceEdit, one undo step. */
async function tagSelection(index: DocumentIndex, settings: ExtensionSettings, arg?: unknown): Promise<boolean> {
  const custom = activeCustomEditor();
  const editor = vscode.window.activeTextEditor;
  const doc = custom?.document ?? editor?.document;
  if (!doc) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Select text in a document to tag it.'));
    return false;
  }
  // In the Policy Annotator editor the selection is the one the webview reported, in document offsets.
  const selected = custom
    ? [custom.selection].filter((s) => s.end > s.start)
    : editor!.selections.filter((s) => !s.isEmpty).map((s) => ({ start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) }));
  if (selected.length === 0) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Select the text to tag first.'));
    return false;
  }
  const analysis = index.analysisOf(doc);
  const requested = arg && typeof arg === 'object' ? (arg as { tag?: unknown }).tag : undefined;
  const tag = typeof requested === 'string' ? requested.trim() : await pickTag(settings, [...new Set(analysis.parsed.spans.flatMap((s) => s.tags))]);
  if (tag === undefined) return false;
  if (!isValidTagName(tag)) {
    void vscode.window.showWarningMessage(invalidTagMessage(tag));
    return false;
  }
  const ranges = [...selected].sort((a, b) => a.start - b.start);
  if (ranges.some((r, i) => i > 0 && r.start < ranges[i - 1]!.end)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The selections overlap; tag them one at a time.'));
    return false;
  }
  const edits: TextEdit[] = [];
  for (const range of ranges) {
    const result = wrapInSpan(analysis.parsed, range.start, range.end, [tag]);
    if (!result.ok) {
      void vscode.window.showWarningMessage(spanEditFailure(result));
      return false;
    }
    edits.push(...result.edits);
  }
  recentTags.splice(0, recentTags.length, tag, ...recentTags.filter((t) => t !== tag).slice(0, 7));
  return applyAndShow(index, doc, edits);
}

/** `{ uri, offset }` from a hover link; otherwise the cursor of the active editor. */
async function spanTarget(index: DocumentIndex, arg: unknown): Promise<{ doc: vscode.TextDocument; span: AnnotationSpan } | undefined> {
  const a = (arg ?? {}) as { uri?: unknown; offset?: unknown };
  const custom = activeCustomEditor();
  let doc: vscode.TextDocument | undefined;
  let offset: number | undefined;
  if (typeof a.uri === 'string' && Number.isInteger(a.offset)) {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(a.uri));
    offset = a.offset as number;
  } else if (custom) {
    doc = custom.document;
    offset = custom.selection.start;
  } else {
    const editor = vscode.window.activeTextEditor;
    doc = editor?.document;
    offset = editor ? editor.document.offsetAt(editor.selection.active) : undefined;
  }
  if (!doc || offset === undefined) return undefined;
  const span = spanAt(index.analysisOf(doc).parsed, offset);
  if (!span) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The cursor is not in an annotation.'));
    return undefined;
  }
  return { doc, span };
}

/** Removes the innermost span at the cursor (or at `{ uri, offset }`), keeping its text. */
async function removeTag(index: DocumentIndex, arg?: unknown): Promise<boolean> {
  const target = await spanTarget(index, arg);
  return target ? applyAndShow(index, target.doc, unwrapSpan(target.span)) : false;
}

/** Edits the note of the innermost span at the cursor (or at `{ uri, offset }`); `{ note }` skips the prompt. */
async function editNote(index: DocumentIndex, arg?: unknown): Promise<boolean> {
  const target = await spanTarget(index, arg);
  if (!target) return false;
  const given = (arg as { note?: unknown } | undefined)?.note;
  const note = typeof given === 'string' ? given : await vscode.window.showInputBox({ title: vscode.l10n.t('Note'), value: target.span.note ?? '', prompt: vscode.l10n.t('Empty to remove the note') });
  if (note === undefined) return false;
  const result = setSpanNote(target.span, note);
  if (!result.ok) {
    void vscode.window.showWarningMessage(spanEditFailure(result));
    return false;
  }
  return applyAndShow(index, target.doc, result.edits);
}

/** Hovering annotated text shows its tags and note, with links to remove the tag or edit the note. */
function annotationHover(index: DocumentIndex): vscode.HoverProvider {
  return {
    provideHover(doc, position) {
      const offset = doc.offsetAt(position);
      const analysis = index.analysisOf(doc);
      const span = spanAt(analysis.parsed, offset);
      if (!span) return undefined;
      const args = encodeURIComponent(JSON.stringify({ uri: doc.uri.toString(), offset: span.contentStart }));
      const md = new vscode.MarkdownString();
      md.appendMarkdown(`**${vscode.l10n.t('Tags')}:** `).appendText(span.tags.join(' · '));
      if (span.note) md.appendMarkdown(`\n\n**${vscode.l10n.t('Note')}:** `).appendText(span.note);
      md.appendMarkdown(`\n\n[${vscode.l10n.t('Remove tag')}](command:${Commands.removeTag}?${args}) · [${vscode.l10n.t('Edit note')}](command:${Commands.editNote}?${args})`);
      md.isTrusted = { enabledCommands: [Commands.removeTag, Commands.editNote] };
      return new vscode.Hover(md, new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end)));
    },
  };
}

export function registerAnnotationCommands(index: DocumentIndex, settings: ExtensionSettings): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.tagSelection, (arg?: unknown) => tagSelection(index, settings, arg)),
    vscode.commands.registerCommand(Commands.removeTag, (arg?: unknown) => removeTag(index, arg)),
    vscode.commands.registerCommand(Commands.editNote, (arg?: unknown) => editNote(index, arg)),
    vscode.languages.registerHoverProvider(SUPPORTED_LANGUAGES.map((language) => ({ language })), annotationHover(index)),
  );
}
