// `npm test`: unit tests in Node, then the integration suites in real VS Code in both extension hosts (web worker:
// the `browser` entry; the VS Code server's Node host: the `main` entry). Prints each part's counts and ends with
// one line, `N passed, N failed`, totalling all of them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './vscodeWeb.mjs';

/** Runs a command, echoing its output, and returns its exit code and the mocha counts it printed. */
export function runCounting(command, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
    let output = '';
    // Plain text for logs: colour codes (mocha adds them when it thinks a terminal reads it) are removed.
    const forward = (stream, sink) => stream.on('data', (chunk) => {
      const text = String(chunk).replace(/\x1b\[[0-9;]*m/g, '');
      output += text;
      sink.write(text);
    });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => {
      const count = (word) => [...output.matchAll(new RegExp(`^\\s*(\\d+) ${word}`, 'gm'))].reduce((n, m) => n + Number(m[1]), 0);
      const passing = count('passing');
      const failing = count('failing');
      // A run that crashed (or hung) before mocha reported counts as one failure; so does one that ran no test.
      const unreported = code !== 0 && failing === 0 ? 1 : 0;
      const empty = passing === 0 && failing === 0 && code === 0 ? 1 : 0;
      resolve({ code: code ?? 1, passed: passing, failed: failing + unreported + empty, empty: empty === 1 });
    });
  });
}

export async function runAll() {
  const parts = [];
  const mochaBin = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  console.log('\n=== Unit tests (Node) ===');
  parts.push({ name: 'unit (node)', ...(await runCounting(process.execPath, [mochaBin, '--timeout', '60000', 'out/test/unit.js'])) });
  for (const [host, name] of [['web', 'integration (web worker)'], ['node', 'integration (node host)']]) {
    parts.push({ name, ...(await runCounting(process.execPath, [join(ROOT, 'scripts', 'test-integration.mjs'), host])) });
  }
  console.log('');
  for (const p of parts) console.log(`${p.name}: ${p.passed} passed, ${p.failed} failed${p.empty ? ' (ran no test)' : ''}`);
  const passed = parts.reduce((n, p) => n + p.passed, 0);
  const failed = parts.reduce((n, p) => n + p.failed, 0);
  return { passed, failed, ok: failed === 0 && parts.every((p) => p.code === 0) };
}

/**
 * The suites need the test build (probes, test commands); afterwards dist/ is built again without them, so the tree
 * never holds test scaffolding where the product's bundles live.
 */
export function restoreProductBuild() {
  spawnSync(process.execPath, [join(ROOT, 'esbuild.mjs'), '--no-tests'], { cwd: ROOT, stdio: 'inherit' });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { passed, failed, ok } = await runAll();
  restoreProductBuild();
  const summary = `${passed} passed, ${failed} failed`;
  mkdirSync(join(ROOT, 'out'), { recursive: true });
  writeFileSync(join(ROOT, 'out', 'test-summary.txt'), summary + '\n');
  console.log(`\n${summary}`);
  process.exit(ok ? 0 : 1);
}
