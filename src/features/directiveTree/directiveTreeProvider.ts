import * as vscode from 'vscode';
import type { DirectiveForce, DirectiveItem } from '../../core/directives/infer';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { directivesCount, sectionsCount } from '../../util/messages';
import { firstIndexWhere } from '../../core/text/search';
import { childGroups } from '../../util/treeGroups';
import type { DirectiveNode } from './nodes';

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}

/** The nodes of one analysed document version, built once: the tree asks for them many times per refresh. */
interface DocumentModel {
  readonly items: readonly DirectiveItem[];
  readonly top: DirectiveNode[];
  /** Children of a heading or section, by its anchor. */
  readonly children: Map<number, DirectiveNode[]>;
  /** Headings and sections by anchor (parents of other nodes). */
  readonly parents: Map<number, DirectiveNode>;
  readonly all: DirectiveNode[];
  /** Directives under each heading or section, however deep (the description's count). */
  readonly counts: Map<number, number>;
  readonly directives: number;
  readonly sections: number;
}

/** Icons by what a directive asks. */
const FORCE_ICONS: Record<DirectiveForce, string> = { must: 'arrow-small-right', mustNot: 'circle-slash', encourage: 'thumbsup', may: 'question' };

/** The parent of an item: its section, else its heading, else the document. */
function parentAnchor(item: DirectiveItem): number | undefined {
  return item.section ?? item.heading;
}

/** Above this many items a document's sections start collapsed, so a refresh does not fetch thousands of rows. */
const EXPAND_LIMIT = 400;

/** The group (of groups in document order) that lists `node`: found by its position, then checked. */
function groupHolding(groups: readonly DirectiveNode[], node: DirectiveNode & { type: 'item' }): DirectiveNode | undefined {
  const firstStart = (k: number): number => {
    const first = (groups[k] as DirectiveNode & { type: 'group' }).nodes[0];
    return first?.type === 'item' ? first.item.start : Infinity;
  };
  // The last group whose first item starts at or before the node; items may share a start (a heading and what it
  // opens), so the group before it may be the one.
  const last = firstIndexWhere(groups.length, (k) => firstStart(k) > node.item.start) - 1;
  for (let k = Math.max(0, last); k >= 0 && k >= last - 1; k--) {
    const group = groups[k] as DirectiveNode & { type: 'group' };
    if (group.nodes.includes(node)) return group;
  }
  return undefined;
}

