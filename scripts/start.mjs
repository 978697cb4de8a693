// `npm start`: serves VS Code for the web with this extension and the sample documents opened, for a newcomer
// to try in any browser. Open the printed address; stop with Ctrl+C. `LOCALE=zh-cn npm start` (or zh-tw, ja, …)
// shows the workbench and the extension in that display language.
import { createReadStream, existsSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { ROOT, startServer, workbenchMessages } from './vscodeWeb.mjs';

const port = Number(process.env.PORT ?? 3000);
const locale = process.env.LOCALE;

if (!locale) {
  const { url } = await startServer({ port, folder: join(ROOT, 'samples') });
  announce(url);
} else {
  // The display language of VS Code for the web comes from the message file the page loads; a small proxy in
  // front of the server answers those two requests with the translated files (see scripts/vscodeWeb.mjs).
  const upstream = port + 1;
  await startServer({ port: upstream, folder: join(ROOT, 'samples') });
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
    .listen(port, 'localhost', () => announce(`http://localhost:${port}`));
}

function announce(url) {
  console.log(`\nPolicy Annotator is running in VS Code for the web${locale ? ` (${locale})` : ''}: ${url}`);
  console.log('Open it in Chromium or Chrome. The workspace is the samples/ folder (edits are written to it).');
  console.log('Stop with Ctrl+C.\n');
}
