import * as assert from 'assert';
import * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from '../../src/api';

export const EXTENSION_ID = 'policy-annotator.policy-annotator';

export async function api(): Promise<PolicyAnnotatorApi> {
  const ext = vscode.extensions.getExtension<PolicyAnnotatorApi>(EXTENSION_ID);
  assert.ok(ext, 'extension is installed');
  return ext.isActive ? ext.exports : await ext.activate();
}

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run opens a workspace folder with the samples');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** Opens a sample document of the workspace in a text editor. */
export async function openSample(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  return vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(0, 0, 0, 0) });
}

/** Opens a fresh copy of a sample (tests that edit documents never touch the shared samples). */
export async function openSampleCopy(name: string, copyName = `copy-${Date.now()}-${name}`): Promise<vscode.TextEditor> {
  const bytes = await vscode.workspace.fs.readFile(workspaceUri(name));
  await vscode.workspace.fs.writeFile(workspaceUri(copyName), bytes);
  const doc = await vscode.workspace.openTextDocument(workspaceUri(copyName));
  return vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(0, 0, 0, 0) });
}

/** Writes a new file into the workspace and opens it. */
export async function openNewFile(name: string, content: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Reverts and closes every editor, so each test starts from the files on disk. */
export async function closeAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Asks the runner for a screenshot of the workbench (saved only when the runner has SCREENSHOT_DIR set). */
export async function screenshot(name: string): Promise<void> {
  console.log(`SCREENSHOT:${name}`);
  await new Promise((r) => setTimeout(r, 1500));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The directive tree as the view reads it, how often the view was told to refresh, and whether it is visible. */
export interface TreeNode {
  label: string;
  description: string;
  id: string;
  selected: boolean;
  children: TreeNode[];
}
export interface TreeState {
  refreshes: number;
  visible: boolean;
  nodes: TreeNode[];
}
export const treeState = async (): Promise<TreeState> => await vscode.commands.executeCommand<TreeState>('policyAnnotator.test.treeSnapshot');

/** Runtime facts of the extension under test (test builds only). */
export interface Facts {
  openccLoaded: boolean;
  activationMs: number;
  entry: 'node' | 'browser';
  scriptStatus: string;
}
export const facts = async (): Promise<Facts> => await vscode.commands.executeCommand<Facts>('policyAnnotator.test.facts');

/** The directive highlights last drawn in the active text editor: [start, end) document offsets by kind. */
export interface DrawnHighlights {
  triggers: [number, number][];
  modals: [number, number][];
  negations: [number, number][];
  /** The lines they were drawn for: the visible ones and a margin. */
  window: { firstLine: number; lastLine: number };
}
export const drawnHighlights = async (): Promise<DrawnHighlights | undefined> => await vscode.commands.executeCommand<DrawnHighlights | undefined>('policyAnnotator.test.drawnHighlights');

/** Sets a setting in the workspace for the duration of `body`, then removes it again. */
export async function withSetting<T>(section: string, key: string, value: unknown, body: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration(section);
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await body();
  } finally {
    await vscode.workspace.getConfiguration(section).update(key, before, vscode.ConfigurationTarget.Workspace);
  }
}

/** Asks the active (or visible) Policy Annotator editor's page for its state, or makes it act as a user would. */
export const probeEditor = async <T>(action: unknown): Promise<T> => await vscode.commands.executeCommand<T>('policyAnnotator.test.editorProbe', action);

/** The TEST_GREP pattern of this run (scripts/vscodeWeb.mjs writes it into the workspace), if any. */
export async function testGrep(): Promise<RegExp | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  try {
    const pattern = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.test-grep'))).trim();
    return pattern ? new RegExp(pattern) : undefined;
  } catch {
    return undefined;
  }
}
