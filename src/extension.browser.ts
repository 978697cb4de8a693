import type * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from './api';
import { setOpenccLoader } from './core/convert/converter';
import { activateShared } from './extension.shared';
import { openccBundleLoader } from './platform/openccLoader.browser';

/** Web entry (VS Code for the web runs extensions in a Worker): only what differs from desktop. */
export function activate(context: vscode.ExtensionContext): PolicyAnnotatorApi {
  setOpenccLoader(openccBundleLoader(context.extensionUri));
  // The web has no symbolic links to see through: a file is its URI.
  return activateShared(context, 'browser', { realPath: (uri) => Promise.resolve(uri.toString()) });
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
