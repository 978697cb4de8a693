import * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import type { DirectiveNode } from './nodes';

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/** The nodes of one analysed document version, built once: the tree asks for them many times per refresh. */
interface DocumentModel {
  readonly items: readonly DirectiveItem[];
  readonly top: DirectiveNode[];
  readonly children: Map<number, DirectiveNode[]>;
  readonly sections: Map<number, DirectiveNode>;
  readonly all: DirectiveNode[];
}

/** Above this many items a document's sections start collapsed, so a refresh does not fetch thousands of rows. */
const EXPAND_LIMIT = 400;

/**
 * Documents → sections → directives. Node ids are stable across refreshes (document URI, then the ordinal of a
 * section), so what the user expanded stays expanded while the document is edited.
 */
export class DirectiveTreeProvider implements vscode.TreeDataProvider<DirectiveNode> {
  private readonly changed = new vscode.EventEmitter<DirectiveNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly documentNodes = new Map<string, DirectiveNode>();
  private readonly models = new Map<string, DocumentModel>();

  constructor(private readonly index: DocumentIndex) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }

  documentNode(uri: vscode.Uri): DirectiveNode {
    const key = uri.toString();
    let node = this.documentNodes.get(key);
    if (!node) {
      node = { type: 'document', uri };
      this.documentNodes.set(key, node);
    }
    return node;
  }

  private document(uri: vscode.Uri): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  }

  /** The model of the last analysis of the document (rebuilt only when the analysis changes). */
  private model(uri: vscode.Uri): DocumentModel {
    const doc = this.document(uri);
    const items = doc ? this.index.analysisOf(doc).items : [];
    const key = uri.toString();
    const cached = this.models.get(key);
    if (cached && cached.items === items) return cached;
    let sectionOrdinal = 0;
    let directiveOrdinal = 0;
    const all: DirectiveNode[] = items.map((item) => ({ type: 'item', uri, item, ordinal: item.kind === 'section' ? sectionOrdinal++ : directiveOrdinal++ }));
    const top: DirectiveNode[] = [];
    const children = new Map<number, DirectiveNode[]>();
    const sections = new Map<number, DirectiveNode>();
    for (const node of all) {
      if (node.type !== 'item') continue;
      if (node.item.kind === 'section') sections.set(node.item.anchor, node);
      if (node.item.section === undefined) top.push(node);
      else {
        const list = children.get(node.item.section) ?? [];
        list.push(node);
        children.set(node.item.section, list);
      }
    }
    const model = { items, top, children, sections, all };
    this.models.set(key, model);
    return model;
  }

  getChildren(element?: DirectiveNode): DirectiveNode[] {
    if (!element) {
      const docs = this.index.chineseDocuments().sort((a, b) => basename(a.uri).localeCompare(basename(b.uri)));
      const live = new Set(docs.map((d) => d.uri.toString()));
      for (const key of [...this.documentNodes.keys()]) {
        if (!live.has(key)) {
          this.documentNodes.delete(key);
          this.models.delete(key);
        }
      }
      return docs.map((d) => this.documentNode(d.uri));
    }
    if (element.type === 'document') return this.model(element.uri).top;
    if (element.item.kind === 'section') return this.model(element.uri).children.get(element.item.anchor) ?? [];
    return [];
  }

  getParent(element: DirectiveNode): DirectiveNode | undefined {
    if (element.type === 'document') return undefined;
    if (element.item.section === undefined) return this.documentNode(element.uri);
    return this.model(element.uri).sections.get(element.item.section);
  }

  getTreeItem(element: DirectiveNode): vscode.TreeItem {
    if (element.type === 'document') {
      const { items } = this.model(element.uri);
      const directives = items.filter((i) => i.kind === 'directive').length;
      const sections = items.length - directives;
      const t = new vscode.TreeItem(basename(element.uri), vscode.TreeItemCollapsibleState.Expanded);
      t.id = element.uri.toString();
      t.resourceUri = element.uri;
      t.iconPath = vscode.ThemeIcon.File;
      t.description = vscode.l10n.t('{0} directives · {1} sections', directives, sections);
      t.tooltip = element.uri.scheme === 'file' ? element.uri.fsPath : element.uri.toString();
      t.contextValue = 'document';
      return t;
    }
    const { item, uri } = element;
    const doc = this.document(uri);
    const line = doc ? doc.positionAt(item.anchor).line + 1 : undefined;
    if (item.kind === 'section') {
      const model = this.model(uri);
      const count = model.children.get(item.anchor)?.length ?? 0;
      const expanded = model.items.length <= EXPAND_LIMIT ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      const t = new vscode.TreeItem(`${item.trigger ?? ''}：${item.label}`, count > 0 ? expanded : vscode.TreeItemCollapsibleState.None);
      t.id = `${uri.toString()}#section-${element.ordinal}-${item.trigger ?? ''}`;
      t.description = vscode.l10n.t('{0} directives', count);
      t.iconPath = new vscode.ThemeIcon('symbol-namespace');
      t.contextValue = 'section';
      t.command = { command: Commands.revealDirective, title: vscode.l10n.t('Reveal'), arguments: [element] };
      return t;
    }
    const t = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.None);
    t.id = `${uri.toString()}#directive-${item.anchor}`;
    t.description = line !== undefined ? vscode.l10n.t('line {0}', line) : undefined;
    t.iconPath = new vscode.ThemeIcon(item.negative ? 'circle-slash' : 'arrow-small-right');
    t.contextValue = 'directive';
    t.accessibilityInformation = { label: `${item.negative ? vscode.l10n.t('Negative directive') : vscode.l10n.t('Directive')}: ${item.label}` };
    t.command = { command: Commands.revealDirective, title: vscode.l10n.t('Reveal'), arguments: [element] };
    return t;
  }

  /** The full clause as the tooltip, computed only when the user hovers. */
  resolveTreeItem(item: vscode.TreeItem, element: DirectiveNode): vscode.TreeItem {
    if (element.type !== 'item') return item;
    const doc = this.document(element.uri);
    if (doc) {
      const text = doc.getText(new vscode.Range(doc.positionAt(element.item.start), doc.positionAt(element.item.end)));
      item.tooltip = new vscode.MarkdownString().appendText(text.slice(0, 600));
    }
    return item;
  }

  /** The innermost node at a document offset: a directive if the offset is in one, else its section. */
  nodeAt(uri: vscode.Uri, offset: number): DirectiveNode | undefined {
    const { all } = this.model(uri);
    let section: DirectiveNode | undefined;
    for (const n of all) {
      if (n.type !== 'item') continue;
      if (n.item.start > offset) break;
      if (offset <= n.item.end) {
        if (n.item.kind === 'directive') return n;
        section = n;
      }
    }
    return section;
  }
}
