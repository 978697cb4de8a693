import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { ROOT } from './helpers';

/** Lints a snippet as if it were the file at `path` (relative to the project), with the project's config. */
async function lintAs(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}/${path}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture boundaries are enforced by lint', function () {
  // Loading typescript-eslint takes a few seconds on a busy machine.
  this.timeout(60_000);

  it('a feature importing another feature fails', async () => {
    const messages = await lintAs('src/features/statusBar/probe.ts', "import { registerConversion } from '../conversion/index';\nexport const x = registerConversion;\n");
    assert.equal(messages.length, 1, 'one boundary error');
    assert.match(messages[0]!, /feature never imports another feature/);
  });

  it('a feature importing its own files, the core, services and util passes', async () => {
    const code = "import { a } from './local';\nimport { b } from '../../core/text/chars';\nimport { c } from '../../services/documentIndex';\nimport { d } from '../../util/dispose';\nexport const x = [a, b, c, d];\n";
    assert.deepEqual(await lintAs('src/features/statusBar/probe.ts', code), []);
  });

  it('the core importing vscode, Node built-ins or the webview protocol fails', async () => {
    assert.equal((await lintAs('src/core/probe.ts', "import * as vscode from 'vscode';\nexport const x = vscode;\n")).length, 1);
    assert.equal((await lintAs('src/core/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n")).length, 1);
    assert.equal((await lintAs('src/core/render/probe.ts', "import type { HostMessage } from '../../protocol';\nexport type X = HostMessage;\n")).length, 1);
  });

  it('util importing a service fails', async () => {
    assert.equal((await lintAs('src/util/probe.ts', "import { activeDocument } from '../services/editorRegistry';\nexport const x = activeDocument;\n")).length, 1);
  });
});
