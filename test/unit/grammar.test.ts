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
      ['全会', 'entity.name.section.subject'],
      ['提出', 'keyword.control.directive.trigger'],
      ['[', 'punctuation.definition.annotation.begin'],
      ['要', 'keyword.operator.modal'],
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

  it('marks section triggers at clause start in both scripts, on corpus lines', () => {
    const line000 = sample('000_0f3e60a61ac8d05b.txt').split('\n').find((l) => l.startsWith('全会提出,'))!;
    assert.deepEqual(tokens(line000).slice(0, 2), [['全会', 'entity.name.section.subject'], ['提出', 'keyword.control.directive.trigger']]);
    const line003 = sample('003_2a1246a44c216097.txt').split('\n').find((l) => l.startsWith('全會指出,'))!;
    assert.deepEqual(tokens(line003).slice(0, 2), [['全會', 'entity.name.section.subject'], ['指出', 'keyword.control.directive.trigger']]);
    const line002 = sample('002_d621621d87a04fd3.txt').split('\n').find((l) => l.includes('覃昌德强调,要牢牢'))!;
    assert.deepEqual(tokens(line002).slice(0, 3), [['覃昌德', 'entity.name.section.subject'], ['强调', 'keyword.control.directive.trigger'], ['要', 'keyword.operator.modal']]);
  });

  it('marks modal 要 and 不要 but not compounds', () => {
    assert.deepEqual(tokens('全区上下要坚定信心,不要松懈,重要的是主要任务和要求'), [
      ['要', 'keyword.operator.modal'],
      ['不', 'keyword.operator.modal.negation'],
      ['要', 'keyword.operator.modal'],
    ]);
  });

  it('marks 《…》 titles', () => {
    assert.deepEqual(tokens('审议通过《中共重庆市武隆区委关于深入推动科技创新的决定》和全会决议'), [['《中共重庆市武隆区委关于深入推动科技创新的决定》', 'string.other.title']]);
  });
});
