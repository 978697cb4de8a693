import * as vscode from 'vscode';

/** A colour swatch as an SVG data URI: tree items and quick picks cannot take arbitrary colours otherwise. */
export function swatch(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="5" fill="${color.replace(/"/g, '')}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}
