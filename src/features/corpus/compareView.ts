import * as vscode from 'vscode';
import { comparisonCounts, type ComparisonRow, type Formulation } from '../../core/corpus/compare';
import { parseMarkup } from '../../core/markup/parse';
import { Commands } from '../../constants';
import { escapeHtml } from '../../util/html';

export interface ComparedDocument {
  readonly uri: vscode.Uri;
  readonly name: string;
  /** Document offsets of each formulation, by line and text (to jump there). */
  readonly offsets: ReadonlyMap<Formulation, { start: number; end: number }>;
}

function jumpLink(doc: ComparedDocument, f: Formulation): string {
  const at = doc.offsets.get(f);
  if (!at) return `${f.line}`;
  const args = encodeURIComponent(JSON.stringify([{ uri: doc.uri.toString(), start: at.start, end: at.end }]));
  return `<a href="command:${Commands.revealAnnotation}?${args}" title="${escapeHtml(doc.name)}:${f.line}">${f.line}</a>`;
}

function side(row: ComparisonRow, which: 'old' | 'new'): string {
  const f = which === 'old' ? row.old : row.new;
  if (!f) return '';
  if (!row.runs) return escapeHtml(parseMarkup(f.text).plain);
  return row.runs
    .filter((r) => r.in === 'both' || r.in === which)
    .map((r) => (r.in === 'both' ? escapeHtml(r.text) : which === 'old' ? `<del>${escapeHtml(r.text)}</del>` : `<ins>${escapeHtml(r.text)}</ins>`))
    .join('');
}

/**
 * The comparison, side by side: older document left, newer right, changed characters of a rewording struck
 * (old) and underlined (new). A static page — no script at all, document text inserted as text — whose only
 * links are line numbers that reveal a formulation in its document (command URIs limited to that one command).
 */
export function comparisonHtml(webview: vscode.Webview, extensionUri: vscode.Uri, rows: readonly ComparisonRow[], older: ComparedDocument, newer: ComparedDocument): string {
  const css = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'compare.css'));
  const csp = ["default-src 'none'", `style-src ${webview.cspSource}`].join('; ');
  const counts = comparisonCounts(rows);
  const label: Record<ComparisonRow['kind'], string> = { same: vscode.l10n.t('unchanged'), reworded: vscode.l10n.t('reworded'), new: vscode.l10n.t('new'), dropped: vscode.l10n.t('dropped') };
  const body = rows
    .map(
      (r) => `<tr class="${r.kind}"><td class="kind">${escapeHtml(label[r.kind])}${r.kind === 'reworded' ? ` <span class="sim">${Math.round(r.similarity * 100)}%</span>` : ''}</td>` +
        `<td class="line">${r.old ? jumpLink(older, r.old) : ''}</td><td class="text">${side(r, 'old')}</td>` +
        `<td class="line">${r.new ? jumpLink(newer, r.new) : ''}</td><td class="text">${side(r, 'new')}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link href="${css}" rel="stylesheet">
<title>${escapeHtml(older.name)} → ${escapeHtml(newer.name)}</title>
</head>
<body>
<h1>${escapeHtml(older.name)} → ${escapeHtml(newer.name)}</h1>
<p role="status">${escapeHtml(vscode.l10n.t('{0} new, {1} dropped, {2} reworded, {3} unchanged', counts.new, counts.dropped, counts.reworded, counts.same))}</p>
<table>
<thead><tr><th></th><th colspan="2">${escapeHtml(older.name)}</th><th colspan="2">${escapeHtml(newer.name)}</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</body>
</html>`;
}
