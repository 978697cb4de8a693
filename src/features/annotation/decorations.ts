import * as vscode from 'vscode';
import { tagColor } from '../../core/markup/tagColors';
import { overlapping } from '../../core/text/ranges';
import { decorationWindow, onWindowLeft, type DecorationWindow } from '../../services/decorationWindow';
import type { DocumentIndex } from '../../services/documentIndex';
import { isCandidateDocument } from '../../services/documentIndex';
import type { ExtensionSettings } from '../../settings';
import { DisposableStore } from '../../util/dispose';

/** A translucent version of a CSS colour for backgrounds (hex and hsl, the forms tagColor produces). */
function tint(color: string, alpha: number): string {
  if (/^#[0-9a-fA-F]{6}$/.test(color)) return color + Math.round(alpha * 255).toString(16).padStart(2, '0');
  if (/^#[0-9a-fA-F]{3}$/.test(color)) return '#' + [...color.slice(1)].map((c) => c + c).join('') + Math.round(alpha * 255).toString(16).padStart(2, '0');
  const hsl = /^hsl\((.*)\)$/.exec(color);
  if (hsl) return `hsla(${hsl[1]}, ${alpha})`;
  return color;
}

/**
 * Annotated text in the text editor: tinted in its tag's colour and underlined, with the markup dimmed — or
 * hidden (`policyAnnotator.annotations.hideMarkup`) except on the lines that hold a cursor, so it can be edited.
 */
class AnnotationDecorations extends DisposableStore {
  private readonly byColor = new Map<string, vscode.TextEditorDecorationType>();
  /** The stretch of each editor's document drawn last: a long document is drawn around what is visible. */
  private readonly windows = new WeakMap<vscode.TextEditor, DecorationWindow>();
  private markupType: vscode.TextEditorDecorationType;
  private hiddenType: vscode.TextEditorDecorationType;

  constructor(private readonly index: DocumentIndex, private readonly settings: ExtensionSettings) {
    super();
    this.markupType = this.register(vscode.window.createTextEditorDecorationType({ opacity: '0.45' }));
    // The CSS after `none;` folds the markup to zero width. (`display: none` hid the text but also made the tag
    // colours of the neighbouring annotated text disappear in the workbench; font-size 0 keeps them.)
    this.hiddenType = this.register(vscode.window.createTextEditorDecorationType({ textDecoration: 'none; font-size: 0;' }));
    this.register({ dispose: () => this.byColor.forEach((t) => t.dispose()) });
    this.register(index.onDidChange((uri) => (uri ? this.updateWhere(uri) : this.updateAll())));
    this.register(vscode.window.onDidChangeVisibleTextEditors(() => this.updateAll()));
    this.register(onWindowLeft((editor) => this.windows.get(editor), (editor) => this.update(editor)));
    this.register(
      vscode.window.onDidChangeTextEditorSelection((e) => {
        if (this.settings.hideMarkup) this.update(e.textEditor);
      }),
    );
    this.register(
      settings.onDidChange((change) => {
        // Decoration types are kept (one per colour) rather than recreated: a type disposed and recreated with the
        // same options in one go lost its styling in the workbench. Colours no longer used are cleared by update().
        if (change.tags || change.annotations) this.updateAll();
      }),
    );
    this.updateAll();
  }

  private typeFor(color: string): vscode.TextEditorDecorationType {
    let type = this.byColor.get(color);
    if (!type) {
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: tint(color, 0.18),
        borderColor: color,
        borderStyle: 'solid',
        borderWidth: '0 0 2px 0',
      });
      this.byColor.set(color, type);
    }
    return type;
  }

  private updateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.update(editor);
  }

  private updateWhere(uri: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === uri.toString()) this.update(editor);
  }

  private update(editor: vscode.TextEditor): void {
    const doc = editor.document;
    if (!isCandidateDocument(doc)) return;
    const analysis = this.index.lastAnalysis(doc.uri);
    // Decorations follow the last analysis; while the user types they move with the text until it is refreshed.
    if (!analysis || analysis.version !== doc.version) return;
    const enabled = this.settings.highlight;
    const palette = this.settings.tags;
    const ranges = new Map<string, vscode.Range[]>();
    const markup: vscode.Range[] = [];
    const hidden: vscode.Range[] = [];
    const cursorLines = new Set(editor.selections.flatMap((s) => [s.start.line, s.end.line]));
    const hide = this.settings.hideMarkup;
    const window = decorationWindow(editor);
    this.windows.set(editor, window);
    if (enabled || hide) {
      for (const span of overlapping(analysis.parsed.spans, window.from, window.to)) {
        const color = tagColor(span.tags[0] ?? '', palette);
        const list = ranges.get(color) ?? [];
        list.push(new vscode.Range(doc.positionAt(span.contentStart), doc.positionAt(span.contentEnd)));
        ranges.set(color, list);
        for (const [a, b] of [[span.start, span.contentStart], [span.contentEnd, span.end]] as const) {
          const range = new vscode.Range(doc.positionAt(a), doc.positionAt(b));
          if (hide && !cursorLines.has(range.start.line) && !cursorLines.has(range.end.line)) hidden.push(range);
          else markup.push(range);
        }
      }
    }
    for (const [color, type] of this.byColor) if (!ranges.has(color)) editor.setDecorations(type, []);
    if (enabled) for (const [color, list] of ranges) editor.setDecorations(this.typeFor(color), list);
    editor.setDecorations(this.markupType, enabled ? markup : []);
    editor.setDecorations(this.hiddenType, hidden);
  }
}

export function registerAnnotationDecorations(index: DocumentIndex, settings: ExtensionSettings): vscode.Disposable {
  return new AnnotationDecorations(index, settings);
}
