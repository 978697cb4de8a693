import * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';
import { SUPPORTED_LANGUAGES } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';

/**
 * The outline as document symbols, so that VS Code's Outline view, breadcrumbs and Go to Symbol show it:
 * headings nested by level, with the sections and directives under them.
 */
class OutlineSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly index: DocumentIndex) {}

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] {
    const items = this.index.analysisOf(doc).items;
    const range = (i: DirectiveItem): vscode.Range => new vscode.Range(doc.positionAt(i.start), doc.positionAt(Math.max(i.end, i.start)));
    const byAnchor = new Map<number, vscode.DocumentSymbol>();
    const top: vscode.DocumentSymbol[] = [];
    for (const item of items) {
      const kind = item.kind === 'heading' ? vscode.SymbolKind.Namespace : item.kind === 'section' ? vscode.SymbolKind.Module : vscode.SymbolKind.Event;
      const name = item.kind === 'section' ? `${item.trigger ?? ''}：${item.label}` : item.label || '…';
      const detail = item.kind === 'heading' ? vscode.l10n.t('heading {0}', item.level ?? 1) : item.kind === 'directive' ? (item.force ?? 'must') : '';
      const r = range(item);
      const symbol = new vscode.DocumentSymbol(name, detail, kind, r, r);
      const parent = (item.section !== undefined ? byAnchor.get(item.section) : undefined) ?? (item.heading !== undefined ? byAnchor.get(item.heading) : undefined);
      if (parent) {
        parent.children.push(symbol);
        // A heading's range covers what lies under it, as an outline's does.
        if (symbol.range.end.isAfter(parent.range.end)) parent.range = new vscode.Range(parent.range.start, symbol.range.end);
      } else top.push(symbol);
      if (item.kind !== 'directive') byAnchor.set(item.anchor, symbol);
    }
    return top;
  }
}

export function registerOutline(index: DocumentIndex): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(
    SUPPORTED_LANGUAGES.map((language) => ({ language })),
    new OutlineSymbols(index),
    { label: vscode.l10n.t('Policy outline') },
  );
}
