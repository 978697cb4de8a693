import type * as vscode from 'vscode';
import type { PolicyAnnotatorApi } from './api';
import { setOpenccLoader } from './core/convert/converter';
import { activateShared } from './extension.shared';
import { loadOpenccBundle } from './platform/openccLoader.node';
import { heapAfterCollection } from './platform/heap.node';
import { realPathOf } from './platform/realPath.node';

/** Desktop entry: only what differs from the web, then the shared wiring. */
export function activate(context: vscode.ExtensionContext): PolicyAnnotatorApi {
  setOpenccLoader(loadOpenccBundle);
  return activateShared(context, 'node', { realPath: realPathOf, ...(TEST_HOOKS ? { heapAfterCollection } : {}) });
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
