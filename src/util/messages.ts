import * as vscode from 'vscode';
import type { SpanEditResult } from '../core/markup/spanEdits';
import type { BratImportProblem } from '../core/export/brat';
import type { MarkupProblem } from '../core/markup/types';

/** The core reports why a span edit was refused as a reason code; this is what the user reads. */
export function spanEditFailure(result: SpanEditResult & { ok: false }): string {
  switch (result.reason) {
    case 'empty':
      return vscode.l10n.t('Select the text to tag first.');
    case 'crosses-span':
      return vscode.l10n.t('The selection crosses the border of an existing annotation. Select text inside it, or the whole annotation.');
    case 'crosses-paragraph':
      return vscode.l10n.t('The selection crosses a blank line: an annotation stays within one paragraph (Pandoc ends a span at a blank line). Tag each paragraph separately.');
    case 'invalid-tag':
      return invalidTagMessage(result.tag ?? '');
    case 'unbalanced':
      return vscode.l10n.t('The selection contains an unmatched "[" or "]"; select a range with balanced brackets.');
  }
}

/** A markup problem in the user's language (the core reports a code and the name or character involved). */
export function markupProblemMessage(problem: MarkupProblem): string {
  const detail = problem.detail ?? '';
  switch (problem.code) {
    case 'unclosed-attributes':
      return vscode.l10n.t('The attribute block is not closed with "}" on this line.');
    case 'missing-tag':
      return vscode.l10n.t('A span needs at least one tag (".name").');
    case 'expected-tag-name':
      return vscode.l10n.t('Expected a tag name after ".".');
    case 'expected-identifier':
      return vscode.l10n.t('Expected an identifier after "#".');
    case 'expected-equals':
      return vscode.l10n.t('Expected "=" after the attribute name "{0}" (tags start with ".").', detail);
    case 'unclosed-value':
      return vscode.l10n.t('The value of "{0}" is missing its closing quote.', detail);
    case 'expected-value':
      return vscode.l10n.t('Expected a value after "{0}=".', detail);
    case 'unexpected-character':
      return vscode.l10n.t('Unexpected "{0}" in the attribute block.', detail);
    case 'missing-separator':
      return vscode.l10n.t('Unexpected "{0}" in the attribute block; separate attributes with spaces.', detail);
    case 'unmatched-close':
      return vscode.l10n.t('This "]{…}" has no matching "[".');
  }
}

/** Why a line of a brat `.ann` file was not imported, in the user's language. */
export function bratProblemMessage(problem: BratImportProblem): string {
  switch (problem.code) {
    case 'unreadable':
      return vscode.l10n.t('Cannot read the text-bound annotation "{0}".', problem.raw);
    case 'outside-text':
      return vscode.l10n.t('{0}: offsets {1} lie outside the text.', problem.id, problem.offsets);
    case 'text-mismatch':
      return vscode.l10n.t('{0}: the text "{1}" does not match the document at its offsets ("{2}").', problem.id, problem.found, problem.expected);
    case 'invalid-type':
      return vscode.l10n.t('{0}: the type "{1}" cannot be a tag name.', problem.id, problem.type);
    case 'unsupported':
      return vscode.l10n.t('{0}: only text-bound annotations (T) and notes are imported; this line is skipped.', problem.id || vscode.l10n.t('Line'));
    case 'note-target-missing':
      return vscode.l10n.t('The note refers to {0}, which does not exist.', problem.id);
    case 'overlap':
      return vscode.l10n.t('{0} ({1}) overlaps {2} without nesting inside it; annotations in this format must nest.', problem.ids.join(', '), problem.tags.join(', '), problem.otherIds.join(', '));
  }
}

/** Why a tag name is refused: the rule is Pandoc's class syntax, so the markup stays readable by Pandoc. */
export function invalidTagMessage(tag: string): string {
  return vscode.l10n.t('"{0}" is not a valid tag name: start with a letter (any script), then letters, digits, - _ or : (Pandoc reads nothing else as a class).', tag);
}

/** A warning on existing markup whose tag names Pandoc would read as text. */
export function pandocTagMessage(tags: readonly string[]): string {
  return vscode.l10n.t('Pandoc reads {0} as text, not as a tag: a tag name starts with a letter, then letters, digits, - _ or :.', tags.map((t) => `"${t}"`).join(', '));
}

/** "1 directive", "2 directives": counts read as English does (each form a literal string, for translation). */
export function directivesCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 directive') : vscode.l10n.t('{0} directives', n);
}

export function sectionsCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 section') : vscode.l10n.t('{0} sections', n);
}

export function annotationsCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 annotation') : vscode.l10n.t('{0} annotations', n);
}

export function segmentsCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 segment') : vscode.l10n.t('{0} segments', n);
}

export function documentsCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 document') : vscode.l10n.t('{0} documents', n);
}

export function codesCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 code') : vscode.l10n.t('{0} codes', n);
}

export function filesCount(n: number): string {
  return n === 1 ? vscode.l10n.t('1 file') : vscode.l10n.t('{0} files', n);
}
