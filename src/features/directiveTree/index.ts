import * as vscode from 'vscode';
import { Commands, TestCommands, Views } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import type { ExportTargets } from '../../services/exportTargets';
import type { ExtensionSettings } from '../../settings';
import { DisposableStore } from '../../util/dispose';
import { activeDocument, onDidChangeCustomEditorSelection } from '../../services/editorRegistry';
import { directivesCount } from '../../util/messages';
import { DirectiveTreeProvider } from './directiveTreeProvider';
import { exportDirectives } from './exportDirectives';
import { moveToDirective, revealDirectiveCommand } from './navigation';
import { registerOutline } from './outline';
import type { DirectiveForce } from '../../core/directives/infer';
import type { DirectiveNode } from './nodes';

/** How long after a refused or lost reveal the view tries again, and how often it tries in all. */
const FOLLOW_RETRY_MS = 500;
const FOLLOW_ATTEMPTS = 5;

export interface TreeSnapshot {
  readonly label: string;
  readonly description: string;
  readonly id: string;
  readonly selected: boolean;
  readonly children: TreeSnapshot[];
}

/** The Directives view, its badge, following the cursor, and the commands that move between directives. */
class DirectiveTreeFeature extends DisposableStore {
  /** The next try of a reveal the view refused or lost (see `follow`). */
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly provider: DirectiveTreeProvider;
  private readonly view: vscode.TreeView<DirectiveNode>;

