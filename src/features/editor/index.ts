import * as vscode from 'vscode';
import { containsHan } from '../../core/text/chars';
import { Commands, ContextKeys, EDITOR_VIEW_TYPE, TestCommands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { isCandidateDocument } from '../../services/documentIndex';
import type { ExtensionSettings } from '../../settings';
import { activeCustomEditor, activeDocument } from '../../services/editorRegistry';
import { EditorSession } from './editorSession';
import { editorHtml } from './html';

/**
 * `policyAnnotator.editor`: a CustomTextEditorProvider. The TextDocument stays the single source of truth, so
 * undo/redo, dirty state, save, hot exit and a text editor beside it all work as for any text file.
 */
class PolicyEditorProvider implements vscode.CustomTextEditorProvider {
  readonly sessions = new Set<EditorSession>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly index: DocumentIndex,
    private readonly settings: ExtensionSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
    const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
    panel.webview.html = editorHtml(panel.webview, this.extensionUri, name);
    // Told apart from the text editor's tab of the same file: a suffix and the extension's icon.
    panel.title = vscode.l10n.t('{0} (Annotator)', name);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'directives.svg');
    const session = new EditorSession(document, panel, this.index, this.settings, this.log);
    this.sessions.add(session);
    panel.onDidDispose(() => {
      this.sessions.delete(session);
      session.dispose();
    });
  }
}

async function openEditor(uri?: unknown): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : activeDocument()?.uri;
  if (!target) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a text or Markdown file to show it in Policy Annotator.'));
    return;
  }
  await vscode.commands.executeCommand('vscode.openWith', target, EDITOR_VIEW_TYPE);
}

/** Keeps `policyAnnotator.activeHasChinese` true while the active editor shows Chinese text (editor-title button). */
function trackChineseContext(): vscode.Disposable {
  const update = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', ContextKeys.hasChinese, !!doc && isCandidateDocument(doc) && containsHan(doc.getText()));
  };
  update();
  return vscode.window.onDidChangeActiveTextEditor(update);
}

/** Test builds: drives the active custom editor's webview as a user would (tests, benchmarks). */
function registerEditorProbe(provider: PolicyEditorProvider): vscode.Disposable {
  return vscode.commands.registerCommand(TestCommands.editorProbe, async (action: unknown) => {
    const a = (action ?? {}) as { kind?: unknown; uri?: unknown };
    if (a.kind === 'timing') {
      // Timing of the editor on a given document (benchmarks): the newest session on it.
      const onDoc = [...provider.sessions].filter((s) => s.document.uri.toString() === String(a.uri));
      const session = onDoc[onDoc.length - 1];
      return session ? { firstRenderMs: session.firstRenderMs } : undefined;
    }
    const session = [...provider.sessions].find((s) => s === activeCustomEditor()) ?? [...provider.sessions].find((s) => s.visible);
    if (!session) throw new Error('No Policy Annotator editor is open to probe.');
    return session.probe(action as never);
  });
}

export function registerCustomEditor(context: vscode.ExtensionContext, index: DocumentIndex, settings: ExtensionSettings, log: vscode.LogOutputChannel): vscode.Disposable {
  const provider = new PolicyEditorProvider(context.extensionUri, index, settings, log);
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(EDITOR_VIEW_TYPE, provider, { webviewOptions: { retainContextWhenHidden: false } }),
    vscode.commands.registerCommand(Commands.openEditor, openEditor),
    trackChineseContext(),
    TEST_HOOKS ? registerEditorProbe(provider) : { dispose() {} },
  );
}
