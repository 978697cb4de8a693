import * as vscode from 'vscode';
import { ellipsize } from '../../core/text/chars';
import { codeTree, renameCode, type CodeDefinition } from '../../core/corpus/codebook';
import type { CodedSegment } from '../../core/corpus/summary';
import { codebookXml, parseCodebookXml, projectArchive, type QdaSource } from '../../core/export/qdpx';
import { isValidTagName } from '../../core/markup/attributes';
import { parseMarkup } from '../../core/markup/parse';
import { renameTagEdits } from '../../core/markup/spanEdits';
import { tagColor } from '../../core/markup/tagColors';
import { Commands, TestCommands, Views } from '../../constants';
import type { CorpusDocument, CorpusIndex } from '../../services/corpusIndex';
import type { DocumentIndex } from '../../services/documentIndex';
import type { ExportTargets } from '../../services/exportTargets';
import { isRevealTarget, revealRange } from '../../services/reveal';
import type { ExtensionSettings } from '../../settings';
import { DisposableStore } from '../../util/dispose';
import { annotationsCount, codesCount, documentsCount, filesCount, invalidTagMessage } from '../../util/messages';
import { swatch } from '../../util/swatch';

type CodebookNode =
  | { readonly type: 'tag'; readonly name: string }
  | { readonly type: 'document'; readonly tag: string; readonly doc: CorpusDocument; readonly segments: readonly CodedSegment[] }
  | { readonly type: 'passage'; readonly tag: string; readonly doc: CorpusDocument; readonly segment: CodedSegment };

export interface CodebookSnapshot {
  readonly tag: string;
  readonly count: number;
  readonly parent: string | null;
  readonly documents: readonly { file: string; count: number }[];
  readonly passages: readonly { text: string; file: string; line: number }[];
}

const short = (text: string): string => ellipsize(text, 40);

/**
 * The project's codebook (what QDA users call the code system): every code of the codebook file and every tag
 * used anywhere in the workspace corpus — open or closed files — with its count, as a tree (codes under their
 * parent), expanding to the documents that use it and their passages. Renaming reaches every file of the
 * corpus in one WorkspaceEdit; an existing name merges.
 */
class Codebook extends DisposableStore implements vscode.TreeDataProvider<CodebookNode> {
  private readonly changed = this.register(new vscode.EventEmitter<CodebookNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly corpus: CorpusIndex, private readonly index: DocumentIndex, private readonly settings: ExtensionSettings, private readonly exportTargets: ExportTargets) {
    super();
    this.register(vscode.window.createTreeView(Views.codebook, { treeDataProvider: this, showCollapseAll: true }));
    this.register(
      corpus.onDidChange(() => {
        this.cachedUsage = undefined;
        this.changed.fire(undefined);
      }),
    );
    this.register(
      settings.onDidChange((change) => {
        if (change.tags) this.changed.fire(undefined);
      }),
    );
    this.register(vscode.commands.registerCommand(Commands.renameTag, (arg?: unknown) => this.rename(arg)));
    this.register(vscode.commands.registerCommand(Commands.revealAnnotation, (arg?: unknown) => (isRevealTarget(arg) ? revealRange(arg) : undefined)));
    this.register(vscode.commands.registerCommand(Commands.exportQdpx, (arg?: unknown) => this.exportProject(arg)));
    this.register(vscode.commands.registerCommand(Commands.exportCodebook, (arg?: unknown) => this.exportCodebook(arg)));
    this.register(vscode.commands.registerCommand(Commands.importCodebook, (arg?: unknown) => this.importCodebook(arg)));
    this.register(vscode.commands.registerCommand(Commands.openCodebookFile, () => this.openCodebookFile()));
    this.register(vscode.commands.registerCommand(Commands.reindexCorpus, () => corpus.reindex()));
    if (TEST_HOOKS) this.register(vscode.commands.registerCommand(TestCommands.codebookSnapshot, () => this.snapshot()));
  }

  private cachedUsage: Map<string, { doc: CorpusDocument; segments: CodedSegment[] }[]> | undefined;

