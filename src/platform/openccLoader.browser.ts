import * as vscode from 'vscode';
import type { OpenccModules } from '../core/convert/converter';

/**
 * Web: fetch dist/opencc.js from the extension's location and evaluate it as a CommonJS module — the way the web
 * extension host evaluates the extension itself.
 */
export function openccBundleLoader(extensionUri: vscode.Uri): () => Promise<OpenccModules> {
  return async () => {
    const uri = vscode.Uri.joinPath(extensionUri, 'dist', 'opencc.js');
    let source: string;
    if (uri.scheme === 'http' || uri.scheme === 'https') {
      const response = await fetch(uri.toString(true));
      if (!response.ok) throw new Error(`Cannot load the conversion dictionaries (${response.status} ${response.statusText}).`);
      source = await response.text();
    } else {
      source = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    }
    const module = { exports: {} as OpenccModules };
    new Function('module', 'exports', `${source}\n//# sourceURL=${uri.toString(true)}`)(module, module.exports);
    return module.exports;
  };
}
