// Runs the VS Code server (code-server from npm, see scripts/codeServer.mjs) on loopback: its Node extension host
// runs this extension's `main` entry, as desktop VS Code and every remote do; files are the real files on disk.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer } from './codeServer.mjs';

/** Resolves when `url` answers an HTTP request, or rejects after `timeoutMs` with what was waited for. */
export async function waitForHttp(url, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const req = http.get(url, (res) => {
        res.resume();
        resolve(res.statusCode !== undefined && res.statusCode < 500);
      });
      req.on('error', () => resolve(false));
      req.setTimeout(2000, () => {
        req.destroy();
        resolve(false);
      });
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what} did not answer on ${url} within ${Math.round(timeoutMs / 1000)} s.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Starts code-server for `folder` with the given user settings and returns its URL and a `stop()` that ends the
 * whole process group (it starts an extension host, a file watcher and an agent host).
 * `extensionsDir` lets `npm start` put this extension there (a link to the project folder).
 */
export async function startCodeServer({ port, folder, settings = {}, extensionsDir, stateDir, keepSettings = false, log = false }) {
  const { entry, node } = ensureCodeServer();
  const state = stateDir ?? mkdtempSync(join(tmpdir(), 'policy-annotator-code-server-'));
  const userData = join(state, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  // `keepSettings`: the user's own settings from an earlier start stay as they are.
  const settingsFile = join(userData, 'User', 'settings.json');
  if (!keepSettings || !existsSync(settingsFile)) writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  const config = join(state, 'config.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const extensions = extensionsDir ?? join(state, 'extensions');
  mkdirSync(extensions, { recursive: true });
  const args = [
    entry, '--config', config, '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver', folder,
  ];
  const child = spawn(node, args, {
    detached: true,
    stdio: ['ignore', log ? 'inherit' : 'pipe', log ? 'inherit' : 'pipe'],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(state, 'xdg-config'),
      XDG_DATA_HOME: join(state, 'xdg-data'),
      // Plain test output (mocha colours it when CI is set).
      FORCE_COLOR: '0',
      // No extension gallery: the server would otherwise query one on the internet.
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '', itemUrl: '', resourceUrlTemplate: '' }),
    },
  });
  let output = '';
  if (!log) {
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
  }
  let exited = false;
  const exitCode = new Promise((resolve) => child.on('exit', (code) => {
    exited = true;
    resolve(code);
  }));
  const stop = () => {
    if (!exited) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    if (!stateDir) rmSync(state, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForHttp(`${url}/healthz`, 60_000, 'code-server'),
      new Promise((_, reject) => child.on('exit', (code) => reject(new Error(`code-server exited (${code}) before it answered:\n${output.slice(-2000)}`)))),
    ]);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, stop, exited: exitCode, output: () => output };
}

/**
 * The page URL that makes the workbench load this extension from `extensionPath` and run the tests at
 * `testsPath` in the Node extension host: the same development payload @vscode/test-web uses, with
 * `vscode-remote://` URIs so the server (Node) side loads them.
 */
export function testPageUrl(url, { folder, extensionPath, testsPath }) {
  const authority = new URL(url).host;
  const remote = (path) => `vscode-remote://${authority}${path}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ...(testsPath ? [['extensionTestsPath', remote(testsPath)]] : []),
    ['disableExtensions', 'true'],
    ['skipWelcome', 'true'],
  ];
  return `${url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
