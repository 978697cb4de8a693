import { Minimatch } from 'minimatch';
import * as vscode from 'vscode';
import { parseCodebookFile, serializeCodebook, type CodeDefinition } from '../core/corpus/codebook';
import { summarizeDocument, type DocumentSummary } from '../core/corpus/summary';
import { inferDirectivesInSlices } from '../core/directives/infer';
import { parseMarkup } from '../core/markup/parse';
import { CODEBOOK_FILE } from '../constants';
import type { ExtensionSettings } from '../settings';
import { KeyedDebouncer } from '../util/debounce';
import { DisposableStore } from '../util/dispose';
import type { DocumentIndex } from './documentIndex';
import { yieldToEvents } from './editGuards';

/** One document of the corpus as the views see it: never its text, only its summary. */
export interface CorpusDocument {
  readonly uri: vscode.Uri;
  /** Path relative to its workspace folder (with the folder's name when there are several). */
  readonly name: string;
  readonly summary: DocumentSummary;
}

/** Files above this size are left out of the corpus (and said so in the log): 50 MB. */
export const MAX_CORPUS_FILE_BYTES = 50 * 1024 * 1024;
/** Work done in one slice before yielding to the extension host's other tasks (typing, other extensions). */
const SLICE_MS = 12;
const CHANGE_DELAY_MS = 150;
const READS_IN_FLIGHT = 8;
/** How long an open document's summary waits after the document index announced a new version. */
const OPEN_DOCUMENT_DELAY_MS = 700;
/** After a folder on the codebook's path appears, when the codebook file is read once more. */
const CODEBOOK_REREAD_MS = 1000;

/** What the address of everything inside the folder `uri` starts with. */
const folderPrefix = (uri: vscode.Uri): string => uri.toString().replace(/\/?$/, '/');

/**
 * The workspace as a research project: every `.txt`/`.md` file of the workspace folders (per
 * `policyAnnotator.corpus.include`/`exclude` and `files.exclude`) summarised — its coded segments and directives —
 * in the background, then kept up to date from a file watcher and from the document index for open documents
 * (their unsaved text wins over the file). Reads through `workspace.fs`, so it works in every host (a virtual
 * workspace included). Also owns the project codebook file and feeds its codes to the palette.
 */
export class CorpusIndex extends DisposableStore {
  private readonly docs = new Map<string, CorpusDocument>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private codebookRereadTimer: ReturnType<typeof setTimeout> | undefined;
  private indexing: Promise<void> | undefined;
  private generation = 0;
  private codes: readonly CodeDefinition[] = [];
  private readonly openDocUpdates = new KeyedDebouncer<string>(OPEN_DOCUMENT_DELAY_MS);
  private codebookProblems = '';
  /** The latest read of each file being summarised: an older one finishing later does not replace it. */
  private readonly latestRead = new Map<string, object>();

