import * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import type { DirectiveNode } from './nodes';

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/**
 * Documents → sections → directives. Node ids are stable across refreshes (document URI, then the ordinal of a
 * section), so what the user expanded stays expanded while the document is edited.
 */
export class DirectiveTreeProvider implements vscode.TreeDataProvider<DirectiveNode> {
  private readonly changed = new vscode.EventEmitter<DirectiveNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly documentNodes = new Map<string, DirectiveNode>();

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

  private items(uri: vscode.Uri): readonly DirectiveItem[] {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!doc) return [];
    return this.index.lastKnown(uri)?.items ?? this.index.analyse(doc).items;
  }

  /** Nodes for items, numbered per kind in document order (the numbering gives sections stable ids). */
  private nodes(uri: vscode.Uri): DirectiveNode[] {
    let sections = 0;
    let directives = 0;
    return this.items(uri).map((item) => ({ type: 'item', uri, item, ordinal: item.kind === 'section' ? sections++ : directives++ }));
  }

  getChildren(element?: DirectiveNode): DirectiveNode[] {
    if (!element) {
      const docs = this.index.chineseDocuments().sort((a, b) => basename(a.uri).localeCompare(basename(b.uri)));
      const live = new Set(docs.map((d) => d.uri.toString()));
      for (const key of this.documentNodes.keys()) if (!live.has(key)) this.documentNodes.delete(key);
      return docs.map((d) => this.documentNode(d.uri));
    }
    if (element.type === 'document') return this.nodes(element.uri).filter((n) => n.type === 'item' && n.item.section === undefined);
    if (element.item.kind === 'section') {
      const anchor = element.item.anchor;
      return this.nodes(element.uri).filter((n) => n.type === 'item' && n.item.section === anchor);
    }
    return [];
  }

  getParent(element: DirectiveNode): DirectiveNode | undefined {
    if (element.type === 'document') return undefined;
    if (element.item.section === undefined) return this.documentNode(element.uri);
    return this.nodes(element.uri).find((n) => n.type === 'item' && n.item.kind === 'section' && n.item.anchor === element.item.section);
  }

  getTreeItem(element: DirectiveNode): vscode.TreeItem {
    if (element.type === 'document') {
      const items = this.items(element.uri);
      const directives = items.filter((i) => i.kind === 'directive').length;
      const sections = items.length - directives;
      const t = new vscode.TreeItem(basename(element.uri), vscode.TreeItemCollapsibleState.Expanded);
      t.id = element.uri.toString();
      t.resourceUri = element.uri;
      t.iconPath = vscode.ThemeIcon.File;
      t.description = vscode.l10n.t('{0} directives · {1} sections', directives, sections);
      t.tooltip = element.uri.fsPath || element.uri.toString();
      t.contextValue = 'document';
      return t;
    }
    const { item, uri } = element;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const fullText = doc ? doc.getText(new vscode.Range(doc.positionAt(item.start), doc.positionAt(item.end))) : item.label;
    const line = doc ? doc.positionAt(item.anchor).line + 1 : undefined;
    if (item.kind === 'section') {
      const count = this.items(uri).filter((i) => i.section === item.anchor).length;
      const t = new vscode.TreeItem(`${item.trigger ?? ''}：${item.label}`, count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      t.id = `${uri.toString()}#section-${element.ordinal}-${item.trigger ?? ''}`;
      t.description = vscode.l10n.t('{0} directives', count);
      t.iconPath = new vscode.ThemeIcon('symbol-namespace');
      t.tooltip = new vscode.MarkdownString().appendText(fullText.slice(0, 600));
      t.contextValue = 'section';
      t.command = { command: Commands.revealDirective, title: vscode.l10n.t('Reveal'), arguments: [element] };
      return t;
    }
    const t = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.None);
    t.id = `${uri.toString()}#directive-${item.anchor}`;
    t.description = line !== undefined ? vscode.l10n.t('line {0}', line) : undefined;
    t.iconPath = new vscode.ThemeIcon(item.negative ? 'circle-slash' : 'arrow-small-right');
    t.tooltip = new vscode.MarkdownString().appendText(fullText.slice(0, 600));
    t.contextValue = 'directive';
    t.accessibilityInformation = { label: `${item.negative ? vscode.l10n.t('Negative directive') : vscode.l10n.t('Directive')}: ${item.label}` };
    t.command = { command: Commands.revealDirective, title: vscode.l10n.t('Reveal'), arguments: [element] };
    return t;
  }

  /** The innermost node at a document offset: a directive if the offset is in one, else its section. */
  nodeAt(uri: vscode.Uri, offset: number): DirectiveNode | undefined {
    const nodes = this.nodes(uri);
    const containing = nodes.filter((n) => n.type === 'item' && n.item.start <= offset && offset <= n.item.end);
    return containing.find((n) => n.type === 'item' && n.item.kind === 'directive') ?? containing[0];
  }
}
