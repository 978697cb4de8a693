import * as vscode from 'vscode';
import { escapeHtml } from '../../util/html';

function nonce(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
}

/** The webview page: a strict CSP (nonce script, styles and images from media/ only, nothing remote). */
export function editorHtml(webview: vscode.Webview, extensionUri: vscode.Uri, title: string): string {
  const media = (file: string): vscode.Uri => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file));
  const n = nonce();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${n}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${media('editor.css')}" rel="stylesheet">
<title>${escapeHtml(title)}</title>
</head>
<body>
<div id="toolbar" role="toolbar"></div>
<div id="status" role="status" aria-live="polite"></div>
<main id="content" tabindex="0"></main>
<script nonce="${n}" src="${media('editor.js')}"></script>
</body>
</html>`;
}
