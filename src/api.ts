import type * as vscode from 'vscode';
import type { DirectiveKind } from './core/directives/infer';

/** A directive or section, offsets in the document's own text (UTF-16), as the command line reports them. */
export interface Item {
  readonly kind: DirectiveKind;
  readonly anchor: number;
  readonly start: number;
  readonly end: number;
  readonly label: string;
  readonly section?: number;
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