  constructor(private readonly index: DocumentIndex, private readonly settings: ExtensionSettings, exportTargets: ExportTargets) {
    super();
    this.provider = this.register(new DirectiveTreeProvider(index));
    this.view = this.register(vscode.window.createTreeView(Views.directives, { treeDataProvider: this.provider, showCollapseAll: true }));
    this.register(
      index.onDidChange(() => {
        this.provider.refresh();
        this.updateBadge();
        // The view shows the item under the cursor again: a reveal made while the view refreshed can be lost.
        this.followActiveEditor();
      }),
    );
    this.register({ dispose: () => clearTimeout(this.retryTimer) });
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.updateBadge()));
    this.register(vscode.window.onDidChangeTextEditorSelection((e) => this.follow(e.textEditor.document, e.textEditor.document.offsetAt(e.textEditor.selection.active))));
    this.register(onDidChangeCustomEditorSelection((editor) => this.follow(editor.document, editor.selection.start)));
    this.register(vscode.commands.registerCommand(Commands.revealDirective, revealDirectiveCommand));
    this.register(vscode.commands.registerCommand(Commands.nextDirective, () => moveToDirective(index, 1)));
    this.register(vscode.commands.registerCommand(Commands.previousDirective, () => moveToDirective(index, -1)));
    this.register(vscode.commands.registerCommand(Commands.nextHeading, () => moveToDirective(index, 1, 'heading')));
    this.register(vscode.commands.registerCommand(Commands.previousHeading, () => moveToDirective(index, -1, 'heading')));
    this.register(vscode.commands.registerCommand(Commands.filterDirectives, (arg?: unknown) => this.filter(arg)));
    this.register(registerOutline(index));
    this.register(vscode.commands.registerCommand(Commands.copyDirective, (node?: DirectiveNode) => this.copy(node)));
    this.register(
      vscode.commands.registerCommand(Commands.exportDirectives, (arg?: unknown) =>
        exportDirectives(index, settings, exportTargets, arg && typeof arg === 'object' && 'type' in arg ? { uri: (arg as DirectiveNode).uri } : arg),
      ),
    );
    this.register(vscode.commands.registerCommand(Commands.refreshDirectives, () => this.provider.refresh()));
    if (TEST_HOOKS) {
      // What the view was told: how often it was asked to refresh, and the nodes it then reads.
      let refreshes = 0;
      this.register(this.provider.onDidChangeTreeData(() => refreshes++));
      // `{ depth: 1 }`: the documents only, without reading every row (benchmarks of big documents).
      this.register(
        vscode.commands.registerCommand(TestCommands.treeSnapshot, (options?: { depth?: number }) => ({ refreshes, visible: this.view.visible, nodes: this.snapshot(undefined, options?.depth ?? Infinity) })),
      );
    }
    this.updateBadge();
  }

  private updateBadge(): void {
    const doc = activeDocument();
    const count = doc ? (this.index.lastAnalysis(doc.uri)?.items ?? []).filter((i) => i.kind === 'directive').length : 0;
    this.view.badge = count > 0 ? { value: count, tooltip: vscode.l10n.t('{0} in the active document', directivesCount(count)) } : undefined;
  }

  /**
   * Reveals the item under the cursor (of a text or a Policy Annotator editor), without taking focus from it. A
   * reveal the view refuses, or that ends without the item selected (the view was refreshing, under load), is tried
   * again a moment later, for the cursor's item then, a few times at most.
   */
  private follow(doc: vscode.TextDocument, offset: number, attempts = FOLLOW_ATTEMPTS): void {
    if (!this.view.visible || !this.settings.followCursor) return;
    const analysis = this.index.lastAnalysis(doc.uri);
    if (!analysis || analysis.version !== doc.version) return;
    const node = this.provider.nodeAt(doc.uri, offset);
    if (!node) return;
    const again = (): void => {
      if (attempts <= 1) return;
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.followActiveEditor(attempts - 1), FOLLOW_RETRY_MS);
    };
    const id = this.provider.getTreeItem(node).id;
    void this.view.reveal(node, { select: true, focus: false, expand: true }).then(() => {
      if (!this.view.selection.some((n) => this.provider.getTreeItem(n).id === id)) again();
    }, again);
  }

  private followActiveEditor(attempts = FOLLOW_ATTEMPTS): void {
    const editor = vscode.window.activeTextEditor;
    if (editor) this.follow(editor.document, editor.document.offsetAt(editor.selection.active), attempts);
  }

  /** The tree as the user sees it: labels, descriptions and children, from the real provider. */
  private snapshot(element: DirectiveNode | undefined, depth: number): TreeSnapshot[] {
    if (depth <= 0) return [];
    return this.provider.getChildren(element).map((node) => {
      const item = this.provider.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      const selected = this.view.selection.some((n) => this.provider.getTreeItem(n).id === item.id);
      return { label, description: typeof item.description === 'string' ? item.description : '', id: item.id ?? '', selected, children: this.snapshot(node, depth - 1) };
    });
  }

  /**
   * Shows only directives of the chosen forces (must, must not, encourage, may): `{ forces: [...] }` without UI,
   * else a multi-select; all of them (or none chosen) shows every directive.
   */
  private async filter(arg?: unknown): Promise<void> {
    const all: DirectiveForce[] = ['must', 'mustNot', 'encourage', 'may'];
    const given = (arg as { forces?: unknown } | undefined)?.forces;
    let forces: DirectiveForce[] | undefined;
    if (Array.isArray(given)) forces = all.filter((f) => given.includes(f));
    else {
      const labels: Record<DirectiveForce, string> = {
        must: vscode.l10n.t('must (要, 必须)'),
        mustNot: vscode.l10n.t('must not (不要, 不得)'),
        encourage: vscode.l10n.t('encourage (鼓励, 支持)'),
        may: vscode.l10n.t('may (可以)'),
      };
      const picked = await vscode.window.showQuickPick(
        all.map((force) => ({ label: labels[force], force, picked: true })),
        { canPickMany: true, title: vscode.l10n.t('Show directives that…') },
      );
      if (!picked) return;
      forces = picked.map((p) => p.force);
    }
    this.provider.setForceFilter(forces.length === 0 || forces.length === all.length ? undefined : forces);
  }

  private async copy(node?: DirectiveNode): Promise<void> {
    let text: string | undefined;
    if (node?.type === 'item') {
      const doc = await vscode.workspace.openTextDocument(node.uri);
      text = doc.getText(new vscode.Range(doc.positionAt(node.item.start), doc.positionAt(node.item.end)));
    } else {
      const editor = vscode.window.activeTextEditor;
      const at = editor && this.provider.nodeAt(editor.document.uri, editor.document.offsetAt(editor.selection.active));
      if (editor && at?.type === 'item') text = editor.document.getText(new vscode.Range(editor.document.positionAt(at.item.start), editor.document.positionAt(at.item.end)));
    }
    if (text === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Put the cursor in a directive, or choose one in the Directives view, to copy it.'));
      return;
    }
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(vscode.l10n.t('Directive copied.'), 2000);
  }
}

export function registerDirectiveTree(index: DocumentIndex, settings: ExtensionSettings, exportTargets: ExportTargets): vscode.Disposable {
  return new DirectiveTreeFeature(index, settings, exportTargets);
}
