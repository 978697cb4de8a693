// Test entry for VS Code for the web: VS Code calls `run()` inside the web extension host (a Worker).
import { testGrep } from './helpers';

/** The part of mocha's browser build (a global) that this entry uses. */
declare const mocha: {
  setup(options: { ui: string; reporter: string; timeout: number; color: boolean; grep?: RegExp }): void;
  run(done: (failures: number) => void): void;
};

export async function run(): Promise<void> {
  const grep = await testGrep();
  return new Promise((resolve, reject) => {
    // Loaded here, not at the top: mocha's UMD wrapper would otherwise replace this bundle's exports.
    require('mocha/mocha');
    mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false, ...(grep ? { grep } : {}) });
    require('./suites');
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration tests failed.`)) : resolve()));
    } catch (e) {
      reject(e as Error);
    }
  });
}
