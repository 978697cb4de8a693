import * as vscode from 'vscode';
import { InferenceCache, inferDirectives, inferDirectivesInSlices, updateDirectives, type DirectiveItem, type UnchangedEnds } from '../core/directives/infer';
import { DEFAULT_RULES, extendRules, type DirectiveRules } from '../core/directives/rules';
import { parseMarkup, type ParsedDocument } from '../core/markup/parse';
import { containsHan } from '../core/text/chars';
import { SUPPORTED_LANGUAGES } from '../constants';
import { documentLength, documentName } from '../util/documents';
import { yieldToEvents } from './editGuards';
import type { ExtensionSettings } from '../settings';
import { KeyedDebouncer } from '../util/debounce';
import { DisposableStore } from '../util/dispose';

/** What the extension knows about one version of a document: its markup and its directives. */
export interface DocumentAnalysis {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly parsed: ParsedDocument;
  readonly items: readonly DirectiveItem[];
  readonly hasChinese: boolean;
  /** The rules and reading the items were inferred with (an update reuses items only under the same). */
  readonly rules: DirectiveRules;
  readonly markdown: boolean;
}

/** What stayed the same at both ends of a document between the version analysed last and a later version. */
interface NotedChanges extends UnchangedEnds {
  readonly fromVersion: number;
  readonly toVersion: number;
  /** The document's length at `toVersion`. */
  readonly length: number;
}

/** A first analysis running in slices: the version and rules it reads, and when it ends. */
interface SlicedRun {
  readonly version: number;
  readonly rules: DirectiveRules;
  done: Promise<void>;
}

/** Delay between the last keystroke and re-analysis: inference never runs on the keystroke path. */
export const ANALYSIS_DELAY_MS = 300;

/**
 * A document longer than this (in characters) is first analysed in slices, with a progress indicator in the status
 * bar: inferring 20 MB at once held the extension host for half a second and more.
 */
const SLICED_ABOVE = 1_000_000;

export function isCandidateDocument(doc: vscode.TextDocument): boolean {
  return SUPPORTED_LANGUAGES.includes(doc.languageId) && doc.uri.scheme !== 'output' && doc.uri.scheme !== 'vscode-scm';
}

/**
 * The one pipeline every view reads: parses documents and infers their directives, cached per document version.
 *
 * Change notifications come from document events (open, change, close) and configuration, debounced per
 * document: after the pause, the document's analysis is brought up to date and `onDidChange` fires if that version
 * was not announced yet — whoever read the index in between (the API, a hover, a command) does not swallow it.
 * Two readers: `analysisOf` (the current version, computed if needed) and `lastAnalysis` (never computes).
 */
