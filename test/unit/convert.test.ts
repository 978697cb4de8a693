import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { getConverter, getReferenceConverter } from '../../src/core/convert/converter';
import { detectScript } from '../../src/core/convert/detectScript';
import { planConversion } from '../../src/core/convert/planConversion';
import { openccConfigName, type ScriptVariant } from '../../src/core/convert/targets';
import { parseMarkup } from '../../src/core/markup/parse';
import { applyEdits, mapOffset } from '../../src/core/text/edits';
import { CORPUS, EXTRA, FIXTURES, fixture, sample } from './helpers';

interface KnownDifference {
  configs: string[];
  opencc: string;
  ours: string;
}
const known = (JSON.parse(fixture('opencc', 'known-differences.json')) as { differences: KnownDifference[] }).differences;

const CONFIGS: Record<string, [ScriptVariant, ScriptVariant]> = {
  s2t: ['cn', 't'], t2s: ['t', 'cn'], s2tw: ['cn', 'tw'], tw2s: ['tw', 'cn'], s2hk: ['cn', 'hk'], hk2s: ['hk', 'cn'],
};

describe('conversion: equals OpenCC on the samples', () => {
  for (const [config, [from, to]] of Object.entries(CONFIGS)) {
    it(`${config}: every sample equals the reference output of OpenCC's command-line tool`, async () => {
      const converter = await getConverter({ from, to });
      const files = readdirSync(join(FIXTURES, 'opencc', config));
      assert.equal(files.length, CORPUS.length + EXTRA.length);
      for (const name of files) {
        let reference = fixture('opencc', config, name);
        for (const d of known) if (d.configs.includes(config)) reference = reference.split(d.opencc).join(d.ours);
        const source = sample(name);
        const result = converter.convert(source);
        assert.equal(result.text, reference, `${config} ${name}`);
        assert.equal(applyEdits(source, result.edits), reference, `${config} ${name}: edits`);
      }
    });
  }

  it('equals opencc-js called directly, for every configuration and sample', async () => {
    for (const pair of [...Object.values(CONFIGS), ['cn', 'twp'], ['t', 'tw'], ['tw', 't'], ['t', 'hk'], ['hk', 't']] as [ScriptVariant, ScriptVariant][]) {
      const ours = await getConverter({ from: pair[0], to: pair[1] });
      const reference = await getReferenceConverter({ from: pair[0], to: pair[1] });
      for (const name of [...CORPUS, ...EXTRA]) assert.equal(ours.convert(sample(name)).text, reference(sample(name)), `${openccConfigName({ from: pair[0], to: pair[1] })} ${name}`);
    }
  });

  it('s2twp uses Taiwan phrases (hand-verified), with edits against the original offsets', async () => {
    const c = await getConverter({ from: 'cn', to: 'twp' });
    const source = '审议通过了鼠标和内存的软件，网络信息。';
    const r = c.convert(source);
    assert.equal(r.text, '審議通過了滑鼠和記憶體的軟體，網路資訊。');
    assert.deepEqual(r.edits.find((e) => e.newText === '記憶體'), { start: 8, end: 10, newText: '記憶體', phrase: true });
    assert.equal(applyEdits(source, r.edits), r.text);
  });

  it('builds each converter once', async () => {
    assert.equal(await getConverter({ from: 't', to: 'cn' }), await getConverter({ from: 't', to: 'cn' }));
  });

  it('rejects a pair OpenCC has no configuration for', async () => {
    await assert.rejects(getConverter({ from: 'tw', to: 'hk' }), /No OpenCC configuration/);
  });
});

