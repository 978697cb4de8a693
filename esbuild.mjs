// Builds every bundle: the extension for desktop (Node) and web (worker), the command line, the webview script
// and the test bundles. `node esbuild.mjs --production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
// `--out-root=DIR` writes every bundle under DIR instead of the project (tests inspect a product build there).
const outRoot = process.argv.find((a) => a.startsWith('--out-root='))?.slice('--out-root='.length) ?? '.';
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** A generated entry that imports every `*.test.ts` of a folder, so mocha gets one bundle. */
function suiteEntry(folder, name) {
  // startup.test.ts goes first: it checks what is loaded before any other suite runs.
  const files = readdirSync(folder).filter((f) => f.endsWith('.test.ts')).sort((a, b) => Number(b.startsWith('startup.')) - Number(a.startsWith('startup.')) || a.localeCompare(b));
  mkdirSync('out/entries', { recursive: true });
  const entry = join('out/entries', name + '.ts');
  writeFileSync(entry, files.map((f) => `import '../../${folder}/${f.replace(/\.ts$/, '')}';`).join('\n') + '\n');
  return entry;
}

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  // Maps point at src/ (it is beside them in a development tree) instead of carrying its text, so that the text of
  // code a build left out (test hooks) is not in them either.
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  // Test hooks (probes, test commands) exist only in builds that also build the tests (`node esbuild.mjs`, which
  // `npm test` runs); `--no-tests` (`npm start`, `npm run package`) builds the product without them.
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version), TEST_HOOKS: String(!production && !process.argv.includes('--no-tests')) },
};

// opencc-js (dictionaries: megabytes) never enters the extension bundles: it is dist/opencc.js, loaded on the
// first conversion (SPEC §8: activation does not load the dictionaries).
const notOpencc = ['vscode', 'opencc-js', 'opencc-js/*'];

const builds = [
  { ...common, entryPoints: ['src/extension.node.ts'], outfile: 'dist/extension.node.js', platform: 'node', format: 'cjs', target: 'node20', external: notOpencc },
  // Web extension host (a Worker): no Node built-ins.
  { ...common, entryPoints: ['src/extension.browser.ts'], outfile: 'dist/extension.browser.js', platform: 'browser', format: 'cjs', target: 'es2022', external: notOpencc },
  { ...common, entryPoints: ['src/opencc.bundle.ts'], outfile: 'dist/opencc.js', platform: 'neutral', format: 'cjs', target: 'es2022', sourcemap: false, minify: true, mainFields: ['module', 'main'] },
  // The custom editor's page script: media/ is the only folder the webview may load from.
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'media/editor.js', platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false },
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } },
];

const testBuilds = [
  { ...common, sourcemap: 'inline', minify: false, entryPoints: [suiteEntry('test/unit', 'unit')], outfile: 'out/test/unit.js', platform: 'node', format: 'cjs', target: 'node20', external: ['eslint', 'typescript', 'vscode-oniguruma', 'vscode-textmate'] },
  // Integration suites run inside VS Code's extension host: in the web worker here, in Node under test-electron.
  {
    ...common, sourcemap: 'inline', minify: false, entryPoints: ['test/integration/index.browser.ts'], outfile: 'out/test/integration.browser.js',
    platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'],
    define: { ...common.define, 'process.env.NODE_DEBUG': 'false', global: 'globalThis', TEST_HOST: '"web"' },
    inject: ['test/integration/processShim.js'],
    loader: { '.txt': 'text' },
  },
  { ...common, sourcemap: false, minify: false, entryPoints: ['test/integration/localizedScreenshot.ts'], outfile: 'out/test/localizedScreenshot.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'] },
  { ...common, sourcemap: 'inline', minify: false, entryPoints: ['test/integration/index.node.ts'], outfile: 'out/test/integration.node.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha'], loader: { '.txt': 'text' }, define: { ...common.define, TEST_HOST: '"node"' } },
  {
    ...common, sourcemap: false, minify: false, entryPoints: ['bench/workbench/index.ts'], outfile: 'out/bench/workbench.js',
    platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'],
  },
  // The same benchmarks for the Node extension host (the memory row: only a Node host can read its heap).
  { ...common, sourcemap: false, minify: false, entryPoints: ['bench/workbench/index.ts'], outfile: 'out/bench/workbench.node.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, sourcemap: 'inline', minify: false, entryPoints: ['bench/core.ts'], outfile: 'out/bench/core.js', platform: 'node', format: 'cjs', target: 'node20' },
];

const all = (process.argv.includes('--no-tests') ? builds : [...builds, ...testBuilds]).map((options) => ({ ...options, outfile: join(outRoot, options.outfile) }));
// A production build starts from an empty dist/, so no stale source maps end up in the package.
if (production) rmSync(join(outRoot, 'dist'), { recursive: true, force: true });
if (watch) {
  for (const options of all) (await esbuild.context(options)).watch();
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(all.map((options) => esbuild.build(options)));
}