/** `nodes` as they are, or in groups of consecutive nodes when there are too many to list. */
function grouped(uri: vscode.Uri, parent: DirectiveNode | undefined, nodes: DirectiveNode[]): DirectiveNode[] {
  const groups = childGroups(nodes);
  if (!groups) return nodes;
  // Ids from ordinals, not offsets, so that an expanded group stays expanded while text above it is edited.
  const item = parent?.type === 'item' ? parent : undefined;
  const under = item ? `${item.item.kind}-${item.ordinal}` : 'top';
  return groups.map((list, k): DirectiveNode => ({ type: 'group', uri, parent: item?.item.anchor, id: `${uri.toString()}#group-${under}-${k}`, nodes: list }));
}

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

  /** Which forces of directives the view shows (all by default; `policyAnnotator.filterDirectives` changes it). */
  private forces: ReadonlySet<DirectiveForce> | undefined;

  setForceFilter(forces: readonly DirectiveForce[] | undefined): void {
    this.forces = forces ? new Set(forces) : undefined;
    this.models.clear();
    this.refresh();
  }

  /** The model of the last analysis of the document (rebuilt only when the analysis or the filter changes). */
  private model(uri: vscode.Uri): DocumentModel {
    const items = this.index.lastAnalysis(uri)?.items ?? [];
    const key = uri.toString();
    const cached = this.models.get(key);
    if (cached && cached.items === items) return cached;
    const ordinals = { heading: 0, section: 0, directive: 0 };
    const forces = this.forces;
    const shown = forces ? items.filter((i) => i.kind !== 'directive' || forces.has(i.force ?? 'must')) : items;
    const all: DirectiveNode[] = shown.map((item) => ({ type: 'item', uri, item, ordinal: ordinals[item.kind]++ }));
    let top: DirectiveNode[] = [];
    const children = new Map<number, DirectiveNode[]>();
    const parents = new Map<number, DirectiveNode>();
    const counts = new Map<number, number>();
    let directives = 0;
    let sections = 0;
    for (const node of all) {
      if (node.type !== 'item') continue;
      if (node.item.kind !== 'directive') parents.set(node.item.anchor, node);
      if (node.item.kind === 'section') sections++;
      const parent = parentAnchor(node.item);
      if (parent === undefined || !parents.has(parent)) top.push(node);
      else {
        const siblings = children.get(parent);
        if (siblings) siblings.push(node);
        else children.set(parent, [node]);
      }
      if (node.item.kind === 'directive') {
        directives++;
        // Count it for its section and every heading above it.
        for (let p = parent; p !== undefined; ) {
          counts.set(p, (counts.get(p) ?? 0) + 1);
          const up = parents.get(p);
          p = up?.type === 'item' ? parentAnchor(up.item) : undefined;
        }
      }
    }
    top = grouped(uri, undefined, top);
    for (const [anchor, list] of children) children.set(anchor, grouped(uri, parents.get(anchor), list));
    const model = { items, top, children, parents, all, counts, directives, sections };
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
    if (element.type === 'group') return [...element.nodes];
    if (element.item.kind !== 'directive') return this.model(element.uri).children.get(element.item.anchor) ?? [];
    return [];
  }

  getParent(element: DirectiveNode): DirectiveNode | undefined {
    if (element.type === 'document') return undefined;
    const model = this.model(element.uri);
    const parentAt = element.type === 'group' ? element.parent : parentAnchor(element.item);
    const parent = parentAt !== undefined ? model.parents.get(parentAt) : undefined;
    // An item of a parent listed in groups is in the group whose range of positions holds it (found by binary
    // search, so no map from every item to its group is kept).
    if (element.type === 'item') {
      const siblings = parent?.type === 'item' ? model.children.get(parent.item.anchor) : model.top;
      if (siblings && siblings[0]?.type === 'group') {
        const group = groupHolding(siblings, element);
        if (group) return group;
      }
    }
    return parent ?? this.documentNode(element.uri);
  }

  getTreeItem(element: DirectiveNode): vscode.TreeItem {
    if (element.type === 'document') {
      const { directives, sections } = this.model(element.uri);
      const t = new vscode.TreeItem(basename(element.uri), vscode.TreeItemCollapsibleState.Expanded);
      t.id = element.uri.toString();
      t.resourceUri = element.uri;
      t.iconPath = vscode.ThemeIcon.File;
      t.description = `${directivesCount(directives)} · ${sectionsCount(sections)}`;
      t.tooltip = element.uri.scheme === 'file' ? element.uri.fsPath : element.uri.toString();
      t.contextValue = 'document';
      return t;
    }
    if (element.type === 'group') return this.groupItem(element);
    const { item, uri } = element;
    const doc = this.document(uri);
    const line = doc ? doc.positionAt(item.anchor).line + 1 : undefined;
    if (item.kind === 'heading') {
      const model = this.model(uri);
      const hasChildren = (model.children.get(item.anchor)?.length ?? 0) > 0;
      const expanded = model.items.length <= EXPAND_LIMIT ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      const t = new vscode.TreeItem(item.label, hasChildren ? expanded : vscode.TreeItemCollapsibleState.None);
      t.id = `${uri.toString()}#heading-${element.ordinal}-${item.level ?? 1}`;
      t.description = directivesCount(model.counts.get(item.anchor) ?? 0);
      t.iconPath = new vscode.ThemeIcon('symbol-structure');
      t.contextValue = 'heading';
      t.tooltip = line !== undefined ? vscode.l10n.t('line {0}', line) : undefined;
      t.command = { command: Commands.revealDirective, title: vscode.l10n.t('Reveal'), arguments: [element] };
      return t;
    }
    if (item.kind === 'section') {
      const model = this.model(uri);
      const count = model.children.get(item.anchor)?.length ?? 0;
      const expanded = model.items.length <= EXPAND_LIMIT ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
      const t = new vscode.TreeItem(`${item.trigger ?? ''}：${item.label}`, count > 0 ? expanded : vscode.TreeItemCollapsibleState.None);
      t.id = `${uri.toString()}#section-${element.ordinal}-${item.trigger ?? ''}`;
      t.description = directivesCount(count);
      t.iconPath = new vscode.ThemeIcon('symbol-namespace');
      t.contextValue = 'section';
      t.command = { command: Commands.revealDirective, title: vscode.l10n.t('Reveal'), arguments: [element] };
      return t;
    }
    const t = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.None);
    t.id = `${uri.toString()}#directive-${item.anchor}`;
    t.description = line !== undefined ? vscode.l10n.t('line {0}', line) : undefined;
    t.iconPath = new vscode.ThemeIcon(FORCE_ICONS[item.force ?? (item.negative ? 'mustNot' : 'must')]);
    t.contextValue = 'directive';
    t.accessibilityInformation = { label: `${item.negative ? vscode.l10n.t('Negative directive') : vscode.l10n.t('Directive')}: ${item.label}` };
    t.command = { command: Commands.revealDirective, title: vscode.l10n.t('Reveal'), arguments: [element] };
    return t;
  }

  private groupItem(group: DirectiveNode & { type: 'group' }): vscode.TreeItem {
    const doc = this.document(group.uri);
    const lineOf = (node: DirectiveNode | undefined): number => (doc && node?.type === 'item' ? doc.positionAt(node.item.anchor).line + 1 : 0);
    const t = new vscode.TreeItem(vscode.l10n.t('lines {0}–{1}', lineOf(group.nodes[0]), lineOf(group.nodes[group.nodes.length - 1])), vscode.TreeItemCollapsibleState.Collapsed);
    t.id = group.id;
    // The directives listed in the group, however deep (most groups list sections, each holding directives).
    const model = this.model(group.uri);
    let directives = 0;
    for (const n of group.nodes) {
      if (n.type !== 'item') continue;
      if (n.item.kind === 'directive') directives++;
      else if (n.item.kind === 'heading') directives += model.counts.get(n.item.anchor) ?? 0;
      else directives += model.children.get(n.item.anchor)?.length ?? 0;
    }
    t.description = directivesCount(directives);
    t.iconPath = new vscode.ThemeIcon('list-unordered');
    t.contextValue = 'group';
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

  /** The innermost node at a document offset: a directive if the offset is in one, else its section or heading. */
  nodeAt(uri: vscode.Uri, offset: number): DirectiveNode | undefined {
    const { all } = this.model(uri);
    let container: DirectiveNode | undefined;
    for (const n of all) {
      if (n.type !== 'item') continue;
      if (n.item.start > offset) break;
      if (offset <= n.item.end) {
        if (n.item.kind === 'directive') return n;
        container = n;
      }
    }
    return container;
  }
}
