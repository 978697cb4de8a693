import * as vscode from 'vscode';
import { getConverter } from '../../core/convert/converter';
import { spanAt } from '../../core/markup/parse';
import { setSpanAttributes, setSpanNote, unwrapSpan, wrapInSpan } from '../../core/markup/spanEdits';
import { buildRenderLines, lineLayout } from '../../core/render/renderLines';
import { markdownBlocksInSlices, updateMarkdownBlocks, type MarkdownBlocks } from '../../core/render/markdownBlocks';
import { shownTextBetween } from '../../core/render/shownText';
import { Commands } from '../../constants';
import { fingerprint } from '../../core/text/fingerprint';
import { overlapping } from '../../core/text/ranges';
import { replaceRange } from '../../core/text/arrays';
import { parseProbeResult, parseWebviewMessage, type DisplayScript, type HostMessage, type PaletteEntry, type ProbeAction, type RenderLine, type ToolbarCommand, type WebviewMessage } from '../../protocol';
import type { DocumentAnalysis, DocumentIndex } from '../../services/documentIndex';
import { yieldToEvents } from '../../services/editGuards';
import { addCustomEditor, notifyCustomEditorSelection, type OpenCustomEditor } from '../../services/editorRegistry';
import type { ExtensionSettings } from '../../settings';
import { DisposableStore } from '../../util/dispose';
import { applyDocumentEdits, documentLength } from '../../util/documents';
import { spanEditFailure } from '../../util/messages';
import { webviewStrings } from './strings';

/** Line models sent with a reset, before the page asks for the lines around its place (the top, usually). */
const FIRST_LINES = 300;

/** A whole render of more lines than this is built in windows of this many, yielding between them. */
const RENDER_WINDOW_LINES = 20_000;

/** How long a probe (tests, automation) waits for the page to answer before it fails with a message. */
const PROBE_TIMEOUT_MS = 15_000;

const lineFingerprint = (line: RenderLine): number => fingerprint(JSON.stringify(line));

/**
 * One custom-editor panel on one document. The TextDocument is the model and the document index is the only
 * pipeline: when the index announces a new analysis of the document, the lines that changed are sent to the
 * webview; webview actions come back as validated messages and become WorkspaceEdits.
 */
