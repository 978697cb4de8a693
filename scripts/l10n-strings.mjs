// Lists every string the extension localizes with vscode.l10n.t('…') (literal first arguments only — a check in
// test/unit/l10n.test.ts makes sure every call has one). `node scripts/l10n-strings.mjs` prints them as JSON.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function sourceFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The literal keys, unescaped as JavaScript would read them. */
export function l10nKeys(root) {
  const keys = new Set();
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) keys.add(JSON.parse('"' + m[1].replace(/\\'/g, "'").replace(/"/g, '\\"') + '"'));
  }
  return [...keys].sort();
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(l10nKeys(join(import.meta.dirname, '..')), null, 2));
