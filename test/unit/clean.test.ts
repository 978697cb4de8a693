import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { collapsePunctuationEdits, normalizePunctuationEdits, planCleanup, removePinyinEdits, CLEANUP_KINDS } from '../../src/core/clean/cleanup';
import { parseMarkup } from '../../src/core/markup/parse';
import { applyEdits, coalesceEdits } from '../../src/core/text/edits';
import { isPinyinSyllable } from '../../src/core/text/pinyin';
import { sample } from './helpers';

const run = (text: string, edits: (t: string) => { start: number; end: number; newText: string }[]): string => applyEdits(text, edits(text));

describe('clean-up: injected pinyin', () => {
  it('removes readings after Han characters', () => {
    assert.equal(run('會(huì)議指(zhǐ)出,發(fā)展', removePinyinEdits), '會議指出,發展');
    assert.equal(run('创(chuàng)新（xīn）', removePinyinEdits), '创新');
  });

  it('keeps real parentheses: (市、区), (B區), dates, abbreviations, pinyin-like words after Latin text', () => {
    const text = '各县(市、区)要 基地(B區) (2021年7月15日) 总值(GDP) abc(de) 单位(院所)';
    assert.equal(run(text, removePinyinEdits), text);
  });

  it('removes every injected reading from 001 and 003 and keeps their real parentheses', () => {
    const expected: Record<string, string[]> = {
      'zigong-science-committee-meeting_trad.txt': ['(B區)'],
      'zigong-plenum-communique-2021_trad.txt': ['(2021年7月15日中國共產黨自貢市第十二屆委員會第十二次全體會議通過)', '(院所)'],
    };
    for (const [name, parentheses] of Object.entries(expected)) {
      const cleaned = run(sample(name), removePinyinEdits);
      assert.deepEqual(cleaned.match(/\([^)]*\)/g), parentheses, name);
      assert.doesNotMatch(cleaned, /[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/u, name);
    }
  });

  it('recognises pinyin syllables and rejects other words', () => {
    for (const s of ['huì', 'zhǎn', 'chuàng', 'lǜ', 'lv', 'er', 'shuāng', 'ng', 'hng', 'ê']) assert.ok(isPinyinSyllable(s), s);
    for (const s of ['app', 'gdp', 'abc', 'xyz', 'hello', 'zhuangg', '', 'Hui', 'hu ì']) assert.ok(!isPinyinSyllable(s), s);
  });

  it('tells syllables by their table as the grammar reads them (initial, final; tone marks and ü as v)', () => {
    // The grammar as a regular expression, on the letters without tone marks: what the table is built from.
    const grammar = /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|ue|ui|un|uo|ve|vn|a|e|i|o|u|v)$|^(?:ng|n|m|hm|hng)$/;
    const toneless = (w: string): string => w.normalize('NFD').replace(/u\u0308/g, 'v').replace(/[\u0300-\u036f]/g, '');
    const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzāáǎàēéěèêīíǐìōóǒòūúǔùǖǘǚǜüńňǹ');
    // Words made of syllable parts, so that many are syllables (random letters almost never are).
    const part = fc.constantFrom('zh', 'ch', 'sh', 'b', 'x', 'y', 'w', 'n', 'h', 'iang', 'uang', 'ang', 'ian', 'ue', 'ui', 'un', 've', 'er', 'ng', 'a', 'e', 'i', 'o', 'u', 'v', 'ü', 'à', 'ǚ', 'ń');
    const word = fc.oneof(fc.array(letter, { minLength: 1, maxLength: 8 }).map((l) => l.join('')), fc.array(part, { minLength: 1, maxLength: 3 }).map((p) => p.join('')));
    fc.assert(fc.property(word, (w) => isPinyinSyllable(w) === grammar.test(toneless(w))), { numRuns: 20_000 });
  });
});

describe('clean-up: doubled punctuation', () => {
  it('collapses ,, to , and ,。 to 。 and ,、 to 、', () => {
    assert.equal(run('召開,,市委書記,、委員會主任,。他', collapsePunctuationEdits), '召開,市委書記、委員會主任。他');
    assert.equal(run('5、,我们', collapsePunctuationEdits), '5、我们');
  });

  it('leaves single marks, ellipses and dashes alone', () => {
    const text = '甲，乙。丙……丁——戊!!';
    assert.equal(run(text, collapsePunctuationEdits), text);
  });
});

describe('clean-up: punctuation width', () => {
  it('makes half-width marks full-width in Chinese prose', () => {
    assert.equal(run('全会提出,要甲:乙;丙?丁!', normalizePunctuationEdits), '全会提出，要甲：乙；丙？丁！');
    assert.equal(run('各县(市、区)要', normalizePunctuationEdits), '各县（市、区）要');
  });

  it('keeps numbers, times, Latin text and pinyin as they are', () => {
    const text = '共1,000人 10:30 Hello, world. 會(huì)议';
    assert.equal(run(text, normalizePunctuationEdits), text);
  });
});

