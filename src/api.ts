import type * as vscode from 'vscode';
import type { DirectiveForce, DirectiveKind } from './core/directives/infer';

/**
 * A heading, section or directive, offsets in the document's own text (UTF-16), as the command line reports them.
 * Beyond SPEC §9: `heading` (the enclosing heading's anchor), `level` (headings), `force` (directives).
 */
export interface Item {
  readonly kind: DirectiveKind;
  readonly anchor: number;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly section?: number;
  readonly heading?: number;
  readonly level?: number;
  readonly force?: DirectiveForce;
}

/** An annotation: the source range of its text (inside the markup), its tags, note and plain text. */
export interface Span {
  readonly tags: string[];
  readonly note?: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** What `activate()` returns to other extensions (SPEC §9). */
export interface PolicyAnnotatorApi {
  getDirectives(doc: vscode.TextDocument): Item[];
  getAnnotations(doc: vscode.TextDocument): Span[];
}