  /** Segments per tag over the corpus, with the documents they are in (computed once per corpus change). */
  private usage(): Map<string, { doc: CorpusDocument; segments: CodedSegment[] }[]> {
    if (this.cachedUsage) return this.cachedUsage;
    const byTag = new Map<string, { doc: CorpusDocument; segments: CodedSegment[] }[]>();
    for (const doc of this.corpus.documents()) {
      const perTag = new Map<string, CodedSegment[]>();
      for (const seg of doc.summary.segments) {
        for (const tag of new Set(seg.tags)) {
          const list = perTag.get(tag);
          if (list) list.push(seg);
          else perTag.set(tag, [seg]);
        }
      }
      for (const [tag, segments] of perTag) {
        const list = byTag.get(tag);
        if (list) list.push({ doc, segments });
        else byTag.set(tag, [{ doc, segments }]);
      }
    }
    return (this.cachedUsage = byTag);
  }

  private count(tag: string, usage = this.usage()): number {
    return (usage.get(tag) ?? []).reduce((n, u) => n + u.segments.length, 0);
  }

  /** The tree of codes: the codebook's (in its order) with their children, then tags used but not defined, most used first. */
  private tree(usage = this.usage()): Map<string, string[]> {
    const used = [...usage.keys()].sort((a, b) => this.count(b, usage) - this.count(a, usage) || a.localeCompare(b));
    return codeTree(this.corpus.codebook, used);
  }

  async getChildren(element?: CodebookNode): Promise<CodebookNode[]> {
    await this.corpus.ready();
    const usage = this.usage();
    if (!element) return (this.tree(usage).get('') ?? []).map((name) => ({ type: 'tag', name }));
    if (element.type === 'tag') {
      const children = (this.tree(usage).get(element.name) ?? []).map((name): CodebookNode => ({ type: 'tag', name }));
      const docs = (usage.get(element.name) ?? []).map(({ doc, segments }): CodebookNode => ({ type: 'document', tag: element.name, doc, segments }));
      return [...children, ...docs];
    }
    if (element.type === 'document') return element.segments.map((segment) => ({ type: 'passage', tag: element.tag, doc: element.doc, segment }));
    return [];
  }

