import * as vscode from 'vscode';
import { InferenceCache, inferDirectives, type DirectiveItem } from '../core/directives/infer';
import { DEFAULT_RULES, extendRules, type DirectiveRules } from '../core/directives/rules';
import { parseMarkup, type ParsedDocument } from '../core/markup/parse';
import { containsHan } from '../core/text/chars';
import { SUPPORTED_LANGUAGES } from '../constants';
import type { ExtensionSettings } from '../settings';
import { KeyedDebouncer } from '../util/debounce';
import { DisposableStore } from '../util/dispose';

/** What the extension knows about one version of a document: its markup and its directives. */
export interface DocumentAnalysis {
  readonly uri: vscode.Uri;
  readonly version: number;
  readonly text: string;
  readonly parsed: ParsedDocument;
  readonly items: readonly DirectiveItem[];
}

/** Delay between the last keystroke and re-analysis: inference never runs on the keystroke path. */
export const ANALYSIS_DELAY_MS = 300;

export function isCandidateDocument(doc: vscode.TextDocument): boolean {
  return SUPPORTED_LANGUAGES.includes(doc.languageId) && doc.uri.scheme !== 'output' && doc.uri.scheme !== 'vscode-scm';
}

/**
 * One place that parses documents and infers their directives, cached per document version; the tree, the
 * status bar, navigation and the API all read it. Changes are re-analysed after a short pause and announced
 * through `onDidChange`.
 */
export class DocumentIndex extends DisposableStore {
  private readonly cache = new Map<string, DocumentAnalysis>();
  /** Per-line inference results, kept across versions so that an edit re-infers only the lines it changed. */
  private readonly inference = new Map<string, InferenceCache>();
  private readonly debouncer = new KeyedDebouncer<string>(ANALYSIS_DELAY_MS);
  private readonly changed = this.register(new vscode.EventEmitter<vscode.Uri | undefined>());
  private rules: DirectiveRules;

  /** Fired with the document whose analysis changed, or undefined when everything may have. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly settings: ExtensionSettings) {
    super();
    this.rules = this.readRules();
    this.register(vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, ANALYSIS_DELAY_MS)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        const key = doc.uri.toString();
        this.debouncer.cancel(key);
        this.inference.delete(key);
        if (this.cache.delete(key)) this.changed.fire(doc.uri);
      }),
    );
    this.register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('policyAnnotator.directives')) {
          this.rules = this.readRules();
          this.cache.clear();
          this.changed.fire(undefined);
        }
      }),
    );
    // Opening and closing tabs changes which documents the tree lists.
    this.register(vscode.window.tabGroups.onDidChangeTabs(() => this.changed.fire(undefined)));
    this.register({ dispose: () => this.debouncer.dispose() });
  }

  private readRules(): DirectiveRules {
    return extendRules(DEFAULT_RULES, { triggers: this.settings.extraTriggers, exclusions: this.settings.extraExclusions });
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isCandidateDocument(doc)) return;
    const key = doc.uri.toString();
    const run = (): void => {
      const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      if (!current) return;
      const before = this.cache.get(key);
      this.analyse(current);
      if (!before || before.version !== current.version) this.changed.fire(current.uri);
    };
    if (delay === 0) setTimeout(run, 0);
    else this.debouncer.schedule(key, run);
  }

  /** The analysis of the document's current version (computed now if the cache is stale). */
  analyse(doc: vscode.TextDocument): DocumentAnalysis {
    const key = doc.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === doc.version) return cached;
    const text = doc.getText();
    const parsed = parseMarkup(text);
    let inference = this.inference.get(key);
    if (!inference) this.inference.set(key, (inference = new InferenceCache()));
    const items = containsHan(text) ? inferDirectives(text, this.rules, parsed, inference) : [];
    const analysis: DocumentAnalysis = { uri: doc.uri, version: doc.version, text, parsed, items };
    this.cache.set(key, analysis);
    return analysis;
  }

  /**
   * The last analysis, even of an older version, or a new one if there is none yet: what views show, so that they
   * never analyse on the keystroke path (the pause after typing brings the update).
   */
  latest(doc: vscode.TextDocument): DocumentAnalysis {
    return this.cache.get(doc.uri.toString()) ?? this.analyse(doc);
  }

  /** The last analysis, possibly of an older version (what the tree shows until the pause after typing ends). */
  lastKnown(uri: vscode.Uri): DocumentAnalysis | undefined {
    return this.cache.get(uri.toString());
  }

  /**
   * Documents the directive tree shows: open in a tab (VS Code keeps closed documents loaded for a while, so tabs
   * are what "open" means to the user), in a supported language, with Chinese text.
   */
  chineseDocuments(): vscode.TextDocument[] {
    const inTabs = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) inTabs.add(input.uri.toString());
      }
    }
    return vscode.workspace.textDocuments.filter(
      (d) => inTabs.has(d.uri.toString()) && isCandidateDocument(d) && !d.isClosed && containsHan(this.lastKnown(d.uri)?.text ?? d.getText()),
    );
  }
}
