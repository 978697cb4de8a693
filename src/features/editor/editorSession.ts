import * as vscode from 'vscode';
import { getConverter } from '../../core/convert/converter';
import { spanAt } from '../../core/markup/parse';
import { setSpanAttributes, setSpanNote, unwrapSpan, wrapInSpan } from '../../core/markup/spanEdits';
import { buildRenderLines } from '../../core/render/renderLines';
import { Commands } from '../../constants';
import { parseWebviewMessage, type DisplayScript, type HostMessage, type ProbeAction, type RenderLine, type ToolbarCommand, type WebviewMessage } from '../../protocol';
import type { DocumentIndex } from '../../services/documentIndex';
import { addCustomEditor, type OpenCustomEditor } from '../../services/editorRegistry';
import type { ExtensionSettings } from '../../settings';
import { DisposableStore } from '../../util/dispose';
import { applyDocumentEdits, documentLength } from '../../util/documents';
import { spanEditFailure } from '../../util/messages';
import { webviewStrings } from './strings';

/** Lines per message while the first render streams in: the first screen arrives with the first message. */
const CHUNK_LINES = 300;

/** Pause after an edit before the webview is updated; longer for large documents. */
function updateDelay(doc: vscode.TextDocument): number {
  return documentLength(doc) > 1_000_000 ? 300 : 60;
}

/**
 * One custom-editor panel on one document. The TextDocument is the model: document changes are sent to the
 * webview as the lines that changed; webview actions come back as validated messages and become WorkspaceEdits.
 */
export class EditorSession extends DisposableStore implements OpenCustomEditor {
  private sentLines: string[] = [];
  private script: DisplayScript = 'original';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private probes = new Map<number, (result: unknown) => void>();
  private nextProbe = 1;
  private ready = false;
  /** The webview's selection, in document offsets (for commands such as Next Directive). */
  selection = { start: 0, end: 0 };
  /** Milliseconds from opening to the first painted lines, as measured by the host (benchmarks). */
  firstRenderMs: number | undefined;
  private readonly opened = Date.now();

