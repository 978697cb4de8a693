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

/** Document ranges of the non-empty selections of the editor showing `doc`, or undefined for "whole document". */
export function selectedRanges(doc: vscode.TextDocument): { start: number; end: number }[] | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document !== doc) return undefined;
  const ranges = editor.selections.filter((s) => !s.isEmpty).map((s) => ({ start: doc.offsetAt(s.start), end: doc.offsetAt(s.end) }));
  return ranges.length > 0 ? ranges.sort((a, b) => a.start - b.start) : undefined;
}
