// `npm run test:integration`: runs the integration suites inside VS Code for the web, headless, and exits with
// the suites' result. Set SCREENSHOT_DIR to also save PNGs at the points the suites ask for.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, prepareBenchWorkspace, prepareWorkspace, ROOT, startServer, useDisplayLanguage } from './vscodeWeb.mjs';

const TIMEOUT_MS = Number(process.env.INTEGRATION_TIMEOUT_MS ?? 15 * 60 * 1000);
const screenshotDir = process.env.SCREENSHOT_DIR;

// BENCH=1 runs the workbench benchmarks (out/bench/workbench.js) on large generated documents instead.
// LOCALE=zh-cn runs the localized screenshot scenario (out/test/localizedScreenshot.js) in that display language.
const bench = process.env.BENCH === '1';
const locale = process.env.LOCALE;
const folder = bench ? prepareBenchWorkspace() : prepareWorkspace();
const testsPath = bench ? join(ROOT, 'out', 'bench', 'workbench.js') : locale ? join(ROOT, 'out', 'test', 'localizedScreenshot.js') : join(ROOT, 'out', 'test', 'integration.browser.js');
const { server, url } = await startServer({ port: Number(process.env.PORT ?? 3010), testsPath, folder });
const { context, close } = await launchBrowser();
const page = context.pages()[0] ?? (await context.newPage());

let finish;
const result = new Promise((resolve) => (finish = resolve));
const timer = setTimeout(() => {
  console.error(`Integration tests did not finish within ${TIMEOUT_MS / 1000} s.`);
  finish(1);
}, TIMEOUT_MS);

await page.exposeFunction('codeAutomationLog', async (type, args) => {
  // The workbench forwards console calls with their format string (mocha's reporter uses %s and %d).
  const text = format(...args);
  // A suite asks for a screenshot by logging this marker (only honoured when SCREENSHOT_DIR is set).
  const shot = /^SCREENSHOT:([\w.-]+)$/.exec(text.trim());
  if (shot) {
    if (screenshotDir) {
      mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: join(screenshotDir, `${shot[1]}.png`) });
      console.log(`  (screenshot ${shot[1]}.png)`);
    }
    return;
  }
  (type === 'error' ? console.error : console.log)(text);
});
await page.exposeFunction('codeAutomationExit', (code) => finish(code));
page.on('pageerror', (e) => console.error('[page error]', e.message));
if (locale) await useDisplayLanguage(page, locale);

await page.goto(url);
const code = await result;
clearTimeout(timer);
await close();
server.close();
rmSync(folder, { recursive: true, force: true });
process.exit(code);
