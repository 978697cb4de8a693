// `npm start`: serves VS Code for the web with this extension and the sample documents opened, for a newcomer
// to try in any browser. Open the printed address; stop with Ctrl+C.
import { join } from 'node:path';
import { ROOT, startServer } from './vscodeWeb.mjs';

const port = Number(process.env.PORT ?? 3000);
const { url } = await startServer({ port, folder: join(ROOT, 'samples') });
console.log(`\nPolicy Annotator is running in VS Code for the web: ${url}`);
console.log('Open it in Chromium or Chrome. The workspace is the samples/ folder (edits are written to it).');
console.log('Stop with Ctrl+C.\n');