  /** Fired (debounced) when documents or the codebook changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly index: DocumentIndex, private readonly settings: ExtensionSettings, private readonly log: vscode.LogOutputChannel) {
    super();
    this.register(
      index.onDidChange((uri) => {
        if (!this.indexing) return;
        const docs = uri ? vscode.workspace.textDocuments.filter((d) => d.uri.toString() === uri.toString()) : vscode.workspace.textDocuments;
        // An open document's summary follows its edits a little later than the views of the document itself:
        // while someone types in a big document, it is made once they pause longer, not at every pause.
        for (const doc of docs) {
          if (!doc.isClosed && this.includes(doc.uri)) this.openDocUpdates.schedule(doc.uri.toString(), () => void (!doc.isClosed && this.updateFromDocument(doc)));
        }
      }),
    );
    this.register({ dispose: () => this.openDocUpdates.dispose() });
    this.register(
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Unsaved changes of a closed document are gone: the file is what counts again.
        if (this.indexing && this.includes(doc.uri)) void this.updateFromFile(doc.uri);
        if (this.isCodebookFile(doc.uri)) void this.loadCodebook();
      }),
    );
    this.register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.isCodebookFile(e.document.uri)) this.codebookFromText(e.document.getText());
      }),
    );
    this.register(
      settings.onDidChange((change) => {
        if (change.corpus) this.matchers = undefined;
        // Which files, or what a directive is, changed: every summary is read again (once for both).
        if ((change.corpus || change.directives) && this.indexing) void this.reindex();
      }),
    );
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => void (this.indexing ? this.reindex() : this.loadCodebook())));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidCreate((uri) => this.onFileEvent(uri)));
    this.register(watcher.onDidChange((uri) => this.onFileEvent(uri)));
    this.register(
      watcher.onDidDelete((uri) => {
        // The codebook file, or a folder it lay in (deleted with it, in one event).
        if (this.isCodebookFile(uri) || this.isOnCodebookPath(uri)) void this.loadCodebook();
        // A deleted folder: every document under it goes.
        const prefix = folderPrefix(uri);
        let removed = false;
        const gone = (key: string): boolean => key === uri.toString() || key.startsWith(prefix);
        for (const key of [...this.docs.keys()]) if (gone(key)) removed = this.docs.delete(key) || removed;
        // A summary still being made of a deleted file is not stored when it ends.
        for (const key of [...this.latestRead.keys()]) if (gone(key)) this.latestRead.delete(key);
        if (removed) this.fireChanged();
      }),
    );
    this.register({ dispose: () => clearTimeout(this.changeTimer) });
    this.register({ dispose: () => clearTimeout(this.codebookRereadTimer) });
    void this.loadCodebook();
  }

  private onFileEvent(uri: vscode.Uri): void {
    if (this.isCodebookFile(uri)) {
      void this.loadCodebook();
      return;
    }
    // A folder made on the codebook's path (.policy-annotator, written with its file at once): a file created in a
    // folder the watcher has only just seen may come without an event of its own, so the codebook is read now, and
    // once more shortly after (the file may land after the folder's event).
    if (this.isOnCodebookPath(uri)) {
      void this.loadCodebook();
      clearTimeout(this.codebookRereadTimer);
      this.codebookRereadTimer = setTimeout(() => void this.loadCodebook(), CODEBOOK_REREAD_MS);
      return;
    }
    if (!this.indexing || !this.includes(uri)) return;
    const open = this.openDocument(uri);
    if (open) void this.updateFromDocument(open);
    else void this.updateFromFile(uri);
  }

  /** Starts the first indexing (once) and resolves when it is done. Views call this when they are first shown. */
  ready(): Promise<void> {
    return (this.indexing ??= this.indexAll());
  }

  /** Indexes everything again (settings or folders changed). */
  reindex(): Promise<void> {
    this.docs.clear();
    this.indexing = this.indexAll();
    return this.indexing;
  }

  /** The corpus documents, by name. */
  documents(): CorpusDocument[] {
    return [...this.docs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  document(uri: vscode.Uri): CorpusDocument | undefined {
    return this.docs.get(uri.toString());
  }

  /**
   * The text of a corpus document now: the open document's (saved or not), else its file's; undefined when it can
   * no longer be read (deleted, or no longer text). Read without opening it as a document (an export of 2,000 files
   * opened each in the workbench, and every view analysed it).
   */
  async textOf(uri: vscode.Uri): Promise<string | undefined> {
    const open = this.openDocument(uri);
    if (open) return open.getText();
    const read = await this.readFile(uri);
    return 'text' in read ? read.text : undefined;
  }

  /** The document of `uri` if it is loaded and not closed (its text, saved or not, is what counts). */
  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  /** The project codebook's codes (empty without a codebook file). */
  get codebook(): readonly CodeDefinition[] {
    return this.codes;
  }

  get codebookUri(): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, CODEBOOK_FILE) : undefined;
  }

  /** The text the codebook file should have for `codes` (written by the caller, in its WorkspaceEdit). */
  codebookText(codes: readonly CodeDefinition[]): string {
    return serializeCodebook(codes);
  }

  private isCodebookFile(uri: vscode.Uri): boolean {
    return this.codebookUri?.toString() === uri.toString();
  }

  /** Whether `uri` is a folder the codebook file lies in (below the workspace folder). */
  private isOnCodebookPath(uri: vscode.Uri): boolean {
    const codebook = this.codebookUri?.toString();
    return codebook !== undefined && codebook.startsWith(folderPrefix(uri));
  }

