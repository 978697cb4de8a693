import * as vscode from 'vscode';
import { isValidTagName } from '../../core/markup/attributes';
import { setSpanAttributes } from '../../core/markup/spanEdits';
import { tagColor } from '../../core/markup/tagColors';
import { Commands, TestCommands, Views } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import type { ExtensionSettings } from '../../settings';
import { DisposableStore } from '../../util/dispose';
import { documentName } from '../../util/documents';
import { isRevealTarget, revealRange } from '../../services/reveal';
import { annotationsCount, invalidTagMessage } from '../../util/messages';
import { swatch } from '../../util/swatch';

interface Passage {
  readonly uri: vscode.Uri;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly line: number;
  readonly file: string;
}

type CodebookNode = { readonly type: 'tag'; readonly name: string; readonly passages: readonly Passage[] } | ({ readonly type: 'passage'; readonly tag: string } & Passage);

export interface CodebookSnapshot {
  readonly tag: string;
  readonly count: number;
  readonly passages: readonly { text: string; file: string; line: number }[];
}

/**
 * The codebook: every tag used in the open documents with its count, expanding to its passages (what QDA users
 * call the code list). Renaming a tag to another tag's name merges them.
 */
class Codebook extends DisposableStore implements vscode.TreeDataProvider<CodebookNode> {
  private readonly changed = this.register(new vscode.EventEmitter<CodebookNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly index: DocumentIndex, private readonly settings: ExtensionSettings) {
    super();
    this.register(vscode.window.createTreeView(Views.codebook, { treeDataProvider: this, showCollapseAll: true }));
    this.register(index.onDidChange(() => this.changed.fire(undefined)));
    this.register(
      settings.onDidChange((change) => {
        if (change.tags) this.changed.fire(undefined);
      }),
    );
    this.register(vscode.commands.registerCommand(Commands.renameTag, (arg?: unknown) => this.rename(arg)));
    this.register(vscode.commands.registerCommand(Commands.revealAnnotation, (arg?: unknown) => (isRevealTarget(arg) ? revealRange(arg) : undefined)));
    if (TEST_HOOKS) this.register(vscode.commands.registerCommand(TestCommands.codebookSnapshot, () => this.snapshot()));
  }

  /** Tags with their passages across the open documents, most used first. */
  private tags(): Map<string, Passage[]> {
    const tags = new Map<string, Passage[]>();
    for (const doc of this.index.chineseDocuments()) {
      const analysis = this.index.analysisOf(doc);
      for (const span of analysis.parsed.spans) {
        const passage: Passage = {
          uri: doc.uri,
          start: span.contentStart,
          end: span.contentEnd,
          text: analysis.parsed.plain.slice(span.plainStart, span.plainEnd),
          line: doc.positionAt(span.contentStart).line + 1,
          file: documentName(doc),
        };
        for (const tag of new Set(span.tags)) tags.set(tag, [...(tags.get(tag) ?? []), passage]);
      }
    }
    return new Map([...tags].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0])));
  }

  getChildren(element?: CodebookNode): CodebookNode[] {
    if (!element) return [...this.tags()].map(([name, passages]) => ({ type: 'tag', name, passages }));
    if (element.type === 'tag') return element.passages.map((p) => ({ type: 'passage', tag: element.name, ...p }));
    return [];
  }

  getTreeItem(element: CodebookNode): vscode.TreeItem {
    if (element.type === 'tag') {
      const t = new vscode.TreeItem(element.name, vscode.TreeItemCollapsibleState.Collapsed);
      t.id = `tag:${element.name}`;
      t.description = String(element.passages.length);
      t.iconPath = swatch(tagColor(element.name, this.settings.tags));
      t.tooltip = this.settings.tags.find((x) => x.name === element.name)?.description ?? element.name;
      t.contextValue = 'tag';
      t.accessibilityInformation = { label: vscode.l10n.t('{0}: {1} passages', element.name, element.passages.length) };
      return t;
    }
    const label = [...element.text.replace(/\s+/g, ' ')].length > 40 ? [...element.text.replace(/\s+/g, ' ')].slice(0, 39).join('') + '…' : element.text.replace(/\s+/g, ' ');
    const t = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    t.id = `passage:${element.tag}:${element.uri.toString()}:${element.start}`;
    t.description = `${element.file}:${element.line}`;
    t.tooltip = new vscode.MarkdownString().appendText(element.text.slice(0, 600));
    t.contextValue = 'passage';
    t.command = { command: Commands.revealAnnotation, title: vscode.l10n.t('Reveal'), arguments: [{ uri: element.uri, start: element.start, end: element.end }] };
    return t;
  }

  /** Renames a tag in every open document in one WorkspaceEdit (one undo step per document); an existing name merges. */
  private async rename(arg?: unknown): Promise<boolean> {
    const a = (arg ?? {}) as { type?: string; name?: unknown; from?: unknown; to?: unknown };
    const from = typeof a.from === 'string' ? a.from : a.type === 'tag' && typeof a.name === 'string' ? a.name : await vscode.window.showQuickPick([...this.tags().keys()], { title: vscode.l10n.t('Rename which tag?') });
    if (!from) return false;
    const to =
      typeof a.to === 'string'
        ? a.to
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Rename tag {0} to (an existing tag merges)', from),
            value: from,
            validateInput: (v) => (isValidTagName(v.trim()) ? undefined : invalidTagMessage(v.trim())),
          });
    if (to === undefined || to.trim() === from) return false;
    const target = to.trim();
    if (!isValidTagName(target)) {
      void vscode.window.showWarningMessage(invalidTagMessage(target));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    let count = 0;
    for (const doc of this.index.chineseDocuments()) {
      for (const span of this.index.analysisOf(doc).parsed.spans) {
        if (!span.tags.includes(from)) continue;
        const tags = [...new Set(span.tags.map((t) => (t === from ? target : t)))];
        const result = setSpanAttributes(span, tags, span.attributes);
        if (!result.ok) continue;
        for (const e of result.edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
        count++;
      }
    }
    if (count === 0) return false;
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied) vscode.window.setStatusBarMessage(vscode.l10n.t('Renamed {0} to {1} in {2}.', from, target, annotationsCount(count)), 4000);
    return applied;
  }

  private snapshot(): CodebookSnapshot[] {
    return [...this.tags()].map(([tag, passages]) => ({ tag, count: passages.length, passages: passages.map(({ text, file, line }) => ({ text, file, line })) }));
  }
}

export function registerCodebook(index: DocumentIndex, settings: ExtensionSettings): vscode.Disposable {
  return new Codebook(index, settings);
}
