import * as vscode from 'vscode';
import { detectScript, type DominantScript } from '../../core/convert/detectScript';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import { isCandidateDocument } from '../../services/documentIndex';
import type { ExtensionSettings } from '../../settings';
import { activeDocument } from '../../services/editorRegistry';

const SYMBOL: Record<DominantScript, string | undefined> = { simplified: '简', traditional: '繁', mixed: '混', neutral: undefined, none: undefined };

/** The dominant script of the active document (简/繁/混); clicking it converts to the other script. */
export class ScriptStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('policyAnnotator.script', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  current: DominantScript = 'none';

  constructor(private readonly index: DocumentIndex, private readonly settings: ExtensionSettings) {
    this.item.name = vscode.l10n.t('Chinese script');
    this.item.command = Commands.toggleScript;
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      index.onDidChange((uri) => {
        if (!uri || uri.toString() === activeDocument()?.uri.toString()) this.update();
      }),
      vscode.commands.registerCommand(Commands.toggleScript, () => this.toggle()),
    );
    this.update();
  }

  /** What the status bar shows now ('' when hidden). */
  get text(): string {
    return SYMBOL[this.current] ?? '';
  }

  update(): void {
    const doc = activeDocument();
    // Detection samples the text (a fixed number of characters), so it stays cheap on a 5 MB document.
    this.current = doc && isCandidateDocument(doc) ? detectScript(this.index.lastAnalysis(doc.uri)?.parsed.text ?? doc.getText()) : 'none';
    const symbol = SYMBOL[this.current];
    if (!symbol) {
      this.item.hide();
      return;
    }
    this.item.text = symbol;
    const tooltips: Record<string, string> = {
      simplified: vscode.l10n.t('Simplified Chinese — click to convert to Traditional'),
      traditional: vscode.l10n.t('Traditional Chinese — click to convert to Simplified'),
      mixed: vscode.l10n.t('Mixed Simplified and Traditional — click to choose a conversion'),
    };
    this.item.tooltip = tooltips[this.current];
    this.item.accessibilityInformation = { label: tooltips[this.current] ?? symbol };
    this.item.show();
  }

  private async toggle(): Promise<unknown> {
    this.update();
    const doc = activeDocument();
    // The conversion feature does the work; this feature only knows its command (features never import each other).
    if (!doc) return vscode.commands.executeCommand(Commands.convert);
    if (this.current === 'traditional') return vscode.commands.executeCommand(Commands.convert, { to: 'cn' });
    if (this.current === 'simplified') return vscode.commands.executeCommand(Commands.convert, { to: this.settings.defaultTarget === 'cn' ? 't' : this.settings.defaultTarget });
    return vscode.commands.executeCommand(Commands.convert);
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

export function registerScriptStatus(index: DocumentIndex, settings: ExtensionSettings): ScriptStatus {
  return new ScriptStatus(index, settings);
}
