import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, type IGrammar, type IRawGrammar } from 'vscode-textmate';
import { ROOT, sample } from './helpers';

const GRAMMAR = join(ROOT, 'syntaxes', 'policy-annotator.injection.tmLanguage.json');

/** A stand-in for VS Code's plain-text grammar; ours is injected into it, as in the editor. */
const PLAIN_TEXT: IRawGrammar = JSON.parse(JSON.stringify({ scopeName: 'text.plain', patterns: [] })) as IRawGrammar;

let grammar: IGrammar;

before(async () => {
  const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      if (scope === 'text.plain') return PLAIN_TEXT;
      if (scope === 'policy-annotator.injection') return JSON.parse(readFileSync(GRAMMAR, 'utf8')) as IRawGrammar;
      return null;
    },
    getInjections: (scope) => (scope === 'text.plain' ? ['policy-annotator.injection'] : undefined),
  });
  grammar = (await registry.loadGrammar('text.plain'))!;
});

/** The tokens of one line as [text, our scope] pairs (our scopes only, the policy-annotator suffix dropped). */
function tokens(line: string): [string, string][] {
  const result = grammar.tokenizeLine(line, INITIAL);
  return result.tokens
    .map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.filter((s) => s.endsWith('.policy-annotator')).map((s) => s.replace(/\.policy-annotator$/, '')).join(' ')] as [string, string])
    .filter(([, scope]) => scope !== '');
}

describe('TextMate grammar (injected into plain text)', () => {
  it('styles span markup: brackets, tag names, attributes, escapes', () => {
    assert.deepEqual(tokens('全会提出,[要着力创建]{.目标 .科技创新 note="重点"}，\\[不是\\]'), [
      ['[', 'punctuation.definition.annotation.begin'],
      [']', 'punctuation.definition.annotation.end'],
      ['{', 'punctuation.definition.attributes.begin'],
      ['.', 'punctuation.definition.tag'],
      ['目标', 'entity.name.tag'],
      ['.', 'punctuation.definition.tag'],
      ['科技创新', 'entity.name.tag'],
      ['note', 'entity.other.attribute-name'],
      ['=', 'punctuation.separator.key-value'],
      ['"重点"', 'string.quoted.double'],
      ['}', 'punctuation.definition.attributes.end'],
      ['\\[', 'constant.character.escape'],
      ['\\]', 'constant.character.escape'],
    ]);
  });

  it('leaves a scraped [打印] alone', () => {
    assert.deepEqual(tokens('[打印] [关闭]'), []);
  });

  it('leaves triggers and 要 to the document index (drawn from the same rules as the tree), on corpus lines', () => {
    for (const line of ['全区上下要坚定信心,不要松懈,重要的是主要任务和要求', sample('wulong-district-plenum-2021.txt').split('\n').find((l) => l.startsWith('全会提出,'))!]) {
      assert.deepEqual(tokens(line), []);
    }
  });

  it('marks 《…》 titles', () => {
    assert.deepEqual(tokens('审议通过《中共重庆市武隆区委关于深入推动科技创新的决定》和全会决议'), [['《中共重庆市武隆区委关于深入推动科技创新的决定》', 'string.other.title']]);
  });
});
