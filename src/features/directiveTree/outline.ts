import * as vscode from 'vscode';
import type { DirectiveItem } from '../../core/directives/infer';
import { SUPPORTED_LANGUAGES } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';

/**
 * Most entries an outline lists. VS Code asks for the outline after every pause (breadcrumbs); a 20 MB document
 * holds some 50,000 directives, and sending them all blocked the extension host for half a second per edit.
 */
export const OUTLINE_LIMIT = 5000;

/** What the outline lists: headings, then sections, then directives, each kind only if all of it fits the limit. */
function outlineItems(items: readonly DirectiveItem[]): readonly DirectiveItem[] {
  if (items.length <= OUTLINE_LIMIT) return items;
  const counts = { heading: 0, section: 0, directive: 0 };
  for (const item of items) counts[item.kind]++;
  const kinds = new Set<DirectiveItem['kind']>(['heading']);
  if (counts.heading + counts.section <= OUTLINE_LIMIT) kinds.add('section');
  return items.filter((i) => kinds.has(i.kind)).slice(0, OUTLINE_LIMIT);
}

/**
 * The outline as document symbols, so that VS Code's Outline view, breadcrumbs and Go to Symbol show it:
 * headings nested by level, with the sections and directives under them.
 */
class OutlineSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly index: DocumentIndex) {}

  async provideDocumentSymbols(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
    const items = outlineItems((await this.index.analysis(doc)).items);
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
