import type * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';

export type DirectiveNode =
  | { readonly type: 'document'; readonly uri: vscode.Uri }
  | { readonly type: 'item'; readonly uri: vscode.Uri; readonly item: DirectiveItem; readonly ordinal: number };

