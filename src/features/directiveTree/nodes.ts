import type * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';

export type DirectiveNode =
  | { readonly type: 'document'; readonly uri: vscode.Uri }
  | { readonly type: 'item'; readonly uri: vscode.Uri; readonly item: DirectiveItem; readonly ordinal: number };

/** Arguments of `policyAnnotator.revealDirective`: a tree node, or an explicit location (scripts, tests). */
export interface RevealTarget {
  readonly uri: vscode.Uri | string;
  readonly start: number;
  readonly end: number;
}

export function isRevealTarget(value: unknown): value is RevealTarget {
  const v = value as Partial<RevealTarget> | null;
  return (
    typeof v === 'object' && v !== null && (typeof v.uri === 'string' || (typeof v.uri === 'object' && v.uri !== null)) &&
    Number.isInteger(v.start) && Number.isInteger(v.end) && (v.start as number) >= 0 && (v.end as number) >= (v.start as number)
  );
}
