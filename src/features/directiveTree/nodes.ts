import type * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';

export type DirectiveNode =
  | { readonly type: 'document'; readonly uri: vscode.Uri }
  | { readonly type: 'item'; readonly uri: vscode.Uri; readonly item: DirectiveItem; readonly ordinal: number }
  /**
   * A run of consecutive siblings, when a parent has too many to list at once (a 20 MB document has tens of
   * thousands of directives outside any section): the tree fetches a group's items only when it is expanded.
   */
  | { readonly type: 'group'; readonly uri: vscode.Uri; readonly parent: number | undefined; readonly id: string; readonly nodes: readonly DirectiveNode[] };

