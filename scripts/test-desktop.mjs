// `npm run test:desktop`: the same integration suites in VS Code desktop, through @vscode/test-electron. It
// downloads VS Code, so it needs a machine that can reach the VS Code download servers (CI here runs the web suite).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { prepareWorkspace, ROOT } from './vscodeWeb.mjs';

const require = createRequire(import.meta.url);
const { runTests } = require('@vscode/test-electron');
const folder = prepareWorkspace();
try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'out', 'test', 'integration.node.js'),
    launchArgs: [folder, '--disable-extensions'],
  });
} catch (e) {
  console.error(`Desktop integration tests failed: ${e.message ?? e}`);
  process.exit(1);
}