export class DocumentIndex extends DisposableStore {
  private readonly analyses = new Map<string, DocumentAnalysis>();
  /** Per-line inference results of documents up to `SLICED_ABOVE`, kept across versions (see `lineCache`). */
  private readonly inference = new Map<string, InferenceCache>();
  /** What stayed the same at the start and end of each document since its last analysis (from its change events). */
  private readonly unchanged = new Map<string, NotedChanges>();
  /** The version each document's listeners last heard of. */
  private readonly announced = new Map<string, number>();
  private readonly debouncer = new KeyedDebouncer<string>(ANALYSIS_DELAY_MS);
  /** First analyses running in slices, by document. */
  private readonly slicing = new Map<string, SlicedRun>();
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri | undefined>());
  private rules: DirectiveRules;

  /** Fired with the document whose analysis changed, or undefined when every document's may have. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly settings: ExtensionSettings) {
    super();
    this.rules = this.readRules();
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)));
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        this.noteChanges(e);
        this.schedule(e.document, ANALYSIS_DELAY_MS);
      }),
    );
    this.register(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        this.debouncer.cancel(key);
        this.inference.delete(key);
        this.unchanged.delete(key);
        this.announced.delete(key);
        if (this.analyses.delete(key)) this.changed.fire(doc.uri);
      }),
    );
    this.register(
      settings.onDidChange((change) => {
        if (!change.directives) return;
        this.rules = this.readRules();
        this.analyses.clear();
        this.announced.clear();
        for (const doc of vscode.workspace.textDocuments) if (isCandidateDocument(doc)) this.schedule(doc, 0);
      }),
    );
    // Opening and closing tabs changes which documents the tree lists.
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.changed.fire(undefined)));
    this.register({ dispose: () => this.debouncer.dispose() });
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  /** The directive rules in force (defaults plus the settings' triggers and exclusions). */
  get directiveRules(): DirectiveRules {
    return this.rules;
  }

  private readRules(): DirectiveRules {
    return extendRules(DEFAULT_RULES, { triggers: [...this.settings.extraTriggers], exclusions: [...this.settings.extraExclusions], modalFamilies: this.settings.modalFamilies });
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isCandidateDocument(doc)) return;
    const key = doc.uri.toString();
    if (delay === 0) setTimeout(() => this.announce(key), 0);
    else this.debouncer.schedule(key, () => this.announce(key));
  }

  /** Brings the document's analysis up to date and tells the listeners, unless they already heard of this version. */
  private announce(key: string): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!doc || doc.isClosed) return;
    if (!this.analyses.has(key) && documentLength(doc) > SLICED_ABOVE) {
      this.analyseInSlices(doc);
      return;
    }
    this.analysisOf(doc);
    if (this.announced.get(key) === doc.version) return;
    this.announced.set(key, doc.version);
    this.changed.fire(doc.uri);
  }

  /**
   * Analyses and announces the document now instead of after the pause: for edits the extension itself made (a tag
   * added in the Policy Annotator editor), which should show at once.
   */
  flush(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    this.debouncer.cancel(key);
    this.announce(key);
  }

  /**
   * Narrows what stayed the same since the last analysis by the event's changes (applied one after another, each
   * in the coordinates of the document as the previous one left it). Kept only while the versions follow on one
   * another: anything else (an event missed, an analysis made meanwhile) means a whole inference next time.
   */
  private noteChanges(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const analysed = this.analyses.get(key);
    const noted = this.unchanged.get(key);
    if (!analysed || analysed.version === e.document.version) return;
    const base = noted && noted.fromVersion === analysed.version ? noted : { fromVersion: analysed.version, toVersion: analysed.version, prefix: Infinity, suffix: Infinity, length: analysed.parsed.text.length };
    if (base.toVersion !== e.document.version - 1) {
      this.unchanged.delete(key);
      return;
    }
    let { prefix, suffix, length } = base;
    for (const change of e.contentChanges) {
      prefix = Math.min(prefix, change.rangeOffset);
      suffix = Math.min(suffix, length - change.rangeOffset - change.rangeLength);
      length += change.text.length - change.rangeLength;
    }
    this.unchanged.set(key, { fromVersion: analysed.version, toVersion: e.document.version, prefix, suffix, length });
  }

  /**
   * The first analysis of a big document, in slices that yield to the extension host, with a progress indicator;
   * announced when done. Given up if the document changes, closes or the rules change meanwhile (the change
   * schedules another); whoever needs the analysis sooner computes it at once (`analysisOf`).
   */
  private analyseInSlices(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const version = doc.version;
    const rules = this.rules;
    const running = this.slicing.get(key);
    if (running?.version === version && running.rules === rules) return;
    const run: SlicedRun = { version, rules, done: Promise.resolve() };
    this.slicing.set(key, run);
    const name = documentName(doc);
    run.done = Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Reading the directives of {0}', name) }, async (progress) => {
        const current = (): boolean => !doc.isClosed && doc.version === version && this.rules === rules && this.analyses.get(key)?.version !== version;
        const parsed = parseMarkup(doc.getText());
        const hasChinese = containsHan(parsed.text);
        const options = { markdown: doc.languageId === 'markdown' };
        let reported = 0;
        const items = hasChinese
          ? await inferDirectivesInSlices(parsed, rules, undefined, options, async (share) => {
              progress.report({ increment: (share - reported) * 100 });
              reported = share;
              await yieldToEvents();
              return current();
            })
          : [];
        if (items && current()) this.analyses.set(key, { uri: doc.uri, version, parsed, items, hasChinese, rules, markdown: options.markdown });
      }),
    ).finally(() => {
      if (this.slicing.get(key) === run) this.slicing.delete(key);
      // Tell the listeners: of this analysis, or of one computed meanwhile; an edit or new rules start another.
      if (!doc.isClosed) this.announce(key);
    });
  }

  /**
   * The per-line results kept for a document, so that a whole inference (the first, or after new rules) skips the
   * lines it has seen. Not for a big document: there an edit re-infers only its lines anyway (`updateDirectives`),
   * and a copy of every line's items cost megabytes.
   */
  private lineCache(key: string, length: number): InferenceCache | undefined {
    if (length > SLICED_ABOVE) {
      this.inference.delete(key);
      return undefined;
    }
    let cache = this.inference.get(key);
    if (!cache) this.inference.set(key, (cache = new InferenceCache()));
    return cache;
  }

  /**
   * The analysis of the document's current version, waiting for its first analysis if that is running in slices
   * (for readers that may wait: the outline, the Policy Annotator editor's first render).
   */
  async analysis(doc: vscode.TextDocument): Promise<DocumentAnalysis> {
    const running = this.slicing.get(doc.uri.toString());
    if (running?.version === doc.version) await running.done;
    return this.analysisOf(doc);
  }

  /** The analysis of the document's current version, computed now if it is not cached. */
  analysisOf(doc: vscode.TextDocument): DocumentAnalysis {
    const key = doc.uri.toString();
    const cached = this.analyses.get(key);
    if (cached && cached.version === doc.version) return cached;
    const parsed = parseMarkup(doc.getText());
    const inference = this.lineCache(key, parsed.text.length);
    const hasChinese = containsHan(parsed.text);
    const unchanged = this.unchanged.get(key);
    this.unchanged.delete(key);
    // In Markdown, syntax is not text: `> 他表示，要…` is a section, labels carry no `**`, `#` headings are outline.
    const options = { markdown: doc.languageId === 'markdown' };
    let items: readonly DirectiveItem[] = [];
    if (hasChinese) {
      // After an edit, only the edited lines are inferred again (the rest of the previous items is reused).
      const previous = cached?.hasChinese && cached.rules === this.rules && cached.markdown === options.markdown ? cached : undefined;
      const ends = previous && unchanged?.fromVersion === previous.version && unchanged.toVersion === doc.version && unchanged.length === parsed.text.length ? unchanged : undefined;
      items = (ends && updateDirectives(previous!, parsed, ends, this.rules, inference, options)) || inferDirectives(parsed, this.rules, inference, options);
    }
    const analysis: DocumentAnalysis = { uri: doc.uri, version: doc.version, parsed, items, hasChinese, rules: this.rules, markdown: options.markdown };
    this.analyses.set(key, analysis);
    return analysis;
  }

  /**
   * The last analysis of the document, possibly of an older version, never computed here: what views show, so
   * that they never analyse on the keystroke path (`onDidChange` brings the update after the pause).
   */
  lastAnalysis(uri: vscode.Uri): DocumentAnalysis | undefined {
    return this.analyses.get(uri.toString());
  }

  /**
   * Documents the views list: open in a tab (VS Code keeps closed documents loaded for a while, so tabs are what
   * "open" means to the user), in a supported language, analysed, with Chinese text.
   */
  chineseDocuments(): vscode.TextDocument[] {
    const inTabs = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) inTabs.add(input.uri.toString());
      }
    }
    return vscode.workspace.textDocuments.filter((d) => inTabs.has(d.uri.toString()) && isCandidateDocument(d) && !d.isClosed && this.lastAnalysis(d.uri)?.hasChinese === true);
  }
}