  getTreeItem(element: CodebookNode): vscode.TreeItem {
    if (element.type === 'tag') {
      const usage = this.usage();
      const count = this.count(element.name, usage);
      const hasChildren = (this.tree(usage).get(element.name)?.length ?? 0) > 0 || count > 0;
      const t = new vscode.TreeItem(element.name, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      t.id = `tag:${element.name}`;
      t.description = String(count);
      t.iconPath = swatch(tagColor(element.name, this.settings.tags));
      const defined = this.settings.tags.find((x) => x.name === element.name);
      t.tooltip = defined?.description ? `${element.name}: ${defined.description}` : element.name;
      t.contextValue = 'tag';
      t.accessibilityInformation = { label: vscode.l10n.t('{0}: {1} passages', element.name, count) };
      return t;
    }
    if (element.type === 'document') {
      const t = new vscode.TreeItem(element.doc.name, vscode.TreeItemCollapsibleState.Collapsed);
      t.id = `doc:${element.tag}:${element.doc.uri.toString()}`;
      t.description = String(element.segments.length);
      t.resourceUri = element.doc.uri;
      t.iconPath = vscode.ThemeIcon.File;
      t.contextValue = 'codedDocument';
      return t;
    }
    const seg = element.segment;
    const t = new vscode.TreeItem(short(seg.text), vscode.TreeItemCollapsibleState.None);
    t.id = `passage:${element.tag}:${element.doc.uri.toString()}:${seg.start}`;
    t.description = `${element.doc.name}:${seg.line}`;
    t.tooltip = new vscode.MarkdownString().appendText(`…${seg.before}【${seg.text.slice(0, 600)}】${seg.after}…`);
    t.contextValue = 'passage';
    t.command = { command: Commands.revealAnnotation, title: vscode.l10n.t('Reveal'), arguments: [{ uri: element.doc.uri, start: seg.start, end: seg.end }] };
    return t;
  }

  /**
   * Renames a code in every corpus file (open or not) and in the codebook file, in one WorkspaceEdit (one undo);
   * renaming to an existing code merges the two. Closed files are opened (not shown) and left unsaved, as any
   * multi-file refactoring does: Save All keeps the change, undo takes it back everywhere.
   */
  private async rename(arg?: unknown): Promise<boolean> {
    await this.corpus.ready();
    const a = (arg ?? {}) as { type?: string; name?: unknown; from?: unknown; to?: unknown };
    const from = typeof a.from === 'string' ? a.from : a.type === 'tag' && typeof a.name === 'string' ? a.name : await vscode.window.showQuickPick([...this.tree().values()].flat(), { title: vscode.l10n.t('Rename which tag?') });
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
    let files = 0;
    // The corpus's documents that use the tag, plus open documents outside it (an untitled draft).
    const uris = new Map<string, vscode.Uri>();
    for (const doc of this.corpus.documents()) if (doc.summary.segments.some((s) => s.tags.includes(from))) uris.set(doc.uri.toString(), doc.uri);
    for (const doc of this.index.chineseDocuments()) uris.set(doc.uri.toString(), doc.uri);
    for (const uri of uris.values()) {
      const doc = await vscode.workspace.openTextDocument(uri);
      const { edits, spans } = renameTagEdits(this.index.analysisOf(doc).parsed, from, target);
      if (spans === 0) continue;
      for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
      count += spans;
      files++;
    }
    const codebookUri = this.corpus.codebookUri;
    if (codebookUri && this.corpus.codebook.some((c) => c.name === from)) {
      const doc = await vscode.workspace.openTextDocument(codebookUri);
      edit.replace(codebookUri, new vscode.Range(0, 0, doc.lineCount, 0), this.corpus.codebookText(renameCode(this.corpus.codebook, from, target)));
    }
    if (edit.size === 0) return false;
    const applied = await vscode.workspace.applyEdit(edit);
    if (applied) vscode.window.setStatusBarMessage(vscode.l10n.t('Renamed {0} to {1} in {2} in {3} (unsaved until you save them).', from, target, annotationsCount(count), filesCount(files)), 6000);
    return applied;
  }

  /** The corpus as a REFI-QDA project: every document's plain text and codings, the codebook with its hierarchy. */
  private async exportProject(arg?: unknown): Promise<vscode.Uri | undefined> {
    await this.corpus.ready();
    const docs = this.corpus.documents();
    const folder = vscode.workspace.workspaceFolders?.[0];
    // Files deleted (or no longer text) since the corpus listed them: the project is written without them, and said so.
    const leftOut: string[] = [];
    const target = await this.exportTargets.writeChosen({
      given: (arg as { target?: unknown } | undefined)?.target,
      defaultName: `${folder?.name ?? 'project'}.qdpx`,
      filters: { 'REFI-QDA project': ['qdpx'] },
      inputs: docs.map((d) => d.uri),
      content: async () => {
        const sources: QdaSource[] = [];
        for (const d of docs) {
          const text = await this.corpus.textOf(d.uri);
          if (text === undefined) {
            leftOut.push(d.name);
            continue;
          }
          const parsed = parseMarkup(text);
          sources.push({
            name: d.name,
            plain: parsed.plain,
            segments: parsed.spans.map((s) => ({ plainStart: s.plainStart, plainEnd: s.plainEnd, tags: s.tags, ...(s.note !== undefined ? { note: s.note } : {}) })),
          });
        }
        return projectArchive({ name: folder?.name ?? 'Policy Annotator', origin: 'Policy Annotator', user: 'Policy Annotator', created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), codes: this.definitions(), sources });
      },
    });
    if (target) vscode.window.setStatusBarMessage(vscode.l10n.t('Exported {0} to {1}.', documentsCount(docs.length - leftOut.length), target.path.slice(target.path.lastIndexOf('/') + 1)), 4000);
    if (target && leftOut.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Left out of the project (no longer readable): {0}', leftOut.join(', ')));
    return target;
  }

  /** The codebook's codes with the palette's colours, plus every tag used in the corpus. */
  private definitions(): CodeDefinition[] {
    const codes: CodeDefinition[] = this.settings.tags.map((t) => ({ name: t.name, ...(t.color && /^#[0-9a-fA-F]{6}$/.test(t.color) ? { color: t.color } : {}), ...(t.description ? { description: t.description } : {}), ...(t.parent ? { parent: t.parent } : {}) }));
    const known = new Set(codes.map((c) => c.name));
    for (const tag of this.usage().keys()) if (!known.has(tag)) codes.push({ name: tag });
    return codes;
  }

  private async exportCodebook(arg?: unknown): Promise<vscode.Uri | undefined> {
    await this.corpus.ready();
    return this.exportTargets.writeChosen({
      given: (arg as { target?: unknown } | undefined)?.target,
      defaultName: 'codebook.qdc',
      filters: { 'REFI-QDA codebook': ['qdc'] },
      inputs: [],
      content: () => codebookXml(this.definitions(), 'Policy Annotator'),
    });
  }

  /**
   * Reads a `.qdc` codebook (from MAXQDA, NVivo, ATLAS.ti, QualCoder) into the project codebook file: its codes
   * with colours, descriptions and hierarchy are added, existing codes keep their definition. One edit (undo
   * takes it back); the codebook file is created when there is none.
   */
  private async importCodebook(arg?: unknown): Promise<number | undefined> {
    const a = (arg ?? {}) as { source?: unknown };
    const source = a.source instanceof vscode.Uri ? a.source : (await vscode.window.showOpenDialog({ filters: { 'REFI-QDA codebook': ['qdc', 'qde'] }, canSelectMany: false }))?.[0];
    const codebookUri = this.corpus.codebookUri;
    if (!source || !codebookUri) return undefined;
    let xml: string;
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(source));
    } catch {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not a UTF-8 text file; nothing was imported.', source.path.slice(source.path.lastIndexOf('/') + 1)));
      return undefined;
    }
    const read = parseCodebookXml(xml);
    if (!read.ok) {
      void vscode.window.showWarningMessage(read.reason === 'not-xml' ? vscode.l10n.t('The codebook is not well-formed XML; nothing was imported.') : vscode.l10n.t('No REFI-QDA codebook (CodeBook/Codes) in that file; nothing was imported.'));
      return undefined;
    }
    const usable = read.codes.filter((c) => isValidTagName(c.name));
    const skipped = read.codes.length - usable.length;
    const existing = new Set(this.corpus.codebook.map((c) => c.name));
    const added = usable.filter((c) => !existing.has(c.name)).map((c) => (c.parent !== undefined && !isValidTagName(c.parent) ? { ...c, parent: undefined } : c));
    const codes = [...this.corpus.codebook, ...added.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as CodeDefinition)];
    const edit = new vscode.WorkspaceEdit();
    const text = this.corpus.codebookText(codes);
    let exists = true;
    try {
      await vscode.workspace.fs.stat(codebookUri);
    } catch {
      exists = false;
    }
    if (exists) {
      const doc = await vscode.workspace.openTextDocument(codebookUri);
      edit.replace(codebookUri, new vscode.Range(0, 0, doc.lineCount, 0), text);
    } else {
      edit.createFile(codebookUri, { ignoreIfExists: true, contents: new TextEncoder().encode(text) });
    }
    if (!(await vscode.workspace.applyEdit(edit))) return undefined;
    if (exists) await (await vscode.workspace.openTextDocument(codebookUri)).save();
    const message = vscode.l10n.t('Imported {0} into {1}.', codesCount(added.length), '.policy-annotator/codebook.json') + (skipped > 0 ? ' ' + vscode.l10n.t('Left out (names that are not tag names): {0}.', codesCount(skipped)) : '');
    void vscode.window.showInformationMessage(message);
    return added.length;
  }

  private async openCodebookFile(): Promise<void> {
    const uri = this.corpus.codebookUri;
    if (!uri) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to keep a project codebook in it.'));
      return;
    }
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(this.corpus.codebookText(this.definitions())) });
      await vscode.workspace.applyEdit(edit);
    }
    await vscode.window.showTextDocument(uri);
  }

  private async snapshot(): Promise<CodebookSnapshot[]> {
    await this.corpus.ready();
    const usage = this.usage();
    const tree = this.tree(usage);
    const parentOf = new Map<string, string>();
    for (const [parent, children] of tree) for (const c of children) if (parent !== '') parentOf.set(c, parent);
    const order: string[] = [];
    const visit = (name: string): void => {
      order.push(name);
      for (const c of tree.get(name) ?? []) visit(c);
    };
    for (const name of tree.get('') ?? []) visit(name);
    return order.map((tag) => {
      const uses = usage.get(tag) ?? [];
      return {
        tag,
        count: this.count(tag, usage),
        parent: parentOf.get(tag) ?? null,
        documents: uses.map((u) => ({ file: u.doc.name, count: u.segments.length })),
        passages: uses.flatMap((u) => u.segments.map((s) => ({ text: s.text, file: u.doc.name, line: s.line }))),
      };
    });
  }
}

export function registerCodebook(corpus: CorpusIndex, index: DocumentIndex, settings: ExtensionSettings, exportTargets: ExportTargets): vscode.Disposable {
  return new Codebook(corpus, index, settings, exportTargets);
}