  private async loadCodebook(): Promise<void> {
    const uri = this.codebookUri;
    if (!uri) return;
    const open = this.openDocument(uri);
    if (open) return this.codebookFromText(open.getText());
    try {
      this.codebookFromText(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      this.codebookFromText(undefined);
    }
  }

  private codebookFromText(text: string | undefined): void {
    const read = text === undefined ? { codes: [], problems: [] } : parseCodebookFile(text);
    const problems = read.problems.map((p) => `${p.code}${p.detail !== undefined ? ` (${p.detail})` : ''}`).join(', ');
    // Each set of problems is logged once, not at every keystroke in the codebook file.
    if (problems && problems !== this.codebookProblems) this.log.warn(`${CODEBOOK_FILE}: ${problems}; those entries are ignored.`);
    this.codebookProblems = problems;
    if (JSON.stringify(read.codes) === JSON.stringify(this.codes)) return;
    this.codes = read.codes;
    this.settings.setProjectCodes(read.codes);
    this.fireChanged();
  }

  private fireChanged(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.changed.fire(), CHANGE_DELAY_MS);
  }

  private relativeName(uri: vscode.Uri): string | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const base = folder.uri.path.replace(/\/$/, '');
    if (!uri.path.startsWith(base + '/')) return undefined;
    const rel = uri.path.slice(base.length + 1);
    return (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}/${rel}` : rel;
  }

  private matchers: { include: Minimatch; exclude: Minimatch[] } | undefined;

  /** The include and exclude globs, compiled once per settings change. */
  private globs(): { include: Minimatch; exclude: Minimatch[] } {
    if (this.matchers) return this.matchers;
    const filesExclude = vscode.workspace.getConfiguration('files').get<Record<string, boolean>>('exclude') ?? {};
    const patterns = [...this.settings.corpusExclude, ...Object.entries(filesExclude).filter(([, on]) => on === true).map(([glob]) => glob)];
    return (this.matchers = { include: new Minimatch(this.settings.corpusInclude, { dot: true }), exclude: patterns.map((p) => new Minimatch(p, { dot: true })) });
  }

  private excluded(rel: string): boolean {
    return this.globs().exclude.some((m) => m.match(rel));
  }

  /** True for a workspace file the corpus takes in (include glob, not excluded). */
  includes(uri: vscode.Uri): boolean {
    if (uri.scheme === 'untitled' || uri.scheme === 'output' || uri.scheme === 'vscode-scm' || uri.scheme === 'git') return false;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const rel = uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
    return this.globs().include.match(rel) && !this.excluded(rel);
  }

  private async indexAll(): Promise<void> {
    const generation = ++this.generation;
    const files: vscode.Uri[] = [];
    const walk = async (folder: vscode.WorkspaceFolder, dir: vscode.Uri, rel: string): Promise<void> => {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(dir);
      } catch {
        return;
      }
      entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (const [name, type] of entries) {
        const childRel = rel ? `${rel}/${name}` : name;
        const child = vscode.Uri.joinPath(dir, name);
        if (type & vscode.FileType.Directory) {
          // A folder is skipped when everything in it is excluded.
          if (!this.excluded(`${childRel}/x`)) await walk(folder, child, childRel);
        } else if (type & vscode.FileType.File && this.globs().include.match(childRel) && !this.excluded(childRel)) {
          files.push(child);
        }
      }
    };
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Policy Annotator: indexing the workspace') }, async (progress) => {
      for (const folder of vscode.workspace.workspaceFolders ?? []) await walk(folder, folder.uri, '');
      let sliceStart = performance.now();
      // Reads are requested ahead (a few in flight): over a remote or in the browser each is a round trip.
      const reads = new Map<number, Promise<{ text: string } | { skipped: 'too-large' | 'not-text' | 'gone' }>>();
      const openDocs = new Map(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => [d.uri.toString(), d]));
      for (let i = 0; i < files.length; i++) {
        if (generation !== this.generation) return;
        for (let j = i; j < Math.min(files.length, i + READS_IN_FLIGHT); j++) if (!reads.has(j) && !openDocs.has(files[j]!.toString())) reads.set(j, this.readFile(files[j]!));
        const uri = files[i]!;
        const open = openDocs.get(uri.toString());
        if (open && !open.isClosed) await this.updateFromDocument(open, false);
        else await this.store(uri, await (reads.get(i) ?? this.readFile(uri)), false);
        reads.delete(i);
        if (performance.now() - sliceStart > SLICE_MS) {
          progress.report({ message: `${i + 1}/${files.length}` });
          await yieldToEvents();
          sliceStart = performance.now();
        }
      }
    });
    if (generation === this.generation) {
      this.log.info(`Corpus: ${this.docs.size} documents indexed.`);
      this.changed.fire();
    }
  }

  /**
   * An open document: its current text (saved or not), read from the document index's analysis (waiting for its
   * first analysis if that runs in slices: computing it here at once held the extension host for a big document).
   */
  private async updateFromDocument(doc: vscode.TextDocument, announce = true): Promise<void> {
    const name = this.relativeName(doc.uri);
    if (name === undefined) return;
    const current = this.startRead(doc.uri);
    const analysis = await this.index.analysis(doc);
    // The unsaved text wins over a read of the file begun before; a read begun after (the document closed) wins.
    if (!current() || doc.isClosed) return;
    this.latestRead.delete(doc.uri.toString());
    // Not copied: its slices hold the text the document index holds (at most one older version, until the next
    // summary a pause later), and copying a big document's summary (every clause) at each longer pause cost more
    // than it saved; the file's own, copied summary replaces it when the document closes.
    const summary = summarizeDocument(analysis.parsed, { items: analysis.items });
    this.docs.set(doc.uri.toString(), { uri: doc.uri, name, summary });
    if (announce) this.fireChanged();
  }

  /**
   * Marks a read of `uri` begun (its file or its open document): whether it is still the latest read, and the
   * corpus was not indexed anew since — a summary finished after a newer one began is dropped.
   */
  private startRead(uri: vscode.Uri): () => boolean {
    const key = uri.toString();
    const ticket = {};
    const generation = this.generation;
    this.latestRead.set(key, ticket);
    return () => this.latestRead.get(key) === ticket && this.generation === generation;
  }

  /** A closed file's text, read through workspace.fs; a reason instead when it is left out of the corpus. */
  private async readFile(uri: vscode.Uri): Promise<{ text: string } | { skipped: 'too-large' | 'not-text' | 'gone' }> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_CORPUS_FILE_BYTES) return { skipped: 'too-large' };
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.subarray(0, 8192).includes(0)) return { skipped: 'not-text' };
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch (e) {
      return { skipped: e instanceof TypeError ? 'not-text' : 'gone' };
    }
  }

  /**
   * Summarises what was read (or forgets the file), with a log line for a file left out. A big file's directives are
   * inferred in slices that yield to the extension host (a file of 200,000 directives held the web host 0.45 s); a summary
   * finished after a newer read of the same file, or after the corpus was indexed anew, is dropped.
   */
  private async store(uri: vscode.Uri, read: { text: string } | { skipped: 'too-large' | 'not-text' | 'gone' }, announce: boolean, current = this.startRead(uri)): Promise<void> {
    const name = this.relativeName(uri);
    const key = uri.toString();
    if (name === undefined || !current()) return;
    if ('skipped' in read) {
      if (read.skipped === 'too-large') this.log.warn(`Corpus: ${name} is larger than ${MAX_CORPUS_FILE_BYTES / 1024 / 1024} MB; left out.`);
      if (read.skipped === 'not-text') this.log.warn(`Corpus: ${name} is not UTF-8 text; left out.`);
      if (this.docs.delete(key) && announce) this.fireChanged();
      this.latestRead.delete(key);
      return;
    }
    const parsed = parseMarkup(read.text);
    const markdown = /\.(md|markdown)$/i.test(uri.path);
    const items = await inferDirectivesInSlices(parsed, this.index.directiveRules, undefined, { markdown }, async () => {
      await yieldToEvents();
      return current();
    });
    if (!items || !current()) return;
    this.latestRead.delete(key);
    // Strings copied: the summary outlives the file's text, which its slices would keep alive (2,000 summaries
    // kept every file's text, ~280 MB for a 100 MB corpus).
    this.docs.set(key, { uri, name, summary: summarizeDocument(parsed, { items, ownStrings: true }) });
    if (announce) this.fireChanged();
  }

  /** A closed file, read again from disk (it changed, or its editor closed). */
  private async updateFromFile(uri: vscode.Uri): Promise<void> {
    const current = this.startRead(uri);
    await this.store(uri, await this.readFile(uri), true, current);
  }
}
