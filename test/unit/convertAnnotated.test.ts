import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { getConverter, getReferenceConverter, type Converter } from '../../src/core/convert/converter';
import { planConversion } from '../../src/core/convert/planConversion';
import { defaultSource, SCRIPT_VARIANTS, type ScriptVariant } from '../../src/core/convert/targets';
import { parseMarkup } from '../../src/core/markup/parse';
import { serializeMarkup, type PlainSpan } from '../../src/core/markup/serialize';
import { applyEdits } from '../../src/core/text/edits';
import { CORPUS, EXTRA, sample } from './helpers';

/** Words whose conversion changes length or spans several characters under some configuration, and fillers. */
const WORDS = [
  '内存', '鼠标', 'U盘', '方便面', '创新', '生态', '不断', '优化', '软件', '信息', '网络', '发展', '打印机', '出租车',
  '自行车', '硬盘', '记忆体', '滑鼠', '記憶體', '隨身碟', '泡麵', '軟體', '資訊', '網路', '發展', '著作', '乾隆', '台湾', '臺灣',
  '会议', '會議', '要', '，', '。', 'ABC', ' ', '2023', '𠮷', '么', '后', '干', '里', '\n',
];

/** A marked-up document: random words, then properly nested spans over random ranges of the plain text. */
const annotatedDocument = fc
  .tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('a', '目标', 'x-1')), { maxLength: 5 }), fc.boolean())
  .map(([words, ranges, withNote]) => {
    const plain = words.join('');
    const spans: PlainSpan[] = [];
    for (const [p, q, tag] of ranges) {
      const start = p % (plain.length + 1);
      const end = start + (q % (plain.length - start + 1));
      if (end <= start || /\n\s*\n/.test(plain.slice(start, end))) continue;
      // Keep spans properly nested (or apart); also no two with the same range.
      const ok = spans.every((s) => end <= s.plainStart || s.plainEnd <= start || (s.plainStart <= start && end <= s.plainEnd && !(s.plainStart === start && s.plainEnd === end)) || (start <= s.plainStart && s.plainEnd <= end && !(s.plainStart === start && s.plainEnd === end)));
      if (ok) spans.push({ plainStart: start, plainEnd: end, tags: [tag], ...(withNote ? { attributes: { note: '內存 鼠标' } } : {}) });
    }
    return serializeMarkup({ plain, spans });
  });

const pairs = SCRIPT_VARIANTS.map((to): { from: ScriptVariant; to: ScriptVariant } => ({ from: defaultSource(to), to }));
const converters = new Map<string, { convert: Converter; reference: (s: string) => string }>();


/** Converts a marked-up document and checks it against opencc-js on its plain text; returns the plan. */
function checkConversion(doc: string, to: ScriptVariant): ReturnType<typeof planConversion> {
  const { convert, reference } = converters.get(to)!;
  const before = parseMarkup(doc);
  const plan = planConversion(before, convert);
  const after = parseMarkup(applyEdits(doc, plan.edits));
  assert.equal(after.plain, reference(before.plain), `plain text under ${to}: ${JSON.stringify(doc)}`);
  assert.equal(after.problems.length, before.problems.length, `no markup damaged under ${to}: ${JSON.stringify(doc)}`);
  assert.deepEqual(
    after.spans.map((s) => [s.tags, s.attributes]),
    before.spans.map((s) => [s.tags, s.attributes]),
    `every span and its attributes survive under ${to}: ${JSON.stringify(doc)}`,
  );
  return plan;
}

describe('conversion of annotated text equals opencc-js on the plain text', function () {
  this.timeout(120_000);

  // Inside the suite, not at the root: the startup test must see the dictionaries unloaded.
  before(async () => {
    for (const pair of pairs) converters.set(pair.to, { convert: await getConverter(pair), reference: await getReferenceConverter(pair) });
  });

  it('the cases of the issue: phrases next to and across annotation borders', () => {
    const p1 = checkConversion('[内存]{.a}鼠标', 'twp');
    assert.equal(applyEdits('[内存]{.a}鼠标', p1.edits), '[記憶體]{.a}滑鼠');
    assert.equal(p1.movedBorders, 0);
    const p2 = checkConversion('[U盘]{.a}方便面', 'twp');
    assert.equal(applyEdits('[U盘]{.a}方便面', p2.edits), '[隨身碟]{.a}泡麵');
    const p3 = checkConversion('创[新生态不断优]{.x}化', 'twp');
    assert.ok(applyEdits('创[新生态不断优]{.x}化', p3.edits).includes('不斷'));
  });

  it('a length-changing phrase across a border stays whole on the side where most of it lies, and the move is counted', () => {
    const doc = '[内]{.a}存储';
    const plan = checkConversion('打印[机内存]{.a}', 'twp');
    assert.ok(plan.movedBorders >= 0);
    const moved = checkConversion(doc, 'twp');
    assert.equal(moved.movedBorders, 1);
  });

  for (const pair of pairs) {
    it(`holds for ${pair.from}→${pair.to} on generated annotated text`, () => {
      fc.assert(fc.property(annotatedDocument, (doc) => void checkConversion(doc, pair.to)), { numRuns: 600 });
    });
  }

  it('holds on the sample documents with word-level spans, for every target', () => {
    for (const name of [...CORPUS, ...EXTRA]) {
      const plain = sample(name);
      // Word-level spans: every 7th two-character window of Han text.
      const spans: PlainSpan[] = [];
      for (let i = 0; i + 2 <= plain.length; i += 7) {
        if (/^\p{Script=Han}{2}$/u.test(plain.slice(i, i + 2))) spans.push({ plainStart: i, plainEnd: i + 2, tags: ['w'] });
      }
      const doc = serializeMarkup({ plain, spans });
      for (const pair of pairs) checkConversion(doc, pair.to);
    }
  });
});

describe('conversion leaves broken markup alone', function () {
  this.timeout(60_000);

  it('text that looks like an attribute block keeps its tag names until the user fixes the typo', async () => {
    const converter = await getConverter({ from: 't', to: 'cn' });
    const doc = '發展]{.標籤}，會議[要求]{.標籤 坏}';
    const after = applyEdits(doc, planConversion(parseMarkup(doc), converter).edits);
    assert.equal(after, '发展]{.標籤}，会议[要求]{.標籤 坏}');
  });
});
