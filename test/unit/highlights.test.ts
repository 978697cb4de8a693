import * as assert from 'node:assert/strict';
import { directiveHighlights } from '../../src/core/directives/highlights';
import { inferDirectives } from '../../src/core/directives/infer';
import { DEFAULT_RULES, extendRules } from '../../src/core/directives/rules';
import { parseMarkup } from '../../src/core/markup/parse';
import { stripInjectedPinyin } from '../../src/core/text/pinyin';
import { CORPUS, EXTRA, sample } from './helpers';

/** Sentences of a document: [start, end) ranges ending after 。！？；, or at a line break. */
function sentences(text: string): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ('。！？；\n'.includes(text[i]!)) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) out.push([start, text.length]);
  return out;
}

describe('directive highlights in the text editor agree with the tree', () => {
  for (const name of [...CORPUS, ...EXTRA]) {
    it(`on every sentence of ${name}: one highlighted 要 per directive, one trigger per section`, () => {
      const parsed = parseMarkup(sample(name));
      const items = inferDirectives(parsed);
      const { triggers, modals, negations } = directiveHighlights(parsed, items);
      const text = parsed.text;
      for (const [s, e] of sentences(text)) {
        const inside = (at: number): boolean => at >= s && at < e;
        const directives = items.filter((i) => i.kind === 'directive' && inside(i.anchor));
        assert.deepEqual(modals.filter((m) => inside(m.start)).map((m) => m.start), directives.map((d) => d.anchor), text.slice(s, e));
        assert.equal(negations.filter((n) => inside(n.start)).length, directives.filter((d) => d.negative).length, text.slice(s, e));
        const sections = items.filter((i) => i.kind === 'section' && inside(i.anchor));
        const drawn = triggers.filter((t) => inside(t.start));
        assert.equal(drawn.length, sections.length, text.slice(s, e));
        drawn.forEach((t, k) => assert.equal(stripInjectedPinyin(text.slice(t.start, t.end)).text, sections[k]!.trigger, text.slice(s, e)));
      }
      for (const m of modals) assert.equal(text.slice(m.start, m.end), '要');
      for (const n of negations) assert.equal(text[n.start], '不');
    });
  }

  it('follows the user\'s extra triggers and exclusions, as the tree does', () => {
    const text = '常委会议研究,要抓好落实。要案必须严查。';
    const rules = extendRules(DEFAULT_RULES, { triggers: ['常委会议研究'], exclusions: ['要案'] });
    const parsed = parseMarkup(text);
    const { triggers, modals } = directiveHighlights(parsed, inferDirectives(parsed, rules));
    assert.deepEqual(triggers.map((t) => text.slice(t.start, t.end)), ['常委会议研究']);
    assert.deepEqual(modals.map((m) => m.start), [text.indexOf('要抓好')]);
  });

  it('marks 不 of 不要 across markup', () => {
    const text = '全区[不]{.x}要松懈。';
    const parsed = parseMarkup(text);
    const { negations } = directiveHighlights(parsed, inferDirectives(parsed));
    assert.deepEqual(negations.map((n) => n.start), [text.indexOf('不')]);
  });
});
