// `npm run bench`: the core benchmarks (Node) and the workbench benchmarks (VS Code for the web), printed as one
// table: each figure beside the baseline measured in the same run, and the ratio.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './vscodeWeb.mjs';

function rows(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
  const found = [...(result.stdout ?? '').matchAll(/^BENCH_ROW (.*)$/gm)].map((m) => JSON.parse(m[1]));
  if (result.status !== 0) console.error(`${args.join(' ')} exited with ${result.status}\n${(result.stderr ?? '').slice(-2000)}`);
  return found;
}

console.log('Running core benchmarks (Node)…');
// --expose-gc: timed calls start on a collected heap, and the memory row measures what stays after a collection.
// Each section in a process of its own: one section's heap and JIT state (the adversarial shapes' odd inputs leave
// the inference code compiled for them) do not weigh on the next one's figures.
const core = ['BASIC_ONLY', 'ADVERSARIAL_ONLY', 'SCALING_ONLY', 'CORPUS_ONLY'].flatMap((section) =>
  rows(process.execPath, ['--expose-gc', join(ROOT, 'out', 'bench', 'core.js')], { [section]: '1' }),
);
console.log('Running workbench benchmarks (VS Code for the web, headless Chromium)…');
const workbench = rows(process.execPath, [join(ROOT, 'scripts', 'test-integration.mjs'), 'web'], { BENCH: '1' });
// The extension host's heap can be read only in the Node host (the VS Code server).
console.log('Running the memory benchmark (VS Code server, Node extension host)…');
workbench.push(...rows(process.execPath, [join(ROOT, 'scripts', 'test-integration.mjs'), 'node'], { BENCH: '1', BENCH_ONLY: 'memory' }).map((r) => ({ ...r, host: 'node' })));

const width = (s) => [...String(s)].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
const pad = (s, n) => String(s) + ' '.repeat(Math.max(0, n - width(s)));
const ms = (v) => (v === undefined ? '' : v === null || Number.isNaN(v) ? 'failed' : v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`);
const header = ['where', 'benchmark', 'time', 'baseline (same run)', 'baseline time', 'ratio', 'notes'];
const body = [...core.map((r) => ['core (Node)', r]), ...workbench.map((r) => [r.host === 'node' ? 'workbench (Node)' : 'workbench (web)', r])].map(([where, r]) => [
  where, r.what, ms(r.ms), r.baseline ?? '', ms(r.baselineMs), r.baselineMs && typeof r.ms === 'number' ? `${(r.ms / r.baselineMs).toFixed(2)}×` : '', r.note ?? '',
]);
const widths = header.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]))));
console.log('');
for (const line of [header, widths.map((w) => '-'.repeat(w)), ...body]) console.log(line.map((c, i) => pad(c, widths[i])).join('  ').trimEnd());

const size = (f) => `${(statSync(join(ROOT, 'dist', f)).size / 1024).toFixed(0)} KB`;
console.log('\nBundles');
console.log(`  loaded at activation: dist/extension.browser.js ${size('extension.browser.js')} (web), dist/extension.node.js ${size('extension.node.js')} (desktop)`);
console.log(`  loaded on the first conversion only: dist/opencc.js ${size('opencc.js')} (OpenCC dictionaries)`);
process.exit(core.length > 0 && workbench.length > 0 ? 0 : 1);
