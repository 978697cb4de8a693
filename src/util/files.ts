import * as vscode from 'vscode';

/** Writes a whole file through the workspace file system (works on desktop and on the web). */
export async function writeTextFile(uri: vscode.Uri, content: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
}

export async function readTextFile(uri: vscode.Uri): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