describe('conversion: minimal edits', () => {
  it('only replaces changed runs', async () => {
    const c = await getConverter({ from: 't', to: 'cn' });
    const r = c.convert('abc會議def 中文 發展');
    assert.deepEqual(r.edits, [
      { start: 3, end: 5, newText: '会议' },
      { start: 12, end: 13, newText: '发' },
    ]);
  });

  it('never changes markup: tag names and attributes stay, text inside spans converts', async () => {
    const c = await getConverter({ from: 'cn', to: 't' });
    const doc = '[会议强调]{.会议 .发展 note="发展"}要发展。';
    const plan = planConversion(parseMarkup(doc), c);
    assert.equal(applyEdits(doc, plan.edits), '[會議強調]{.会议 .发展 note="发展"}要發展。');
  });

  it('converts only the given range', async () => {
    const c = await getConverter({ from: 't', to: 'cn' });
    const doc = '會議會議會議';
    assert.equal(applyEdits(doc, planConversion(parseMarkup(doc), c, { range: { start: 2, end: 4 } }).edits), '會議会议會議');
  });

  it('leaves protected terms untouched', async () => {
    // OpenCC reads 乾 in the given name 趙乾德 as 干 (dry); the user protects the name.
    const c = await getConverter({ from: 'hk', to: 'cn' });
    const doc = '趙乾德發言';
    assert.equal(applyEdits(doc, planConversion(parseMarkup(doc), c).edits), '赵干德发言');
    assert.equal(applyEdits(doc, planConversion(parseMarkup(doc), c, { protectedTerms: ['趙乾德'] }).edits), '趙乾德发言');
  });

  it('property: applying the edits yields the converted text; markup and non-Han text never change', async () => {
    const pairs: [ScriptVariant, ScriptVariant][] = [['cn', 'twp'], ['t', 'cn'], ['cn', 'hk']];
    const converters = await Promise.all(pairs.map(([from, to]) => getConverter({ from, to })));
    const piece = fc.constantFrom('鼠标', '内存', '软件', '會議', '发展', '𠮷', 'abc', '1,2', ' ', '\r\n', '[', ']{.会议}', '[会议]{.发展 note="软件"}', '干', '乾', '，', '后', '么');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), fc.nat(2), (parts, k) => {
        const doc = parts.join('');
        const converter = converters[k]!;
        const parsed = parseMarkup(doc);
        const whole = converter.convert(parsed.plain);
        assert.equal(applyEdits(parsed.plain, whole.edits), whole.text);
        const after = parseMarkup(applyEdits(doc, planConversion(parseMarkup(doc), converter).edits));
        assert.deepEqual(after.spans.map((s) => [s.tags, s.attributes]), parsed.spans.map((s) => [s.tags, s.attributes]));
        assert.equal(after.plain.replace(/\p{Script=Han}/gu, ''), parsed.plain.replace(/\p{Script=Han}/gu, ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('conversion: script detection', () => {
  it('sees 003 as traditional and 000 as simplified', () => {
    assert.equal(detectScript(sample('zigong-plenum-communique-2021_trad.txt')), 'traditional');
    assert.equal(detectScript(sample('zigong-science-committee-meeting_trad.txt')), 'traditional');
    assert.equal(detectScript(sample('wulong-district-plenum-2021.txt')), 'simplified');
    for (const name of EXTRA) assert.equal(detectScript(sample(name)), name.includes('_trad') ? 'traditional' : 'simplified', name);
  });

  it('reports mixed, neutral and non-Chinese texts', () => {
    assert.equal(detectScript('会议會議发展發展'), 'mixed');
    assert.equal(detectScript('中文'), 'neutral');
    assert.equal(detectScript('plain English'), 'none');
  });
});

describe('offsets after edits (where cursors go)', () => {
  const edits = [
    { start: 2, end: 4, newText: '会议' },
    { start: 6, end: 8, newText: '发展经济' },
  ];
  it('before, between and after edits, an offset moves by what the edits before it added', () => {
    assert.deepEqual([0, 2, 4, 5, 6, 8, 10].map((o) => mapOffset(o, edits)), [0, 2, 4, 5, 6, 10, 12]);
  });
  it('inside a replacement as long it keeps its place; inside one of another length it goes to an end', () => {
    assert.equal(mapOffset(3, edits), 3);
    assert.equal(mapOffset(7, edits, 'start'), 6);
    assert.equal(mapOffset(7, edits, 'end'), 10);
  });
});
