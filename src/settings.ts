import * as vscode from 'vscode';
import { isScriptVariant, type ScriptVariant } from './core/convert/targets';
import { isValidTagName } from './core/markup/attributes';
import { Settings } from './constants';

export interface TagDefinition {
  readonly name: string;
  readonly color?: string;
  readonly description?: string;
  /** Parent code, from the project codebook. */
  readonly parent?: string;
}

/** Every setting the extension reads, validated: what features see is always of the right shape. */
export interface SettingsSnapshot {
  readonly tags: readonly TagDefinition[];
  readonly extraTriggers: readonly string[];
  readonly extraExclusions: readonly string[];
  readonly modalFamilies: boolean;
  readonly followCursor: boolean;
  readonly defaultTarget: ScriptVariant;
  readonly hideMarkup: boolean;
  readonly highlight: boolean;
  readonly protectedTerms: readonly string[];
  readonly neutralizeCsvFormulas: boolean;
  /** Which workspace files form the corpus: a glob, and globs to leave out (besides `files.exclude`). */
  readonly corpusInclude: string;
  readonly corpusExclude: readonly string[];
}

/** Which parts of the snapshot a configuration change touched. */
export interface SettingsChange {
  readonly tags: boolean;
  readonly directives: boolean;
  readonly annotations: boolean;
  readonly conversion: boolean;
  readonly corpus: boolean;
}

export const DEFAULT_CORPUS_INCLUDE = '**/*.{txt,md}';
export const DEFAULT_CORPUS_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.*/**'];

/** Reads the configuration once and validates it; each problem is reported once per read (per change). */
function readSnapshot(warn: (message: string) => void): SettingsSnapshot {
  const config = vscode.workspace.getConfiguration(Settings.section);
  const stringList = (key: string): string[] => {
    const value = config.get<unknown>(key);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      warn(`Setting ${Settings.section}.${key}: expected a list of strings; ignored.`);
      return [];
    }
    const strings = value.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (strings.length !== value.length) warn(`Setting ${Settings.section}.${key}: ignored ${value.length - strings.length} entries that are not non-empty strings.`);
    return strings;
  };
  const tags: TagDefinition[] = [];
  const rawTags = config.get<unknown>(Settings.tags);
  for (const entry of Array.isArray(rawTags) ? rawTags : []) {
    const e = entry as Partial<TagDefinition> | null;
    if (!e || typeof e.name !== 'string' || !isValidTagName(e.name)) {
      warn(`Setting ${Settings.section}.tags: ignored ${JSON.stringify(entry)} (a "name" starts with a letter, then letters, digits, - _ or :, as Pandoc reads class names).`);
      continue;
    }
    tags.push({
      name: e.name,
      ...(typeof e.color === 'string' ? { color: e.color } : {}),
      ...(typeof e.description === 'string' ? { description: e.description } : {}),
    });
  }
  const target = config.get<unknown>(Settings.defaultTarget);
  if (target !== undefined && !isScriptVariant(target)) warn(`Setting ${Settings.section}.${Settings.defaultTarget}: "${String(target)}" is not one of cn, t, tw, twp, hk; using cn.`);
  return {
    tags,
    extraTriggers: stringList(Settings.extraTriggers),
    extraExclusions: stringList(Settings.extraExclusions),
    modalFamilies: config.get<boolean>(Settings.modalFamilies) === true,
    followCursor: config.get<boolean>(Settings.followCursor) !== false,
    defaultTarget: isScriptVariant(target) ? target : 'cn',
    hideMarkup: config.get<boolean>(Settings.hideMarkup) === true,
    highlight: config.get<boolean>(Settings.highlight) !== false,
    protectedTerms: stringList(Settings.protectedTerms),
    neutralizeCsvFormulas: config.get<boolean>(Settings.neutralizeCsvFormulas) !== false,
    corpusInclude: (() => {
      const v = config.get<unknown>(Settings.corpusInclude);
      if (v === undefined || (typeof v === 'string' && v.trim() !== '')) return typeof v === 'string' ? v.trim() : DEFAULT_CORPUS_INCLUDE;
      warn(`Setting ${Settings.section}.${Settings.corpusInclude}: expected a glob such as ${DEFAULT_CORPUS_INCLUDE}; using that.`);
      return DEFAULT_CORPUS_INCLUDE;
    })(),
    corpusExclude: config.get<unknown>(Settings.corpusExclude) === undefined ? DEFAULT_CORPUS_EXCLUDE : stringList(Settings.corpusExclude),
  };
}

/**
 * The settings as one service: a validated snapshot (defaults live in package.json only), re-read once per
 * configuration change, with one warning per problem and one change event telling which parts changed.
 */
export class ExtensionSettings implements vscode.Disposable {
  private snapshot: SettingsSnapshot;
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly warn: (message: string) => void) {
    this.snapshot = readSnapshot(warn);
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(Settings.section)) return;
      this.snapshot = readSnapshot(this.warn);
      const affects = (part: string): boolean => e.affectsConfiguration(`${Settings.section}.${part}`);
      this.changed.fire({ tags: affects(Settings.tags), directives: affects('directives'), annotations: affects('annotations'), conversion: affects('conversion'), corpus: affects('corpus') || e.affectsConfiguration('files.exclude') });
    });
  }

  private projectCodes: readonly TagDefinition[] = [];

  /**
   * The project codebook's codes (`.policy-annotator/codebook.json`) join the palette: they come first and win
   * over a setting of the same name; the settings' tags remain the default for the rest.
   */
  setProjectCodes(codes: readonly TagDefinition[]): void {
    if (JSON.stringify(codes) === JSON.stringify(this.projectCodes)) return;
    this.projectCodes = codes;
    this.changed.fire({ tags: true, directives: false, annotations: false, conversion: false, corpus: false });
  }

  get current(): SettingsSnapshot {
    return this.snapshot;
  }

  /** The palette: the project codebook's codes, then the settings' tags not defined there. */
  get tags(): readonly TagDefinition[] {
    if (this.projectCodes.length === 0) return this.snapshot.tags;
    const names = new Set(this.projectCodes.map((c) => c.name));
    return [...this.projectCodes, ...this.snapshot.tags.filter((t) => !names.has(t.name))];
  }
  get corpusInclude(): string {
    return this.snapshot.corpusInclude;
  }
  get corpusExclude(): readonly string[] {
    return this.snapshot.corpusExclude;
  }
  get extraTriggers(): readonly string[] {
    return this.snapshot.extraTriggers;
  }
  get extraExclusions(): readonly string[] {
    return this.snapshot.extraExclusions;
  }
  get modalFamilies(): boolean {
    return this.snapshot.modalFamilies;
  }
  get followCursor(): boolean {
    return this.snapshot.followCursor;
  }
  get defaultTarget(): ScriptVariant {
    return this.snapshot.defaultTarget;
  }
  get hideMarkup(): boolean {
    return this.snapshot.hideMarkup;
  }
  get highlight(): boolean {
    return this.snapshot.highlight;
  }
  get protectedTerms(): readonly string[] {
    return this.snapshot.protectedTerms;
  }
  get neutralizeCsvFormulas(): boolean {
    return this.snapshot.neutralizeCsvFormulas;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }
}
