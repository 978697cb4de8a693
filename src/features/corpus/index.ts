import * as vscode from 'vscode';
import { ellipsize } from '../../core/text/chars';
import { compareFormulationsInSteps, comparisonCounts, comparisonToCsv, comparisonToMarkdown, type ComparisonRow, type Formulation } from '../../core/corpus/compare';
import { retrievedToCsv, retrievedToJson, retrieveSegments, type RetrievalQuery, type RetrievedSegment } from '../../core/corpus/retrieve';
import { tagCounts, type SummaryDirective } from '../../core/corpus/summary';
import { Commands, TestCommands, Views } from '../../constants';
import type { CorpusDocument, CorpusIndex } from '../../services/corpusIndex';
import type { ExportTargets } from '../../services/exportTargets';
import type { ExtensionSettings } from '../../settings';
import { DisposableStore } from '../../util/dispose';
import { segmentsCount } from '../../util/messages';
import { childGroups } from '../../util/treeGroups';
import { comparisonHtml, type ComparedDocument } from './compareView';

const short = (text: string): string => ellipsize(text, 48);

type RetrievedNode =
  | { readonly type: 'document'; readonly name: string; readonly uri: vscode.Uri; readonly segments: readonly RetrievedSegment[] }
  | { readonly type: 'group'; readonly uri: vscode.Uri; readonly ordinal: number; readonly segments: readonly RetrievedSegment[] }
  | { readonly type: 'segment'; readonly uri: vscode.Uri; readonly segment: RetrievedSegment };

/**
 * A group of a document's rows in a corpus view (a document with thousands of them lists them in groups of lines,
 * as the Directives view does), collapsed: its rows are made when it is opened.
 */
function groupItem(id: string, firstLine: number, lastLine: number, count: number): vscode.TreeItem {
  const t = new vscode.TreeItem(vscode.l10n.t('lines {0}–{1}', firstLine, lastLine), vscode.TreeItemCollapsibleState.Collapsed);
  t.id = id;
  t.description = String(count);
  t.iconPath = new vscode.ThemeIcon('list-unordered');
  t.contextValue = 'group';
  return t;
}

