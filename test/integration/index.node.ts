// Test entry for VS Code desktop (@vscode/test-electron): the same suites, run by mocha in Node.
import Mocha from 'mocha';

export function run(): Promise<void> {
  const runner = new Mocha({ ui: 'bdd', timeout: 120_000, color: false });
  runner.suite.emit('pre-require', globalThis, 'suites', runner);
  require('./suites');
  return new Promise((resolve, reject) => {
    runner.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration tests failed.`)) : resolve()));
  });
}