describe('clean-up: documents with markup', () => {
  it('never touches markup, even when attribute values contain the marks', () => {
    const doc = '[會(huì)議,,指出]{.主体 note="a,,b (c)"},,好';
    const after = CLEANUP_KINDS.reduce((t, k) => applyEdits(t, planCleanup(parseMarkup(t), k).edits), doc);
    assert.equal(after, '[會議，指出]{.主体 note="a,,b (c)"}，好');
  });

  it('property: clean-up keeps markup and only changes punctuation and readings', () => {
    const piece = fc.constantFrom('會', '(huì)', '議', ',', ',,', '。', '、', '(市、区)', 'a', '1', ' ', '\n', '[', ']{.主体 note="x,,y"}', '𠮷', ':', '?');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.constantFrom(...CLEANUP_KINDS), (parts, kind) => {
        const doc = parts.join('');
        const before = parseMarkup(doc);
        const after = parseMarkup(applyEdits(doc, planCleanup(parseMarkup(doc), kind).edits));
        assert.deepEqual(after.spans.map((s) => [s.tags, s.attributes]), before.spans.map((s) => [s.tags, s.attributes]));
        const han = (t: string): string => t.replace(/[^\p{Script=Han}]/gu, '');
        assert.equal(han(after.plain), han(before.plain));
      }),
      { numRuns: 400 },
    );
  });
});

describe('edits: coalescing for large conversions', () => {
  it('joins runs separated by a few unchanged characters on a line, with the same result', () => {
    const text = '會議指出，要堅持以戰略引領總體布局。\n會議強調';
    const edits = [
      { start: 0, end: 2, newText: '会议' },
      { start: 7, end: 8, newText: '坚' },
      { start: 10, end: 11, newText: '战' },
      { start: 19, end: 21, newText: '会议' },
      { start: 21, end: 23, newText: '强调' },
    ];
    const joined = coalesceEdits(text, edits, 4);
    assert.equal(applyEdits(text, joined), applyEdits(text, edits));
    assert.deepEqual(joined.map((e) => [e.start, e.end]), [[0, 2], [7, 11], [19, 23]]);
  });

  it('property: any coalescing applies to the same text and never spans a line break', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.array(fc.tuple(fc.nat(60), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 12 }), fc.nat(8), (text, raw, gap) => {
        const edits: { start: number; end: number; newText: string }[] = [];
        let last = 0;
        for (const [a, len, t] of raw.sort((x, y) => x[0] - y[0])) {
          const start = Math.max(a % (text.length + 1), last);
          const end = Math.min(start + len, text.length);
          if (start > text.length) break;
          edits.push({ start, end, newText: t });
          last = end + 1;
        }
        const joined = coalesceEdits(text, edits, gap);
        assert.equal(applyEdits(text, joined), applyEdits(text, edits));
        for (const e of joined) {
          const parts = edits.filter((x) => x.start >= e.start && x.end <= e.end);
          for (let i = 1; i < parts.length; i++) assert.doesNotMatch(text.slice(parts[i - 1]!.end, parts[i]!.start), /[\r\n]/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('clean-ups touch only what they claim', () => {
  const removed = (text: string): string => applyEdits(text, removePinyinEdits(text));

  it('removePinyin keeps real parentheses whose content is spelled like one syllable', () => {
    for (const text of ['长度(m)为10。', '条件(a)和条件(b)如下(i)', '常数(e)', '方案(an)，第二(er)，其一(yi)']) assert.equal(removed(text), text, text);
  });

  it('removePinyin removes toned readings, runs of toneless ones, and repeated readings', () => {
    assert.equal(removed('會(huì)議召開(kāi)'), '會議召開');
    assert.equal(removed('什(shen)么(me)是'), '什么是');
    assert.equal(removed('他指出(chu)(chu)，要'), '他指出，要');
    assert.equal(removed('發(fā)(fā)展'), '發展');
  });

  it('collapsePunctuation leaves 1,,2, a;;b and for(;;) alone, and collapses doubled marks in Chinese', () => {
    for (const text of ['1,,2', 'a;;b', 'for(;;)', 'x:;y']) assert.deepEqual(collapsePunctuationEdits(text), [], text);
    assert.equal(applyEdits('会议,,要。', collapsePunctuationEdits('会议,,要。')), '会议,要。');
    assert.equal(applyEdits('5、,我们', collapsePunctuationEdits('5、,我们')), '5、我们');
  });

  it('normalizePunctuation never pairs parentheses across a line break, LF or a lone CR', () => {
    for (const text of ['(市\r区)', '(市\n区)', '(市\r\n区)']) assert.deepEqual(normalizePunctuationEdits(text).filter((e) => e.newText === '（'), [], JSON.stringify(text));
    assert.equal(applyEdits('各县(市、区)要', normalizePunctuationEdits('各县(市、区)要')), '各县（市、区）要');
  });
});
