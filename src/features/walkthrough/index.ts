import * as vscode from 'vscode';
import { Commands } from '../../constants';

const SAMPLE = 'sample-zigong-plenum-communique.txt';

/**
 * `policyAnnotator.openSample` (the walkthrough's first step): a copy of a real communiqué, written to the
 * extension's storage so that it is a real, writable file that conversion and clean-up can change.
 */
async function openSample(extensionUri: vscode.Uri, storage: vscode.Uri): Promise<vscode.TextEditor> {
  const target = vscode.Uri.joinPath(storage, SAMPLE);
  const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'media', 'walkthrough', SAMPLE));
  await vscode.workspace.fs.createDirectory(storage);
  await vscode.workspace.fs.writeFile(target, bytes);
  const doc = await vscode.workspace.openTextDocument(target);
  return vscode.window.showTextDocument(doc, { preview: false });
}

export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.openSample, () => openSample(context.extensionUri, context.globalStorageUri));
}
