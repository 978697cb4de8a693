import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

const json = (file: string): Record<string, string> => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;

/** Every vscode.l10n.t key of the sources, read the way scripts/l10n-strings.mjs reads them. */
function sourceKeys(): { keys: Set<string>; calls: number; literal: number } {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
    });
  const keys = new Set<string>();
  let calls = 0;
  let literal = 0;
  for (const file of files(join(ROOT, 'src'))) {
    const text = readFileSync(file, 'utf8');
    calls += (text.match(/l10n\.t\(/g) ?? []).length;
    for (const m of text.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) {
      literal++;
      keys.add(JSON.parse('"' + m[1]!.replace(/\\'/g, "'").replace(/"/g, '\\"') + '"') as string);
    }
  }
  return { keys, calls, literal };
}

describe('localization', () => {
  it('every vscode.l10n.t call has a literal message (so it can be translated)', () => {
    const { calls, literal } = sourceKeys();
    assert.equal(literal, calls);
  });

  for (const locale of ['zh-cn', 'zh-tw']) {
    it(`every message has a ${locale} translation, and the bundle has no stale keys`, () => {
      const { keys } = sourceKeys();
      const bundle = json(`l10n/bundle.l10n.${locale}.json`);
      assert.deepEqual([...keys].filter((k) => !(k in bundle)), [], 'missing translations');
      assert.deepEqual(Object.keys(bundle).filter((k) => !keys.has(k)), [], 'stale keys');
      for (const [key, value] of Object.entries(bundle)) {
        const placeholders = (s: string): string[] => (s.match(/\{\d+\}/g) ?? []).sort();
        assert.deepEqual(placeholders(value), placeholders(key), `placeholders of "${key}"`);
      }
    });
  }

  it('package.nls has the same keys in English, 简体中文 and 繁體中文, and covers every %key% of package.json', () => {
    const en = json('package.nls.json');
    for (const locale of ['zh-cn', 'zh-tw']) assert.deepEqual(Object.keys(json(`package.nls.${locale}.json`)).sort(), Object.keys(en).sort(), locale);
    const used = [...readFileSync(join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
    assert.deepEqual(used.filter((k) => !(k in en)), []);
    assert.deepEqual(Object.keys(en).filter((k) => !used.includes(k)), [], 'unused nls keys');
  });
});
