import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers';

interface Manifest {
  contributes: {
    commands: { command: string; title: string }[];
    keybindings: { command: string; key: string }[];
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Rows of the Markdown table that follows `heading` in the README, as arrays of cell texts. */
function table(heading: string): string[][] {
  const start = readme.indexOf(heading);
  assert.ok(start >= 0, `README has a "${heading}" section`);
  const lines = readme.slice(start).split('\n').slice(1);
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((c) => c.trim()));
  }
  return rows;
}

const code = (s: string): string => s.replace(/^`|`$/g, '');

describe('README and package.json agree', () => {
  it('the commands table lists every contributed command with its title and keybinding', () => {
    const rows = table('### Commands');
    const expected = manifest.contributes.commands.map((c) => {
      const key = manifest.contributes.keybindings.find((k) => k.command === c.command)?.key ?? '';
      return [c.command, nls[c.title.replace(/%/g, '')] ?? c.title, key];
    });
    assert.deepEqual(rows.map(([id, title, key]) => [code(id!), title, code(key ?? '')]), expected);
  });

  it('the settings table lists every setting with its default', () => {
    const rows = table('### Settings');
    const expected = Object.entries(manifest.contributes.configuration.properties).map(([key, value]) => [key, JSON.stringify(value.default)]);
    assert.deepEqual(
      rows.map(([key, def]) => [code(key!), code(def!)]),
      expected.map(([key, def]) => [key, (def!.length > 60 ? 'see package.json' : def)]),
    );
  });
});

describe('the .vsix', () => {
  it('contains only what runs: bundles, media, grammars, l10n, README (and its screenshots), CHANGELOG, LICENSE, icon', function () {
    this.timeout(60_000);
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const files = result.stdout.trim().split('\n').map((f) => f.trim()).filter(Boolean).sort();
    for (const f of files) {
      assert.match(f, /^(dist\/(extension\.(node|browser)|opencc)\.js|media\/.+|syntaxes\/.+\.json|l10n\/bundle\.l10n\.zh-(cn|tw)\.json|package(\.nls(\.zh-(cn|tw))?)?\.json|README\.md|docs\/screenshots\/[\w-]+\.png|CHANGELOG\.md|LICENSE|icon\.png)$/, f);
    }
    for (const needed of ['dist/extension.node.js', 'dist/extension.browser.js', 'dist/opencc.js', 'media/editor.js', 'media/editor.css', 'icon.png', 'LICENSE', 'CHANGELOG.md', 'README.md']) {
      assert.ok(files.includes(needed), needed);
    }
    assert.ok(!files.some((f) => f.endsWith('.map') || f.startsWith('src/') || f.startsWith('test/') || f.includes('node_modules')));
  });
});

describe('the product build (what npm run package ships)', () => {
  it('carries no test scaffolding: no probes, echo messages, test commands or script-status hook', function () {
    this.timeout(120_000);
    const out = mkdtempSync(join(tmpdir(), 'policy-annotator-product-'));
    try {
      const result = spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production', '--no-tests', `--out-root=${out}`], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stderr);
      for (const bundle of ['dist/extension.node.js', 'dist/extension.browser.js', 'media/editor.js']) {
        const code = readFileSync(join(out, bundle), 'utf8');
        // The bundle is the product: it still has its real commands and messages.
        assert.ok(code.includes(bundle === 'media/editor.js' ? 'selection' : 'policyAnnotator.openEditor'), `${bundle} is the real bundle`);
        for (const scaffolding of ['policyAnnotator.test.', 'probeResult', 'editorProbe', 'pwned', 'getScriptStatusText', 'policyAnnotator.internal']) {
          assert.ok(!code.includes(scaffolding), `${bundle} contains "${scaffolding}"`);
        }
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
