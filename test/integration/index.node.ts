// Test entry for VS Code desktop (@vscode/test-electron): the same suites, run by mocha in Node.
import Mocha from 'mocha';
import { testGrep } from './helpers';

export async function run(): Promise<void> {
  // No colour codes in the log (supports-color turns them on when CI is set).
  Mocha.reporters.Base.useColors = false;
  const grep = await testGrep();
  const runner = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, ...(grep ? { grep } : {}) });
  runner.suite.emit('pre-require', globalThis, 'suites', runner);
  require('./suites');
  return new Promise((resolve, reject) => {
    runner.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration tests failed.`)) : resolve()));
  });
}
