import * as vscode from 'vscode';
import { writeTextFile } from '../util/files';

/** How files are identified: the real path on desktop (symbolic links resolved); the URI where there is none. */
export type RealPath = (uri: vscode.Uri) => Promise<string>;

const STATE_KEY = 'policyAnnotator.exportedFiles';

/** FNV-1a over the text: enough to recognise a file this extension wrote, unchanged since. */
function fingerprint(text: string): string {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return `${text.length}:${(hash >>> 0).toString(16)}`;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    // ignoreBOM keeps a byte-order mark (CSV exports start with one), so the fingerprint compares the same text.
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/**
 * Exports never replace a file they did not create: not the document itself (compared by real path, so a link
 * or another spelling of the path cannot slip through), nor any existing file that is not this extension's own
 * earlier export, unchanged since. Such a file is refused, or — when the user is at the keyboard — replaced only
 * after a yes. (A file the user already confirmed in the save dialog counts as a yes.)
 */
export class ExportTargets {
  constructor(private readonly state: vscode.Memento, private readonly realPath: RealPath) {}

  private written(): Record<string, string> {
    return this.state.get<Record<string, string>>(STATE_KEY) ?? {};
  }

  /** True when every target may be written for the exported documents; shows why not otherwise. */
  async mayWrite(exported: vscode.TextDocument | readonly vscode.Uri[], targets: readonly vscode.Uri[], how: { interactive: boolean; confirmed?: readonly vscode.Uri[] }): Promise<boolean> {
    const inputs = new Set(await Promise.all(('uri' in exported ? [exported.uri] : exported).map((u) => this.realPath(u))));
    const confirmed = new Set(await Promise.all((how.confirmed ?? []).map((u) => this.realPath(u))));
    const written = this.written();
    for (const target of targets) {
      const path = await this.realPath(target);
      const name = target.path.slice(target.path.lastIndexOf('/') + 1);
      if (inputs.has(path)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The export would overwrite the document itself ({0}); nothing was written. Choose another name or folder.', name));
        return false;
      }
      const existing = await readIfExists(target);
      if (existing === undefined || written[path] === fingerprint(existing) || confirmed.has(path)) continue;
      if (!how.interactive) {
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} exists and was not written by an export; nothing was written. Choose another name, or delete it first.', name));
        return false;
      }
      const replace = vscode.l10n.t('Replace');
      const answer = await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists and was not written by an export. Replace it?', name), { modal: true }, replace);
      if (answer !== replace) return false;
    }
    return true;
  }

  /**
   * A corpus export: the given target (commands run with arguments) or one chosen in a save dialog beside the first
   * workspace folder; checked against `inputs` as `mayWrite` does; `content` is made only once a target may be
   * written (nothing is computed for a dialog the user cancels).
   */
  async writeChosen(how: {
    readonly given: unknown;
    readonly defaultName: string;
    readonly filters: Record<string, string[]>;
    readonly inputs: readonly vscode.Uri[];
    readonly content: () => Promise<string | Uint8Array> | string | Uint8Array;
  }): Promise<vscode.Uri | undefined> {
    const given = how.given instanceof vscode.Uri ? how.given : undefined;
    const folder = vscode.workspace.workspaceFolders?.[0];
    const target = given ?? (await vscode.window.showSaveDialog({ ...(folder ? { defaultUri: vscode.Uri.joinPath(folder.uri, how.defaultName) } : {}), filters: how.filters }));
    if (!target) return undefined;
    if (!(await this.mayWrite(how.inputs, [target], { interactive: !given, confirmed: given ? [] : [target] }))) return undefined;
    await this.write(target, await how.content());
    return target;
  }

  /** Writes an export and remembers it as the extension's own output. */
  async write(target: vscode.Uri, content: string | Uint8Array): Promise<void> {
    if (typeof content === 'string') await writeTextFile(target, content);
    else await vscode.workspace.fs.writeFile(target, content);
    const path = await this.realPath(target);
    const text = typeof content === 'string' ? content : new TextDecoder('utf-8', { ignoreBOM: true }).decode(content);
    // The most recent exports only: enough to recognise one's own files, bounded however long it is used.
    const entries = Object.entries({ ...this.written(), [path]: fingerprint(text) }).slice(-500);
    await this.state.update(STATE_KEY, Object.fromEntries(entries));
  }
}
