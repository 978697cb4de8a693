// `npm run test:soak [-- N]`: the whole suite (unit, then both extension hosts) N times in a row (default 3) while
// two processes burn a CPU core each, as on a busy machine. Every run must pass; prints each run's figures.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { restoreProductBuild, runAll } from './test.mjs';
import { ROOT } from './vscodeWeb.mjs';

const runs = Number(process.argv[2] ?? process.env.SOAK_RUNS ?? 3);
const burners = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBurners = () => burners.forEach((b) => b.kill('SIGKILL'));
process.on('exit', stopBurners);
process.on('SIGINT', () => process.exit(130));

const results = [];
for (let i = 1; i <= runs; i++) {
  console.log(`\n##### Soak run ${i} of ${runs} (2 CPU burners running) #####`);
  const t0 = Date.now();
  const r = await runAll();
  results.push({ run: i, ...r, seconds: Math.round((Date.now() - t0) / 1000) });
}
stopBurners();
restoreProductBuild();
console.log('\nSoak summary (2 CPU burners on a 2-core machine):');
for (const r of results) console.log(`  run ${r.run}: ${r.passed} passed, ${r.failed} failed, ${r.seconds} s`);
const good = results.filter((r) => r.ok).length;
console.log(`  ${good}/${runs} runs passed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
mkdirSync(join(ROOT, 'out'), { recursive: true });
writeFileSync(join(ROOT, 'out', 'soak-summary.txt'), `${good}/${runs} runs passed\n${passed} passed, ${failed} failed\n`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(good === runs ? 0 : 1);
