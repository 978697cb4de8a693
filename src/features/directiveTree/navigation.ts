import * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';
import type { DocumentIndex } from '../../services/documentIndex';
import { activeCustomEditor } from '../../services/editorRegistry';
import { isRevealTarget, revealRange } from '../../services/reveal';
import type { DirectiveNode } from './nodes';

export function revealDirectiveCommand(arg: unknown): Promise<unknown> | undefined {
  const node = arg as DirectiveNode | undefined;
  if (node && typeof node === 'object' && 'type' in node && node.type === 'item') {
    return revealRange({ uri: node.uri, start: node.item.start, end: node.item.end });
  }
  if (isRevealTarget(arg)) return revealRange(arg);
  void vscode.window.showWarningMessage(vscode.l10n.t('Choose a directive in the Directives view to reveal it.'));
  return undefined;
}

/** Next (or previous) directive — or heading — after the cursor, wrapping around the document with a status message. */
export async function moveToDirective(index: DocumentIndex, direction: 1 | -1, kind: 'directive' | 'heading' = 'directive'): Promise<void> {
  const custom = activeCustomEditor();
  const editor = vscode.window.activeTextEditor;
  const doc = custom?.document ?? editor?.document;
  if (!doc) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a document to move between its directives.'));
    return;
  }
  const directives = index.analysisOf(doc).items.filter((i) => i.kind === kind);
  if (directives.length === 0) {
    vscode.window.setStatusBarMessage(kind === 'heading' ? vscode.l10n.t('No headings in this document.') : vscode.l10n.t('No directives in this document.'), 3000);
    return;
  }
  const cursor = custom ? custom.selection.start : editor!.document.offsetAt(editor!.selection.start);
  let target: DirectiveItem | undefined;
  let wrapped = false;
  if (direction === 1) {
    target = directives.find((d) => d.start > cursor);
    if (!target) {
      target = directives[0];
      wrapped = true;
    }
  } else {
    target = [...directives].reverse().find((d) => d.start < cursor);
    if (!target) {
      target = directives[directives.length - 1];
      wrapped = true;
    }
  }
  if (!target) return;
  if (wrapped) {
    const message =
      kind === 'heading'
        ? direction === 1 ? vscode.l10n.t('Wrapped to the first heading.') : vscode.l10n.t('Wrapped to the last heading.')
        : direction === 1 ? vscode.l10n.t('Wrapped to the first directive.') : vscode.l10n.t('Wrapped to the last directive.');
    vscode.window.setStatusBarMessage(message, 3000);
  }
  await revealRange({ uri: doc.uri, start: target.start, end: target.end });
}
