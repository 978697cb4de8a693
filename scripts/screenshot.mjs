// `npm run screenshot`: runs the integration suites in the real workbench and saves the PNGs they ask for
// (tree beside a document, status bar, …) into docs/screenshots/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './vscodeWeb.mjs';

const dir = process.env.SCREENSHOT_DIR ?? join(ROOT, 'docs', 'screenshots');
const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'test-integration.mjs'), 'web'], { stdio: 'inherit', env: { ...process.env, SCREENSHOT_DIR: dir } });
console.log(`Screenshots are in ${dir}`);
process.exit(result.status ?? 1);