  constructor(
    readonly document: vscode.TextDocument,
    private readonly panel: vscode.WebviewPanel,
    private readonly index: DocumentIndex,
    private readonly settings: ExtensionSettings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(addCustomEditor(this));
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length > 0) this.scheduleUpdate();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyAnnotator.tags')) this.post({ type: 'palette', palette: settings.tags });
        if (e.affectsConfiguration('policyAnnotator.directives')) this.scheduleUpdate();
      }),
    );
    this.register({ dispose: () => this.timer !== undefined && clearTimeout(this.timer) });
  }

  get active(): boolean {
    return this.panel.active;
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  reveal(start: number, end: number, select: boolean): void {
    // The reveal message also selects, so the webview reports the new selection back.
    this.selection = { start, end };
    this.panel.reveal(undefined, false);
    this.post({ type: 'reveal', start, end, select });
  }

  /** Sends a probe (state, key press, button click) to the webview and resolves with its answer. */
  probe(action: ProbeAction): Promise<unknown> {
    const id = this.nextProbe++;
    return new Promise((resolve) => {
      this.probes.set(id, resolve);
      this.post({ type: 'probe', id, action });
    });
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private scheduleUpdate(): void {
    if (!this.ready) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, updateDelay(this.document));
  }

  private async renderLines(): Promise<RenderLine[]> {
    const analysis = this.index.analyse(this.document);
    let display: ((s: string) => string) | undefined;
    if (this.script !== 'original') {
      const converter = await getConverter({ from: this.script === 'cn' ? 't' : 'cn', to: this.script });
      display = (s) => converter.convert(s).text;
    }
    return buildRenderLines(analysis.text, analysis.parsed, analysis.items, display ? { display } : {});
  }

  /** Lines of the initial render not yet sent, and the version they belong to. */
  private pending: { version: number; lines: RenderLine[] } | undefined;

  /**
   * Full render: reset the webview and send the first screen. The rest follows chunk by chunk as the webview asks
   * for it when idle: the webview shares the UI thread with the editors, so it must never build a 5 MB DOM in one go.
   */
  private async resetView(): Promise<void> {
    const version = this.document.version;
    const lines = await this.renderLines();
    this.sentLines = lines.map((l) => JSON.stringify(l));
    const eol = this.document.eol === vscode.EndOfLine.CRLF ? 2 : 1;
    this.post({ type: 'reset', version, eol, lineCount: lines.length, palette: this.settings.tags, strings: webviewStrings(), script: this.script });
    this.pending = { version, lines };
    this.sendChunk(version, 0);
  }

  private sendChunk(version: number, from: number): void {
    const pending = this.pending;
    if (!pending || pending.version !== version || version !== this.document.version) return;
    const chunk = pending.lines.slice(from, from + CHUNK_LINES);
    const done = from + CHUNK_LINES >= pending.lines.length;
    if (done) this.pending = undefined;
    this.post({ type: 'lines', version, from, deleteCount: 0, lines: chunk, done });
  }

  /** Incremental render: only the lines whose model changed (common prefix and suffix are kept). */
  private async update(): Promise<void> {
    const version = this.document.version;
    const lines = await this.renderLines();
    if (version !== this.document.version) return this.scheduleUpdate();
    // An edit during the initial render: start over rather than patch a half-sent document.
    if (this.pending) return this.resetView();
    const next = lines.map((l) => JSON.stringify(l));
    const prev = this.sentLines;
    let prefix = 0;
    while (prefix < prev.length && prefix < next.length && prev[prefix] === next[prefix]) prefix++;
    let suffix = 0;
    while (suffix < prev.length - prefix && suffix < next.length - prefix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
    this.sentLines = next;
    this.post({ type: 'lines', version, from: prefix, deleteCount: prev.length - prefix - suffix, lines: lines.slice(prefix, next.length - suffix), done: true });
  }

  private ignore(message: unknown, why: string): void {
    this.log.warn(`Custom editor ${this.document.uri.toString()}: ignored a webview message (${why}): ${JSON.stringify(message)?.slice(0, 200)}`);
  }

  private inDocument(...offsets: number[]): boolean {
    const length = documentLength(this.document);
    return offsets.every((o) => o <= length);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) return this.ignore(raw, 'unknown type or malformed fields');
    try {
      await this.handle(message);
    } catch (e) {
      this.log.error(`Custom editor: handling ${message.type} failed: ${(e as Error).stack ?? String(e)}`);
    }
  }

  private stale(version: number): boolean {
    if (version === this.document.version) return false;
    this.post({ type: 'notice', text: vscode.l10n.t('The document changed; try again.') });
    return true;
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        return this.resetView();
      case 'rendered':
        this.firstRenderMs ??= Date.now() - this.opened;
        return;
      case 'more':
        return this.sendChunk(message.version, message.from);
      case 'selection':
        if (this.inDocument(message.start, message.end)) this.selection = { start: message.start, end: message.end };
        return;
      case 'tag': {
        if (!this.inDocument(message.start, message.end)) return this.ignore(message, 'offsets outside the document');
        if (this.stale(message.version)) return;
        const { parsed } = this.index.analyse(this.document);
        const result = wrapInSpan(parsed, message.start, message.end, [message.tag]);
        if (!result.ok) return void vscode.window.showWarningMessage(spanEditFailure(result));
        await applyDocumentEdits(this.document, result.edits);
        return;
      }
      case 'removeTag': {
        if (!this.inDocument(message.offset)) return this.ignore(message, 'offset outside the document');
        if (this.stale(message.version)) return;
        const span = spanAt(this.index.analyse(this.document).parsed, message.offset);
        if (!span) return void vscode.window.showInformationMessage(vscode.l10n.t('The selection is not in an annotation.'));
        await applyDocumentEdits(this.document, unwrapSpan(span));
        return;
      }
      case 'badge':
        if (!this.inDocument(message.spanStart)) return this.ignore(message, 'offset outside the document');
        if (this.stale(message.version)) return;
        return this.badgeActions(message.spanStart);
      case 'setScript':
        this.script = message.script;
        return this.resetView();
      case 'command':
        return this.runToolbarCommand(message.command);
      case 'probeResult': {
        const resolve = this.probes.get(message.id);
        this.probes.delete(message.id);
        resolve?.(message.result);
        return;
      }
    }
  }

  private async runToolbarCommand(command: ToolbarCommand): Promise<void> {
    if (command === 'openText') {
      await vscode.window.showTextDocument(this.document, { viewColumn: vscode.ViewColumn.Beside });
      return;
    }
    // The toolbar runs the same commands as the palette; they act on this editor's document while it is active.
    const commands: Record<Exclude<ToolbarCommand, 'openText'>, string> = {
      convertFile: Commands.convert,
      removePinyin: Commands.removePinyin,
      collapsePunctuation: Commands.collapsePunctuation,
      normalizePunctuation: Commands.normalizePunctuation,
    };
    await vscode.commands.executeCommand(commands[command]);
  }

  /** Remove / change tag / edit note for the span whose `[` is at `spanStart`. */
  private async badgeActions(spanStart: number): Promise<void> {
    const span = this.index.analyse(this.document).parsed.spans.find((s) => s.start === spanStart);
    if (!span) return this.ignore({ spanStart }, 'no annotation starts there');
    const remove = vscode.l10n.t('Remove tag');
    const change = vscode.l10n.t('Change tag…');
    const note = vscode.l10n.t('Edit note…');
    const picked = await vscode.window.showQuickPick([remove, change, note], { title: span.tags.join(' · ') + (span.note ? ` — ${span.note}` : '') });
    const version = this.document.version;
    const current = (): boolean => !this.stale(version);
    if (picked === remove && current()) {
      await applyDocumentEdits(this.document, unwrapSpan(span));
    } else if (picked === change) {
      const names = [...new Set([...this.settings.tags.map((t) => t.name), ...span.tags])];
      const tag = await vscode.window.showQuickPick(names, { title: vscode.l10n.t('Change tag {0} to', span.tags[0] ?? '') });
      if (tag === undefined || !current()) return;
      const result = setSpanAttributes(span, [tag, ...span.tags.slice(1)], span.attributes);
      if (!result.ok) return void vscode.window.showWarningMessage(spanEditFailure(result));
      await applyDocumentEdits(this.document, result.edits);
    } else if (picked === note) {
      const value = await vscode.window.showInputBox({ title: vscode.l10n.t('Note'), value: span.note ?? '', prompt: vscode.l10n.t('Empty to remove the note') });
      if (value === undefined || !current()) return;
      const result = setSpanNote(span, value);
      if (!result.ok) return void vscode.window.showWarningMessage(spanEditFailure(result));
      await applyDocumentEdits(this.document, result.edits);
    }
  }
}