/** Retrieved segments (MAXQDA's Retrieved Segments): the passages of the chosen codes across the corpus, by document. */
class RetrievedSegments implements vscode.TreeDataProvider<RetrievedNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  query: RetrievalQuery | undefined;
  results: RetrievedSegment[] = [];
  private uris = new Map<string, vscode.Uri>();

  constructor(private readonly corpus: CorpusIndex) {}

  /** Runs the query over the corpus as it is now. */
  run(query: RetrievalQuery | undefined = this.query): void {
    this.query = query;
    const docs = this.corpus.documents();
    this.uris = new Map(docs.map((d) => [d.name, d.uri]));
    this.results = query ? retrieveSegments(docs.map((d) => ({ name: d.name, summary: d.summary })), query) : [];
    this.changed.fire();
  }

  getChildren(element?: RetrievedNode): RetrievedNode[] {
    if (!element) {
      const byDoc = new Map<string, RetrievedSegment[]>();
      for (const s of this.results) {
        const list = byDoc.get(s.document);
        if (list) list.push(s);
        else byDoc.set(s.document, [s]);
      }
      return [...byDoc].map(([name, segments]) => ({ type: 'document', name, uri: this.uris.get(name)!, segments }));
    }
    if (element.type === 'segment') return [];
    const groups = element.type === 'document' ? childGroups(element.segments) : undefined;
    if (groups) return groups.map((segments, ordinal) => ({ type: 'group', uri: element.uri, ordinal, segments }));
    return element.segments.map((segment) => ({ type: 'segment', uri: element.uri, segment }));
  }

  getTreeItem(element: RetrievedNode): vscode.TreeItem {
    if (element.type === 'document') {
      const t = new vscode.TreeItem(element.name, vscode.TreeItemCollapsibleState.Expanded);
      t.id = `retrieved-doc:${element.uri.toString()}`;
      t.description = String(element.segments.length);
      t.resourceUri = element.uri;
      t.iconPath = vscode.ThemeIcon.File;
      return t;
    }
    if (element.type === 'group') {
      return groupItem(`retrieved-group:${element.uri.toString()}:${element.ordinal}`, element.segments[0]!.line, element.segments[element.segments.length - 1]!.line, element.segments.length);
    }
    const s = element.segment;
    const t = new vscode.TreeItem(short(s.text), vscode.TreeItemCollapsibleState.None);
    t.id = `retrieved:${element.uri.toString()}:${s.start}`;
    t.description = [`${s.line}`, s.tags.join(' '), s.section ?? ''].filter(Boolean).join(' · ');
    const tip = new vscode.MarkdownString();
    tip.appendText(`…${s.before}`).appendMarkdown('**').appendText(s.text).appendMarkdown('**').appendText(`${s.after}…`);
    tip.appendMarkdown('\n\n').appendText(`${s.tags.join(' · ')}${s.section ? ` — ${s.section}` : ''}${s.note ? `\n${s.note}` : ''}`);
    t.tooltip = tip;
    t.accessibilityInformation = { label: `${s.before}${s.text}${s.after}, ${s.document} ${vscode.l10n.t('line {0}', s.line)}` };
    t.command = { command: Commands.revealAnnotation, title: vscode.l10n.t('Reveal'), arguments: [{ uri: element.uri, start: s.start, end: s.end }] };
    return t;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

type DirectiveNode =
  | { readonly type: 'document'; readonly doc: CorpusDocument; readonly items: readonly SummaryDirective[] }
  | { readonly type: 'group'; readonly doc: CorpusDocument; readonly ordinal: number; readonly items: readonly SummaryDirective[] }
  | { readonly type: 'directive'; readonly doc: CorpusDocument; readonly item: SummaryDirective };

/** Directives across the corpus, by document, filterable by text. */
class CorpusDirectives implements vscode.TreeDataProvider<DirectiveNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  filter = '';

  constructor(private readonly corpus: CorpusIndex) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(element?: DirectiveNode): Promise<DirectiveNode[]> {
    await this.corpus.ready();
    if (!element) {
      const needle = this.filter.toLowerCase();
      return this.corpus
        .documents()
        .map((doc): DirectiveNode => ({ type: 'document', doc, items: doc.summary.directives.filter((d) => d.kind !== 'heading' && (!needle || d.text.toLowerCase().includes(needle))) }))
        .filter((n) => n.type === 'document' && n.items.length > 0);
    }
    if (element.type === 'directive') return [];
    // A document of thousands of directives lists them in groups of lines (as the Directives view does).
    const groups = element.type === 'document' ? childGroups(element.items) : undefined;
    if (groups) return groups.map((items, ordinal) => ({ type: 'group', doc: element.doc, ordinal, items }));
    return element.items.map((item) => ({ type: 'directive', doc: element.doc, item }));
  }

  getTreeItem(element: DirectiveNode): vscode.TreeItem {
    if (element.type === 'document') {
      const t = new vscode.TreeItem(element.doc.name, vscode.TreeItemCollapsibleState.Collapsed);
      t.id = `corpus-doc:${element.doc.uri.toString()}`;
      t.description = String(element.items.filter((i) => i.kind === 'directive').length);
      t.resourceUri = element.doc.uri;
      t.iconPath = vscode.ThemeIcon.File;
      t.contextValue = 'corpusDocument';
      return t;
    }
    if (element.type === 'group') {
      const directives = element.items.filter((i) => i.kind === 'directive').length;
      return groupItem(`corpus-group:${element.doc.uri.toString()}:${element.ordinal}`, element.items[0]!.line, element.items[element.items.length - 1]!.line, directives);
    }
    const d = element.item;
    const t = new vscode.TreeItem(d.label, vscode.TreeItemCollapsibleState.None);
    t.id = `corpus-item:${element.doc.uri.toString()}:${d.start}`;
    t.description = `${d.line}`;
    t.iconPath = new vscode.ThemeIcon(d.kind === 'section' ? 'symbol-namespace' : d.force === 'mustNot' ? 'circle-slash' : 'arrow-right');
    t.tooltip = new vscode.MarkdownString().appendText(d.text);
    t.command = { command: Commands.revealAnnotation, title: vscode.l10n.t('Reveal'), arguments: [{ uri: element.doc.uri, start: d.start, end: d.end }] };
    return t;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

interface Comparison {
  readonly rows: ComparisonRow[];
  readonly older: ComparedDocument;
  readonly newer: ComparedDocument;
}

/**
 * Research across the corpus: retrieval of coded segments (with export for spreadsheets and R/pandas), the
 * directives of every document, and the comparison of two documents' directives (新提法: new, dropped, reworded).
 */
class CorpusResearch extends DisposableStore {
  private readonly retrieved: RetrievedSegments;
  private readonly retrievedView: vscode.TreeView<RetrievedNode>;
  private readonly directives: CorpusDirectives;
  private readonly directivesView: vscode.TreeView<DirectiveNode>;
  private comparison: Comparison | undefined;
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly context: vscode.ExtensionContext, private readonly corpus: CorpusIndex, private readonly settings: ExtensionSettings, private readonly exportTargets: ExportTargets) {
    super();
    this.retrieved = this.register(new RetrievedSegments(corpus));
    this.retrievedView = this.register(vscode.window.createTreeView(Views.retrieved, { treeDataProvider: this.retrieved, showCollapseAll: true }));
    this.directives = this.register(new CorpusDirectives(corpus));
    this.directivesView = this.register(vscode.window.createTreeView(Views.corpusDirectives, { treeDataProvider: this.directives, showCollapseAll: true }));
    this.register(
      corpus.onDidChange(() => {
        if (this.retrieved.query) this.retrieved.run();
        this.directives.refresh();
        this.updateMessages();
      }),
    );
    this.register(vscode.commands.registerCommand(Commands.retrieveSegments, (arg?: unknown) => this.retrieve(arg)));
    this.register(vscode.commands.registerCommand(Commands.exportRetrieved, (arg?: unknown) => this.exportRetrieved(arg)));
    this.register(vscode.commands.registerCommand(Commands.filterCorpusDirectives, (arg?: unknown) => this.filterDirectives(arg)));
    this.register(vscode.commands.registerCommand(Commands.compareDocuments, (arg?: unknown) => this.compare(arg)));
    this.register(vscode.commands.registerCommand(Commands.exportComparison, (arg?: unknown) => this.exportComparison(arg)));
    if (TEST_HOOKS) this.register(vscode.commands.registerCommand(TestCommands.corpusSnapshot, (arg?: { expandGroups?: boolean | string }) => this.snapshot(arg?.expandGroups ?? false)));
    this.updateMessages();
  }

  private updateMessages(): void {
    const q = this.retrieved.query;
    this.retrievedView.message = q
      ? vscode.l10n.t('{0} of {1} ({2})', segmentsCount(this.retrieved.results.length), q.codes.join(q.mode === 'all' ? ' + ' : ' | '), q.mode === 'all' ? vscode.l10n.t('all codes') : vscode.l10n.t('any code')) + (q.text ? ` · “${q.text}”` : '')
      : undefined;
    this.directivesView.message = this.directives.filter ? vscode.l10n.t('Filtered: “{0}”', this.directives.filter) : undefined;
  }

  /** Asks for codes (several allowed), any/all and an optional text filter, unless given; shows the passages. */
  private async retrieve(arg?: unknown): Promise<number | undefined> {
    await this.corpus.ready();
    const a = (arg ?? {}) as { codes?: unknown; mode?: unknown; text?: unknown };
    let codes = Array.isArray(a.codes) && a.codes.every((c) => typeof c === 'string') ? (a.codes as string[]) : undefined;
    if (!codes) {
      const counts = tagCounts(this.corpus.documents().map((d) => d.summary));
      for (const t of this.settings.tags) if (!counts.has(t.name)) counts.set(t.name, 0);
      const picked = await vscode.window.showQuickPick(
        [...counts].sort((x, y) => y[1] - x[1]).map(([label, n]) => ({ label, description: String(n) })),
        { canPickMany: true, title: vscode.l10n.t('Retrieve the passages of which codes?') },
      );
      if (!picked || picked.length === 0) return undefined;
      codes = picked.map((p) => p.label);
    }
    let mode: 'any' | 'all' = a.mode === 'all' ? 'all' : 'any';
    if (a.mode === undefined && !a.codes && codes.length > 1) {
      const m = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('Any of the codes'), mode: 'any' as const },
          { label: vscode.l10n.t('All of the codes (on the same passage)'), mode: 'all' as const },
        ],
        { title: vscode.l10n.t('Passages with') },
      );
      if (!m) return undefined;
      mode = m.mode;
    }
    let text = typeof a.text === 'string' ? a.text : undefined;
    if (text === undefined && !a.codes) text = await vscode.window.showInputBox({ title: vscode.l10n.t('Only passages containing (optional)'), placeHolder: vscode.l10n.t('any text; leave empty for all') });
    if (text === undefined && !a.codes) return undefined;
    this.retrieved.run({ codes, mode, ...(text ? { text } : {}) });
    this.updateMessages();
    await vscode.commands.executeCommand(`${Views.retrieved}.focus`);
    return this.retrieved.results.length;
  }

  private async exportRetrieved(arg?: unknown): Promise<vscode.Uri | undefined> {
    const a = (arg ?? {}) as { format?: unknown; target?: unknown };
    if (!this.retrieved.query) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Retrieve segments first (Policy Annotator: Retrieve Coded Segments…).'));
      return undefined;
    }
    let format = a.format === 'csv' || a.format === 'json' ? a.format : undefined;
    if (!format) {
      const p = await vscode.window.showQuickPick(
        [
          { label: 'CSV', description: vscode.l10n.t('for spreadsheets and R/pandas'), format: 'csv' as const },
          { label: 'JSON', format: 'json' as const },
        ],
        { title: vscode.l10n.t('Export retrieved segments as') },
      );
      if (!p) return undefined;
      format = p.format;
    }
    const results = this.retrieved.results;
    return this.exportTargets.writeChosen({
      given: a.target,
      defaultName: `retrieved-segments.${format}`,
      filters: { [format.toUpperCase()]: [format] },
      inputs: this.corpus.documents().map((d) => d.uri),
      content: () => (format === 'csv' ? retrievedToCsv(results, { bom: true, neutralizeFormulas: this.settings.neutralizeCsvFormulas }) : JSON.stringify(retrievedToJson(results), null, 2) + '\n'),
    });
  }

  private async filterDirectives(arg?: unknown): Promise<void> {
    const text = typeof arg === 'string' ? arg : await vscode.window.showInputBox({ title: vscode.l10n.t('Show directives containing'), value: this.directives.filter, placeHolder: vscode.l10n.t('empty: all') });
    if (text === undefined) return;
    this.directives.filter = text.trim();
    this.directives.refresh();
    this.updateMessages();
  }

  /** Compares the directives of two corpus documents (older, newer) and shows them side by side. */
  private async compare(arg?: unknown): Promise<Record<string, number> | undefined> {
    await this.corpus.ready();
    const a = (arg ?? {}) as { old?: unknown; new?: unknown };
    const docs = this.corpus.documents();
    const find = (u: unknown): CorpusDocument | undefined => {
      const s = u instanceof vscode.Uri ? u.toString() : typeof u === 'string' ? u : undefined;
      return s === undefined ? undefined : docs.find((d) => d.uri.toString() === s);
    };
    const pick = async (title: string, exclude?: CorpusDocument): Promise<CorpusDocument | undefined> =>
      (await vscode.window.showQuickPick(
        docs.filter((d) => d !== exclude).map((d) => ({ label: d.name, description: String(d.summary.directives.filter((x) => x.kind === 'directive').length), doc: d })),
        { title, matchOnDescription: false },
      ))?.doc;
    const older = find(a.old) ?? (a.old === undefined ? await pick(vscode.l10n.t('Compare directives: the older document')) : undefined);
    if (!older) return undefined;
    const newer = find(a.new) ?? (a.new === undefined ? await pick(vscode.l10n.t('…with the newer document'), older) : undefined);
    if (!newer) return undefined;
    const side = (d: CorpusDocument): { formulations: Formulation[]; compared: ComparedDocument } => {
      const offsets = new Map<Formulation, { start: number; end: number }>();
      const formulations = d.summary.directives.filter((x) => x.kind === 'directive').map((x) => {
        const f: Formulation = { text: x.text, line: x.line };
        offsets.set(f, { start: x.start, end: x.end });
        return f;
      });
      return { formulations, compared: { uri: d.uri, name: d.name, offsets } };
    };
    const o = side(older);
    const n = side(newer);
    // In steps, with the host free between them: two big documents take seconds (many similar formulations).
    const rows = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Comparing the directives of {0} and {1}', older.name, newer.name) }, async (progress) => {
      // The share done only rises (the core reports it so): each report adds what was done since the last.
      let reported = 0;
      return compareFormulationsInSteps(o.formulations, n.formulations, {}, async (done) => {
        progress.report({ increment: (done - reported) * 100 });
        reported = done;
        await new Promise((resolve) => setTimeout(resolve, 0));
        return true;
      });
    });
    if (!rows) return undefined;
    this.comparison = { rows, older: o.compared, newer: n.compared };
    const title = `${older.name} → ${newer.name}`;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('policyAnnotator.comparison', title, vscode.ViewColumn.Active, {
        enableScripts: false,
        enableCommandUris: [Commands.revealAnnotation],
        localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'media')],
      });
      this.panel.onDidDispose(() => (this.panel = undefined));
    }
    this.panel.title = title;
    this.panel.webview.html = comparisonHtml(this.panel.webview, this.context.extensionUri, rows, o.compared, n.compared);
    this.panel.reveal();
    return comparisonCounts(rows);
  }

  private async exportComparison(arg?: unknown): Promise<vscode.Uri | undefined> {
    const a = (arg ?? {}) as { format?: unknown; target?: unknown };
    const c = this.comparison;
    if (!c) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Compare two documents first (Policy Annotator: Compare Directives of Two Documents…).'));
      return undefined;
    }
    let format = a.format === 'csv' || a.format === 'markdown' ? a.format : undefined;
    if (!format) {
      const p = await vscode.window.showQuickPick([{ label: 'Markdown', format: 'markdown' as const }, { label: 'CSV', format: 'csv' as const }], { title: vscode.l10n.t('Export the comparison as') });
      if (!p) return undefined;
      format = p.format;
    }
    const ext = format === 'csv' ? 'csv' : 'md';
    return this.exportTargets.writeChosen({
      given: a.target,
      defaultName: `comparison.${ext}`,
      filters: { [format === 'csv' ? 'CSV' : 'Markdown']: [ext] },
      inputs: this.corpus.documents().map((d) => d.uri),
      content: () => (format === 'csv' ? comparisonToCsv(c.rows, { bom: true, neutralizeFormulas: this.settings.neutralizeCsvFormulas }) : comparisonToMarkdown(c.rows, { old: c.older.name, new: c.newer.name })),
    });
  }

  /**
   * The views as rendered, every node expanded but groups (a document of thousands of directives: rendering every
   * row held the extension host for seconds) unless `expandGroups` says so: true for all, or a document's name.
   */
  private async snapshot(expandGroups: boolean | string): Promise<unknown> {
    const render = async <T>(provider: vscode.TreeDataProvider<T>): Promise<unknown[]> => {
      const walk = async (element?: T, documentName?: string): Promise<unknown[]> => {
        const children = (await provider.getChildren(element)) ?? [];
        return Promise.all(
          children.map(async (c) => {
            const item = await provider.getTreeItem(c);
            const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : (item.tooltip ?? '');
            const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
            const expand = item.contextValue !== 'group' || expandGroups === true || expandGroups === documentName;
            return { label, description: String(item.description ?? ''), tooltip, contextValue: item.contextValue ?? '', children: expand ? await walk(c, documentName ?? label) : [] };
          }),
        );
      };
      return walk();
    };
    return {
      retrieved: { message: this.retrievedView.message ?? '', visible: this.retrievedView.visible, nodes: await render(this.retrieved) },
      directives: { message: this.directivesView.message ?? '', nodes: await render(this.directives) },
      comparison: this.comparison ? { counts: comparisonCounts(this.comparison.rows), rows: this.comparison.rows.map((r) => ({ kind: r.kind, old: r.old?.line ?? null, new: r.new?.line ?? null })), html: this.panel?.webview.html ?? '' } : null,
    };
  }
}

export function registerCorpusResearch(context: vscode.ExtensionContext, corpus: CorpusIndex, settings: ExtensionSettings, exportTargets: ExportTargets): vscode.Disposable {
  return new CorpusResearch(context, corpus, settings, exportTargets);
}
