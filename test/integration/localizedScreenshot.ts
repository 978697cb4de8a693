// Entry for `npm run screenshot:zh`: the workbench in 简体中文 with the Directives view, the Codebook and this
// extension's commands in the command palette, for the README.
import * as vscode from 'vscode';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'yunyang-county-innovation-conference-2023.txt'));
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('policyAnnotator.directives.focus');
  await sleep(1500);
  void vscode.commands.executeCommand('workbench.action.quickOpen', '>政策文件标注');
  await sleep(1500);
  console.log('SCREENSHOT:zh-cn-commands');
  await sleep(1500);
}
