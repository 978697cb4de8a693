import * as vscode from 'vscode';
import { Commands } from '../../constants';

const SAMPLE = 'sample-zigong-plenum-communique.txt';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * `policyAnnotator.openSample` (the walkthrough's first step): a copy of a real communiqué in the extension's
 * storage, a real, writable file that conversion and clean-up can change. An existing copy is opened as it is —
 * it may hold the user's annotations — and never overwritten.
 */
async function openSample(extensionUri: vscode.Uri, storage: vscode.Uri): Promise<vscode.TextEditor> {
  const target = vscode.Uri.joinPath(storage, SAMPLE);
  if (!(await exists(target))) {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', SAMPLE));
    await vscode.workspace.fs.createDirectory(storage);
    await vscode.workspace.fs.writeFile(target, bytes);
  }
  const doc = await vscode.workspace.openTextDocument(target);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.openSample, () => openSample(context.extensionUri, context.globalStorageUri));
}
