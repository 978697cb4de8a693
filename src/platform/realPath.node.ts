import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import type * as vscode from 'vscode';

/**
 * The real path of a file URI (symbolic links resolved), or of its folder for a file that does not exist yet;
 * other schemes as they are. Exports compare these, so a link to the document cannot pass for another file.
 */
export async function realPathOf(uri: vscode.Uri): Promise<string> {
  if (uri.scheme !== 'file') return uri.toString();
  try {
    return await realpath(uri.fsPath);
  } catch {
    try {
      return path.join(await realpath(path.dirname(uri.fsPath)), path.basename(uri.fsPath));
    } catch {
      return path.resolve(uri.fsPath);
    }
  }
}
