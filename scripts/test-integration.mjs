// `npm run test:integration [-- web|node]`: the integration suites in real VS Code, headless, in both extension
// hosts by default (web worker: `browser` entry; Node: `main` entry), one after the other. Exits non-zero if any
// host failed. BENCH=1 runs the workbench benchmarks instead; LOCALE=zh-cn the localized screenshot scenario;
// SCREENSHOT_DIR saves the screenshots the suites ask for.
import { join } from 'node:path';
import { HOSTS, removeFolder, runInHost } from './integration.mjs';
import { prepareBenchWorkspace, prepareWorkspace, ROOT } from './vscodeWeb.mjs';

const bench = process.env.BENCH === '1';
const locale = process.env.LOCALE;
const requested = process.argv.slice(2).filter((a) => a in HOSTS);
const hosts = requested.length > 0 ? requested : ['web', 'node'];
const timeoutMs = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 20 * 60 * 1000);

let failed = false;
for (const host of hosts) {
  const folder = bench ? prepareBenchWorkspace() : prepareWorkspace();
  const testsPath = bench
    ? join(ROOT, 'out', 'bench', host === 'node' ? 'workbench.node.js' : 'workbench.js')
    : locale
      ? join(ROOT, 'out', 'test', 'localizedScreenshot.js')
      : HOSTS[host].testsPath;
  console.log(`\n=== Integration (${HOSTS[host].label}) ===`);
  try {
    const code = await runInHost(host, { testsPath, folder, timeoutMs, screenshotDir: process.env.SCREENSHOT_DIR, locale, unresponsiveFails: !bench });
    if (code !== 0) failed = true;
  } catch (error) {
    console.error(`The ${HOSTS[host].label} run could not start: ${error.message ?? error}`);
    failed = true;
  } finally {
    removeFolder(folder);
  }
}
process.exit(failed ? 1 : 0);