export class EditorSession extends DisposableStore implements OpenCustomEditor {
  /**
   * What the page has, line by line, as fingerprints of each line's model: enough to tell which lines an update
   * changes, without keeping a copy of every line of a 20 MB document.
   */
  private sentLines: number[] = [];
  private script: DisplayScript = 'original';
  private probes = new Map<number, (result: unknown) => void>();
  private nextProbe = 1;
  /** Resolves when the page has loaded and said `ready` (messages posted before that are lost). */
  private pageReady!: Promise<void>;
  private markReady!: () => void;
  private ready = false;
  /** Serialises renders: an update never interleaves with a reset. */
  private rendering: Promise<void> = Promise.resolve();
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
    this.awaitPage();
    this.prerendered = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(async () => {
      const analysis = await index.analysis(document);
      return { analysis, lines: await this.renderLines(analysis) };
    });
    this.prerendered.catch(() => undefined);
    this.register(addCustomEditor(this));
    this.register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this.register(
      panel.onDidChangeViewState(() => {
        // Hidden, the page is dropped (its context is not retained) and loads again when shown: until it says ready
        // again, what is sent to it is lost (a probe sent then went unanswered; a render is redone on ready anyway).
        if (!panel.visible && this.ready) this.awaitPage();
      }),
    );
    this.register(
      index.onDidChange((uri) => {
        if (!uri || uri.toString() === document.uri.toString()) this.queueRender(() => this.update());
      }),
    );
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document) for (const change of e.contentChanges) this.markChanged(change);
      }),
    );
    this.register(
      settings.onDidChange((change) => {
        if (change.tags) this.postPalette(index.lastAnalysis(document.uri));
      }),
    );
  }

  /** From now until the page (loaded again) says `ready`, nothing is sent to it and probes wait. */
  private awaitPage(): void {
    this.ready = false;
    this.pageReady = new Promise((resolve) => (this.markReady = resolve));
  }

  private queueRender(render: () => Promise<void>): void {
    if (!this.ready) return;
    this.rendering = this.rendering.then(render, render).catch((e: unknown) => this.log.error(`Custom editor: render failed: ${(e as Error).stack ?? String(e)}`));
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

  /**
   * Sends a probe (state, key press, button click) to the page once it is ready and resolves with its answer; fails
   * with a message if the page does not answer in time. Test builds only.
   */
  async probe(action: ProbeAction): Promise<unknown> {
    if (!TEST_HOOKS) throw new Error('Probes exist in test builds only.');
    const id = this.nextProbe++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.probes.delete(id);
        reject(new Error(`The Policy Annotator editor's page did not answer the probe ${JSON.stringify(action).slice(0, 80)} within ${PROBE_TIMEOUT_MS / 1000} s (page ready: ${this.ready}).`));
      }, PROBE_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        this.pageReady.then(
          () =>
            new Promise((resolve) => {
              this.probes.set(id, resolve);
              this.post({ type: 'probe', id, action });
            }),
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /**
   * The render model of `lines` (all when not given). Many lines (a long document's first render, a whole-document
   * change, an edit that restyles a long Markdown document) are built in windows that yield to the extension host
   * between them: 200,000 lines held it 0.3–0.45 s at a time in the web host, several times in a row around a revert.
   */
  private async renderLines(analysis: DocumentAnalysis, lines?: { from: number; to: number }): Promise<RenderLine[]> {
    let display: ((s: string) => string) | undefined;
    if (this.script !== 'original') {
      const converter = await getConverter({ from: this.script === 'cn' ? 't' : 'cn', to: this.script });
      display = (s) => converter.convert(s).text;
    }
    const markdownBlocks = await this.markdownBlocksFor(analysis);
    const options = { ...(display ? { display } : {}), markdown: markdownBlocks !== undefined, ...(markdownBlocks ? { markdownBlocks } : {}) };
    const layout = lineLayout(analysis.parsed.text);
    const lineCount = layout.starts.length;
    const first = lines ? Math.max(0, Math.min(lines.from, lineCount - 1)) : 0;
    const last = lines ? Math.max(first, Math.min(lines.to, lineCount - 1)) : lineCount - 1;
    if (last - first < RENDER_WINDOW_LINES) return buildRenderLines(analysis.parsed, analysis.items, { ...options, layout, ...(lines ? { lines } : {}) });
    const all: RenderLine[] = [];
    for (let from = first; from <= last; from += RENDER_WINDOW_LINES) {
      if (from > first) await yieldToEvents();
      const window = buildRenderLines(analysis.parsed, analysis.items, { ...options, layout, lines: { from, to: Math.min(last, from + RENDER_WINDOW_LINES - 1) } });
      for (let k = 0; k < window.length; k++) all.push(window[k]!);
    }
    return all;
  }

  /**
   * A Markdown document's block structure and the version it is of: the next version's is parsed again around its
   * edit only (a 20 MB document took 1.6 s a parse, and every update built the whole model).
   */
  private markdown: { version: number; blocks: Promise<MarkdownBlocks> } | undefined;

  /**
   * The block structure of a Markdown document's analysis (undefined for other documents): kept from an update, or
   * parsed in slices that yield to the extension host (a 20 MB document took 1.4 s in one parse).
   */
  private async markdownBlocksFor(analysis: DocumentAnalysis): Promise<MarkdownBlocks | undefined> {
    if (this.document.languageId !== 'markdown') return undefined;
    if (this.markdown?.version !== analysis.version) this.markdown = { version: analysis.version, blocks: markdownBlocksInSlices(analysis.parsed.plain, yieldToEvents) };
    return await this.markdown.blocks;
  }

  private sentPalette = '';

  /**
   * The tag buttons: the palette from the settings, then the tags this document uses that it lacks (a tag renamed
   * or added in the Codebook appears here too, in its stable generated colour).
   */
  private palette(analysis: DocumentAnalysis | undefined): PaletteEntry[] {
    const known = new Set(this.settings.tags.map((t) => t.name));
    const used = [...new Set((analysis?.parsed.spans ?? []).flatMap((s) => s.tags))].filter((t) => !known.has(t));
    return [...this.settings.tags, ...used.map((name) => ({ name }))];
  }

  /** Sends the tag buttons when they differ from what the page has. */
  private postPalette(analysis: DocumentAnalysis | undefined): void {
    const palette = this.palette(analysis);
    const key = JSON.stringify(palette);
    if (key === this.sentPalette) return;
    this.sentPalette = key;
    this.post({ type: 'palette', palette });
  }

  /**
   * The first render's lines, built while the page is still loading (it takes a few hundred milliseconds to start):
   * used if the document has not changed by the time the page is ready.
   */
  private prerendered: Promise<{ analysis: DocumentAnalysis; lines: RenderLine[] }> | undefined;

  /** The document version the page has: its requests for line models are answered for this version only. */
  private sentVersion = -1;

  /**
   * Full render: the page first learns every line's length (its scrollbar is true to length while the analysis of
   * a big document still runs), then gets the models of the first lines; it asks for those near its view (`want`).
   */
  private async resetView(): Promise<void> {
    const early = this.prerendered;
    this.prerendered = undefined;
    const opened = this.document.version;
    this.postReset(opened, lineLayout(this.document.getText()).lengths, this.palette(this.index.lastAnalysis(this.document.uri)));
    // The first render (and a change of display script) may compute the analysis; updates never do.
    const ready = early && (await early.catch(() => undefined));
    const fresh = ready && ready.analysis.version === this.document.version && this.script === 'original' ? ready : undefined;
    const analysis = fresh?.analysis ?? (await this.index.analysis(this.document));
    const version = analysis.version;
    const lines = fresh?.lines ?? (await this.renderLines(analysis));
    // Edited while the analysis ran: the page's lengths are another version's.
    if (version !== opened) this.postReset(version, lines.map((l) => l.len), this.palette(analysis));
    this.changed = version === this.document.version ? undefined : 'all';
    this.sentLines = lines.map(lineFingerprint);
    this.sentVersion = version;
    this.rememberCrossing(analysis);
    this.postPalette(analysis);
    this.post({ type: 'models', version, from: 0, lines: lines.slice(0, FIRST_LINES) });
  }

  private postReset(version: number, lens: readonly number[], palette: PaletteEntry[]): void {
    this.sentPalette = JSON.stringify(palette);
    const eol = this.document.eol === vscode.EndOfLine.CRLF ? 2 : 1;
    this.post({ type: 'reset', version, eol, lens, palette, strings: webviewStrings(), script: this.script });
  }

  /** The lines the page last asked for (its view and a margin): after a big edit, only their models are sent. */
  private pageWindow = { from: 0, to: FIRST_LINES - 1 };

  /**
   * Sends an edit: the new lines' lengths, and their models if few; after a big edit (a revert, a whole-document
   * conversion) only the models near the page's view (it asks for others as it scrolls).
   */
  private postLines(version: number, from: number, deleteCount: number, lines: readonly RenderLine[]): void {
    let modelsFrom = from;
    let models = lines;
    if (lines.length > FIRST_LINES) {
      modelsFrom = Math.max(from, this.pageWindow.from);
      const to = Math.min(from + lines.length - 1, this.pageWindow.to);
      models = modelsFrom <= to ? lines.slice(modelsFrom - from, to - from + 1) : [];
    }
    this.post({ type: 'lines', version, from, deleteCount, lens: lines.map((l) => l.len), modelsFrom, lines: models });
  }

  /** Sends the models of the lines the page asked for, if it still has the version they belong to. */
  private async sendModels(wanted: { version: number; from: number; to: number }): Promise<void> {
    const analysis = this.index.lastAnalysis(this.document.uri);
    if (!analysis || wanted.version !== this.sentVersion || analysis.version !== wanted.version || wanted.from >= this.sentLines.length) return;
    const to = Math.min(wanted.to, this.sentLines.length - 1);
    this.pageWindow = { from: wanted.from, to };
    const lines = await this.renderLines(analysis, { from: wanted.from, to });
    if (this.sentVersion !== wanted.version) return;
    this.post({ type: 'models', version: wanted.version, from: wanted.from, lines });
  }

  /**
   * Lines edited since the page last got an update, in the document's current line numbers (inclusive), or
   * `'all'` when they cannot be told (a reset is pending); undefined when nothing changed.
   */
  private changed: { from: number; to: number } | 'all' | undefined;

  /** Widens the changed lines by one content change (changes of one event come last-first, as VS Code applies them). */
  private markChanged(change: vscode.TextDocumentContentChangeEvent): void {
    if (this.changed === 'all') return;
    const start = change.range.start.line;
    const oldEnd = change.range.end.line;
    let breaks = 0;
    for (let i = change.text.indexOf('\n'); i >= 0; i = change.text.indexOf('\n', i + 1)) breaks++;
    const newEnd = start + breaks;
    const delta = newEnd - oldEnd;
    const shift = (line: number): number => (line > oldEnd ? line + delta : line < start ? line : newEnd);
    this.changed = this.changed ? { from: Math.min(shift(this.changed.from), start), to: Math.max(shift(this.changed.to), newEnd) } : { from: start, to: newEnd };
    this.crossing = this.crossing.map((r) => ({ from: r.from < start ? r.from : Math.min(shift(r.from), start), to: shift(r.to) }));
  }

  /**
   * Lines covered by spans that cross a line break in what the page shows, kept in current line numbers: an edit
   * that ends such a span (deletes its `]{…}`) recolours lines the new analysis no longer ties to the edit.
   */
  private crossing: { from: number; to: number }[] = [];

  private rememberCrossing(analysis: DocumentAnalysis): void {
    this.crossing = [];
    const text = analysis.parsed.text;
    // The first line break at or after a span's start, searched again only for a span that starts past it (spans
    // come in order of their start): a search back from each span's end read a one-line document again per span.
    let nextBreak = -1;
    for (const s of analysis.parsed.spans) {
      if (nextBreak < s.start) {
        const found = text.indexOf('\n', s.start);
        nextBreak = found < 0 ? Infinity : found;
      }
      if (nextBreak >= s.end) continue;
      this.crossing.push({ from: this.document.positionAt(s.start).line, to: this.document.positionAt(s.end).line });
    }
  }

  /**
   * Incremental render of the index's latest analysis: only the lines edited since the last update are built and
   * compared (widened to every line a span crossing them covers), so the cost of a pause follows the edit, not the
   * document; in Markdown, widened also to the lines whose block style the edit may change (a fence can restyle
   * far below). A display script change and a pending first render build the whole model and send what differs. An
   * analysis older than the document is skipped: the index announces the newer one after the pause.
   */
  private async update(): Promise<void> {
    const analysis = this.index.lastAnalysis(this.document.uri);
    if (!analysis || analysis.version !== this.document.version) return;
    const version = analysis.version;
    const changed = this.changed;
    this.changed = undefined;
    this.postPalette(analysis);
    const lineCount = this.document.lineCount;
    if (changed === undefined && this.sentLines.length === lineCount) {
      // Nothing typed here: the analysis changed (settings, another extension's edit through the index): diff all.
      return this.updateWhole(analysis);
    }
    if (changed === 'all' || changed === undefined) return this.updateWhole(analysis);
    const restyled = await this.restyledMarkdown(analysis, changed);
    if (restyled === 'unknown') return this.updateWhole(analysis);
    const range = this.widenToSpans(analysis, restyled ? { from: Math.min(changed.from, restyled.from), to: Math.max(changed.to, restyled.to) } : changed);
    const lines = await this.renderLines(analysis, range);
    // Edited while the lines were built (many lines are built in windows that yield): the page still has the version
    // before this one, and the lines this update would have sent are known no more: the next update diffs them all.
    if (version !== this.document.version) {
      this.changed = 'all';
      return;
    }
    const next = lines.map(lineFingerprint);
    const removed = range.to - range.from + 1 - (lineCount - this.sentLines.length);
    if (removed < 0 || range.from + removed > this.sentLines.length) return this.updateWhole(analysis);
    this.sentLines = replaceRange(this.sentLines, range.from, removed, next);
    this.sentVersion = version;
    this.rememberCrossing(analysis);
    this.postLines(version, range.from, removed, lines);
  }

  /**
   * For a Markdown document, its block structure found again around the changed lines (kept for the next update),
   * and the lines whose styles may have changed with it: a fence or a list can restyle lines far below the edit.
   * Undefined for other documents; 'unknown' when the structure of the version the page has is not kept.
   */
  private async restyledMarkdown(analysis: DocumentAnalysis, changed: { from: number; to: number }): Promise<{ from: number; to: number } | 'unknown' | undefined> {
    if (this.document.languageId !== 'markdown') return undefined;
    const previous = this.markdown;
    if (previous?.version !== this.sentVersion) return 'unknown';
    const before = await previous.blocks;
    // Another update may have moved on meanwhile (the structure was still being parsed): it is kept as it found it.
    if (this.markdown !== previous || analysis.version !== this.document.version) return 'unknown';
    const doc = this.document;
    const plainLineStart = (line: number): number => analysis.parsed.map.toPlain(doc.offsetAt(new vscode.Position(line, 0)));
    const { blocks, restyled } = updateMarkdownBlocks(before, analysis.parsed.plain, plainLineStart, doc.lineCount, changed);
    this.markdown = { version: analysis.version, blocks: Promise.resolve(blocks) };
    return restyled;
  }

  /** The changed lines, widened until no span crosses their borders (a span's colour covers every line it spans). */
  private widenToSpans(analysis: DocumentAnalysis, lines: { from: number; to: number }): { from: number; to: number } {
    const doc = this.document;
    let { from, to } = lines;
    to = Math.min(to, doc.lineCount - 1);
    from = Math.min(from, to);
    for (const r of this.crossing) {
      if (r.to < from || r.from > to) continue;
      from = Math.max(0, Math.min(from, r.from));
      to = Math.min(doc.lineCount - 1, Math.max(to, r.to));
    }
    for (;;) {
      const lo = doc.offsetAt(new vscode.Position(from, 0));
      const hi = doc.offsetAt(doc.lineAt(to).range.end);
      let a = lo;
      let b = hi;
      // The spans touching the lines (found without walking the spans above them); the loop widens until none
      // crosses the borders.
      for (const s of overlapping(analysis.parsed.spans, lo, hi)) {
        a = Math.min(a, s.start);
        b = Math.max(b, s.end);
      }
      const nextFrom = doc.positionAt(a).line;
      const nextTo = doc.positionAt(b).line;
      if (nextFrom === from && nextTo === to) return { from, to };
      from = nextFrom;
      to = nextTo;
    }
  }

  /** Builds the whole model and sends the lines that differ from what the page has (common prefix and suffix kept). */
  private async updateWhole(analysis: DocumentAnalysis): Promise<void> {
    const version = analysis.version;
    const lines = await this.renderLines(analysis);
    // Edited while the lines were built (a long document's are built in windows): the next update diffs them all.
    if (version !== this.document.version) {
      this.changed = 'all';
      return;
    }
    const next = lines.map(lineFingerprint);
    const prev = this.sentLines;
    let prefix = 0;
    while (prefix < prev.length && prefix < next.length && prev[prefix] === next[prefix]) prefix++;
    let suffix = 0;
    while (suffix < prev.length - prefix && suffix < next.length - prefix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
    this.sentLines = next;
    this.sentVersion = version;
    this.rememberCrossing(analysis);
    // Posted even when no line differs: the page learns the version its requests for models must name.
    this.postLines(version, prefix, prev.length - prefix - suffix, lines.slice(prefix, next.length - suffix));
  }

  private ignore(message: unknown, why: string): void {
    this.log.warn(`Custom editor ${this.document.uri.toString()}: ignored a webview message (${why}): ${JSON.stringify(message)?.slice(0, 200)}`);
  }

  private inDocument(...offsets: number[]): boolean {
    const length = documentLength(this.document);
    return offsets.every((o) => o <= length);
  }

  private async receive(raw: unknown): Promise<void> {
    if (TEST_HOOKS) {
      const answer = parseProbeResult(raw);
      if (answer) {
        this.probes.get(answer.id)?.(answer.result);
        this.probes.delete(answer.id);
        return;
      }
    }
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
        // A reloaded page (the webview was hidden and shown again) says ready again: render it anew.
        this.ready = true;
        this.markReady();
        return this.queueRender(() => this.resetView());
      case 'rendered':
        this.firstRenderMs ??= Date.now() - this.opened;
        return;
      case 'want':
        return this.queueRender(() => this.sendModels(message));
      case 'copy':
        if (!this.inDocument(message.start, message.end)) return this.ignore(message, 'offsets outside the document');
        if (this.stale(message.version)) return;
        return this.copy(message.start, message.end);
      case 'selection':
        if (this.inDocument(message.start, message.end)) {
          this.selection = { start: message.start, end: message.end };
          notifyCustomEditorSelection(this);
        }
        return;
      case 'tag': {
        if (!this.inDocument(message.start, message.end)) return this.ignore(message, 'offsets outside the document');
        if (this.stale(message.version)) return;
        const { parsed } = this.index.analysisOf(this.document);
        const result = wrapInSpan(parsed, message.start, message.end, [message.tag]);
        if (!result.ok) {
          this.post({ type: 'notice', text: spanEditFailure(result) });
          return void vscode.window.showWarningMessage(spanEditFailure(result));
        }
        return this.applyEdits(result.edits);
      }
      case 'removeTag': {
        if (!this.inDocument(message.offset)) return this.ignore(message, 'offset outside the document');
        if (this.stale(message.version)) return;
        const span = spanAt(this.index.analysisOf(this.document).parsed, message.offset);
        if (!span) return void vscode.window.showInformationMessage(vscode.l10n.t('The selection is not in an annotation.'));
        return this.applyEdits(unwrapSpan(span));
      }
      case 'badge':
        if (!this.inDocument(message.spanStart)) return this.ignore(message, 'offset outside the document');
        if (this.stale(message.version)) return;
        return this.badgeActions(message.spanStart);
      case 'setScript':
        this.script = message.script;
        return this.queueRender(() => this.resetView());
      case 'command':
        return this.runToolbarCommand(message.command);
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

  /** Writes the clipboard with the range's text as the page shows it (the page asked: it lacks some of its lines). */
  private async copy(start: number, end: number): Promise<void> {
    const analysis = await this.index.analysis(this.document);
    const from = this.document.positionAt(start).line;
    const to = this.document.positionAt(end).line;
    const lines = await this.renderLines(analysis, { from, to });
    const lineStart = (line: number): number => this.document.offsetAt(new vscode.Position(line, 0));
    await vscode.env.clipboard.writeText(shownTextBetween(lines, start - lineStart(from), end - lineStart(to)));
  }

  /** Remove / change tag / edit note for the span whose `[` is at `spanStart`. */
  private async badgeActions(spanStart: number): Promise<void> {
    const span = this.index.analysisOf(this.document).parsed.spans.find((s) => s.start === spanStart);
    if (!span) return this.ignore({ spanStart }, 'no annotation starts there');
    const remove = vscode.l10n.t('Remove tag');
    const change = vscode.l10n.t('Change tag…');
    const note = vscode.l10n.t('Edit note…');
    const picked = await vscode.window.showQuickPick([remove, change, note], { title: span.tags.join(' · ') + (span.note ? ` — ${span.note}` : '') });
    const version = this.document.version;
    const current = (): boolean => !this.stale(version);
    if (picked === remove && current()) {
      await this.applyEdits(unwrapSpan(span));
    } else if (picked === change) {
      const names = [...new Set([...this.palette(this.index.lastAnalysis(this.document.uri)).map((t) => t.name), ...span.tags])];
      const tag = await vscode.window.showQuickPick(names, { title: vscode.l10n.t('Change tag {0} to', span.tags[0] ?? '') });
      if (tag === undefined || !current()) return;
      const result = setSpanAttributes(span, [tag, ...span.tags.slice(1)], span.attributes);
      if (!result.ok) return void vscode.window.showWarningMessage(spanEditFailure(result));
      await this.applyEdits(result.edits);
    } else if (picked === note) {
      const value = await vscode.window.showInputBox({ title: vscode.l10n.t('Note'), value: span.note ?? '', prompt: vscode.l10n.t('Empty to remove the note') });
      if (value === undefined || !current()) return;
      const result = setSpanNote(span, value);
      if (!result.ok) return void vscode.window.showWarningMessage(spanEditFailure(result));
      await this.applyEdits(result.edits);
    }
  }

  /** Applies edits made from this editor as one undo step and shows them at once (no pause: the user acted here). */
  private async applyEdits(edits: readonly { start: number; end: number; newText: string }[]): Promise<void> {
    if (await applyDocumentEdits(this.document, edits)) this.index.flush(this.document);
  }
}
