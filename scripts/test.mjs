// `npm test`: unit tests in Node, then the integration suites in a real VS Code (web, headless Chromium).
// Ends with one summary line, `N passed, N failed`, counting both.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './vscodeWeb.mjs';

/** Runs a command, echoing its output, and returns its exit code and the mocha counts it printed. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const forward = (stream, sink) => stream.on('data', (chunk) => {
      output += chunk;
      sink.write(chunk);
    });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => {
      const passing = [...output.matchAll(/^\s*(\d+) passing/gm)].reduce((n, m) => n + Number(m[1]), 0);
      const failing = [...output.matchAll(/^\s*(\d+) failing/gm)].reduce((n, m) => n + Number(m[1]), 0);
      resolve({ code: code ?? 1, passing, failing });
    });
  });
}

const mochaBin = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
console.log('\n=== Unit tests (Node) ===');
const unit = await run(process.execPath, [mochaBin, 'out/test/unit.js']);
console.log('\n=== Integration tests (VS Code for the web, headless Chromium) ===');
const integration = await run(process.execPath, [join(ROOT, 'scripts', 'test-web.mjs')]);

// A run that crashed before reporting counts as a failure even if mocha printed no "failing" line.
const crashed = (r) => (r.code !== 0 && r.failing === 0 ? 1 : 0);
const passed = unit.passing + integration.passing;
const failed = unit.failing + integration.failing + crashed(unit) + crashed(integration);
if (integration.passing === 0 && integration.code === 0) console.error('The integration run reported no tests.');
const summary = `${passed} passed, ${failed} failed`;
mkdirSync(join(ROOT, 'out'), { recursive: true });
writeFileSync(join(ROOT, 'out', 'test-summary.txt'), summary + '\n');
console.log(`\n${summary}`);
process.exit(unit.code !== 0 || integration.code !== 0 || failed > 0 || integration.passing === 0 ? 1 : 0);
