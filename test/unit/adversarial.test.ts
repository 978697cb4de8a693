import * as assert from 'node:assert/strict';
import { getConverter, getReferenceConverter } from '../../src/core/convert/converter';
import { inferDirectives } from '../../src/core/directives/infer';
import { summarizeDocument } from '../../src/core/corpus/summary';
import { fromBrat } from '../../src/core/export/brat';
import { parseMarkup } from '../../src/core/markup/parse';

// Hostile or merely unusual files must not hang or crash the extension host. (How the cost grows with size is
// measured by `npm run bench`, "adversarial" rows; these tests only check that each shape completes correctly.)
describe('adversarial inputs complete, with the right result', function () {
  this.timeout(60_000);

  it('a run of 10,000 ideographic description characters converts (no exponential search, no stack overflow)', async () => {
    const converter = await getConverter({ from: 't', to: 'cn' });
    // Characters after a run of ⿰ are its operands (one unit, not converted), as OpenCC reads them.
    const reference = await getReferenceConverter({ from: 't', to: 'cn' });
    const small = '會議' + '⿰'.repeat(12) + '發展會議，會議';
    assert.equal(converter.convert(small).text, reference(small));
    const text = '會議' + '⿰'.repeat(10_000) + '發展';
    const result = converter.convert(text).text;
    assert.ok(result.startsWith('会议' + '⿰'.repeat(10_000)));
    assert.equal(result.length, text.length);
  });

  for (const to of ['twp', 'hk'] as const) {
    it(`the same run converts to ${to}, whose dictionaries first cut the text into phrases (opencc-js's own cutting is exponential there)`, async () => {
      const converter = await getConverter({ from: 'cn', to });
      const reference = await getReferenceConverter({ from: 'cn', to });
      const small = '鼠标会议' + '⿰'.repeat(12) + '内存发展，会议';
      assert.equal(converter.convert(small).text, reference(small));
      const text = '内存' + '⿰'.repeat(10_000) + '发展';
      const result = converter.convert(text).text;
      assert.ok(result.endsWith('⿰'.repeat(10_000) + '发展'), result.slice(0, 20));
    });
  }

  it('one line with 100,000 sections and one with 100,000 directives infer without a stack overflow', () => {
    const sections = inferDirectives(parseMarkup('他指出，'.repeat(100_000)));
    assert.equal(sections.filter((i) => i.kind === 'section').length, 100_000);
    const directives = inferDirectives(parseMarkup('要做，'.repeat(100_000)));
    assert.equal(directives.length, 100_000);
  });

  it('a line of 200,000 quotations left open infers every clause from its quote (the closing quote is looked for in the clause only)', () => {
    // Each clause searched the rest of the line for a closing quote before 0.2.0: quadratic (480 KB took 17 s).
    const unit = '“各级要做，';
    const text = unit.repeat(200_000);
    const items = inferDirectives(parseMarkup(text));
    assert.equal(items.length, 200_000);
    for (const k of [0, 1, 199_999]) {
      const item = items[k]!;
      assert.deepEqual([item.start, item.anchor, item.label.slice(0, 4)], [k * unit.length + 1, k * unit.length + 3, '各级要做']);
    }
    const sections = inferDirectives(parseMarkup('「他指出，'.repeat(200_000)));
    assert.equal(sections.length, 200_000);
    assert.equal(sections[199_999]!.trigger, '他指出');
  });

  it('a line of 200,000 coded passages summarises for the corpus, each with its context (looked for near it only)', () => {
    // Each passage's context searched the line to its ends before 0.2.0: quadratic (160,000 on a line took 11 s).
    const summary = summarizeDocument(parseMarkup('[要做]{.a}，'.repeat(200_000)));
    assert.equal(summary.segments.length, 200_000);
    const last = summary.segments[199_999]!;
    assert.deepEqual([last.before, last.after], ['要做，'.repeat(20), '，']);
  });

  it('thousands of broken ]{ on a line are each reported, and the text kept', () => {
    const text = ']{'.repeat(20_000);
    const parsed = parseMarkup(text);
    assert.equal(parsed.plain, text);
    assert.equal(parsed.problems.length, 20_000);
  });

  it('brat import of 50,000 nested and overlapping annotations keeps the nesting ones and reports the rest', () => {
    const n = 50_000;
    const txt = '甲乙'.repeat(n);
    let ann = `T${n + 1}\tb 0 ${2 * n}\t${txt}\n`;
    for (let i = 0; i < n; i++) ann += `T${i + 1}\ta ${2 * i} ${2 * i + 2}\t甲乙\n`;
    ann += `T${n + 2}\tc 1 3\t乙甲\n`;
    const r = fromBrat(txt, ann);
    assert.equal(r.imported, n + 1);
    assert.deepEqual(r.problems.map((p) => p.code), ['overlap']);
  });
});
