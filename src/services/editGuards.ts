import * as vscode from 'vscode';
import { containsHan } from '../core/text/chars';

/**
 * Checks that a command may edit the document in place; shows why not otherwise. Untitled documents are refused
 * too: an in-place conversion is meant for a file the user can keep (and compare with git).
 */
export function canEditInPlace(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  if (!doc) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a Chinese text document first.'));
    return false;
  }
  if (doc.isUntitled) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Save this document first: conversion and clean-up change files in place.'));
    return false;
  }
  if (vscode.workspace.fs.isWritableFileSystem(doc.uri.scheme) === false) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This document is read-only; nothing was changed.'));
    return false;
  }
  if (!containsHan(doc.getText())) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This document has no Chinese text; nothing to change.'));
    return false;
  }
  return true;
}

/** Lets the extension host handle the events that arrived while it was busy. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * A round trip to the workbench: its answer comes after every event it sent before (the channel is ordered), so
 * a tab the user closed or a key they typed before this call has been seen by the extension host when it returns.
 */
export async function syncWithWorkbench(): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'policyAnnotator.applyingEdit', false);
  await yieldToEvents();
}

/** True while some editor tab (text or custom) shows the document. */
export function isShownInTab(doc: vscode.TextDocument): boolean {
  if (doc.isClosed) return false;
  const key = doc.uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => (t.input instanceof vscode.TabInputText || t.input instanceof vscode.TabInputCustom) && t.input.uri.toString() === key));
}

/**
 * Applies the planned edits of a long-running command (conversion, clean-up) only if the user still has the
 * document as it was planned for: open in an editor (a document whose tab was closed meanwhile must not be left
 * hidden and dirty for a later Save All) and unchanged since. Otherwise, or if VS Code refuses the edit, the
 * user is told that nothing was applied.
 */
export async function applyIfStillWanted(
  doc: vscode.TextDocument,
  plannedVersion: number,
  what: string,
  apply: () => Thenable<boolean>,
): Promise<boolean> {
  // Planning may have kept the extension host busy: first hear of everything the user did meanwhile (a closed tab,
  // typing), so the checks below see the document as the user has it now.
  await syncWithWorkbench();
  if (!isShownInTab(doc)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} was not applied: the document was closed meanwhile. Nothing was changed.', what));
    return false;
  }
  if (doc.version !== plannedVersion) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} was not applied: the document changed meanwhile (typing, another edit). Nothing was changed; run it again.', what));
    return false;
  }
  const applied = await apply();
  if (!applied) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} was not applied: VS Code refused the edit (the document changed while it was applied). Run it again.', what));
  } else if (!isShownInTab(doc)) {
    // Closed in the instant between the last check and the edit: never leave it changed and hidden (a later Save
    // All would write it); show it again, so the user can keep or revert the change.
    await vscode.window.showTextDocument(doc, { preview: false });
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} was applied while the document was being closed; it is open again, unsaved. Save or revert it.', what));
  }
  return applied;
}

/** Document ranges of the non-empty selections of the editor showing `doc`, or undefined for "whole document". */
export function selectedRanges(doc: vscode.TextDocument): { start: number; end: number }[] | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document !== doc) return undefined;
  const ranges = editor.selections.filter((s) => !s.isEmpty).map((s) => ({ start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) }));
  return ranges.length > 0 ? ranges.sort((a, b) => a.start - b.start) : undefined;
}
