import * as vscode from 'vscode';
import type { SpanEditResult } from '../core/markup/spanEdits';
import type { MarkupProblem } from '../core/markup/types';

/** The core reports why a span edit was refused as a reason code; this is what the user reads. */
export function spanEditFailure(result: SpanEditResult & { ok: false }): string {
  switch (result.reason) {
    case 'empty':
      return vscode.l10n.t('Select the text to tag first.');
    case 'crosses-span':
      return vscode.l10n.t('The selection crosses the border of an existing annotation. Select text inside it, or the whole annotation.');
    case 'invalid-tag':
      return vscode.l10n.t('Not a valid tag name: use no spaces and none of . { } [ ] " = \\');
    case 'unbalanced':
      return vscode.l10n.t('The selection contains an unmatched "[" or "]"; select a range with balanced brackets.');
  }
}

/** A markup problem in the user's language; English keeps the core's more specific wording. */
export function markupProblemMessage(problem: MarkupProblem): string {
  if (vscode.env.language.startsWith('en')) return problem.message;
  switch (problem.code) {
    case 'malformed-attributes':
      return vscode.l10n.t('Malformed attribute block: write tags as .name and attributes as key="value", separated by spaces.');
    case 'unclosed-attributes':
      return vscode.l10n.t('The attribute block is not closed with "}" on this line.');
    case 'missing-tag':
      return vscode.l10n.t('A span needs at least one tag (".name").');
    case 'unmatched-close':
      return vscode.l10n.t('This "]{…}" has no matching "[".');
  }
}
