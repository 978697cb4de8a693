import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMarkup, spanAt } from '../../src/core/markup/parse';
import { serializeMarkup, type MarkupModel, type PlainSpan } from '../../src/core/markup/serialize';
import { setSpanNote, unwrapSpan, wrapInSpan } from '../../src/core/markup/spanEdits';
import { applyEdits } from '../../src/core/text/edits';
import { CORPUS, sample } from './helpers';

describe('markup: parsing spans', () => {
  it('reads tags and notes of a span and removes the markup from the plain text', () => {
    const doc = '全会提出,[要着力创建全市创新型区县]{.目标 .科技创新}，加快打造';
    const p = parseMarkup(doc);
    assert.equal(p.plain, '全会提出,要着力创建全市创新型区县，加快打造');
    assert.equal(p.spans.length, 1);
    const s = p.spans[0]!;
    assert.deepEqual(s.tags, ['目标', '科技创新']);
    assert.equal(doc.slice(s.contentStart, s.contentEnd), '要着力创建全市创新型区县');
    assert.equal(p.plain.slice(s.plainStart, s.plainEnd), '要着力创建全市创新型区县');
    assert.equal(doc.slice(s.start, s.end), '[要着力创建全市创新型区县]{.目标 .科技创新}');
  });

  it('reads key="value" attributes, with escaped quotes, and exposes the note', () => {
    const p = parseMarkup('[要加快壮大科技力量]{.任务 note="重点 \\"一\\"" id=x1}');
    assert.equal(p.spans[0]!.note, '重点 "一"');
    assert.deepEqual(p.spans[0]!.attributes, { note: '重点 "一"', id: 'x1' });
  });

  it('reads each block as written where blocks repeat or nearly repeat one another (repeated blocks are shared)', () => {
    const p = parseMarkup('[甲]{.任务}[乙]{.任务}[丙]{.任务x}[丁]{.任务 note="一"}[戊]{.任务 note="一"}[己]{.任务 note="二"}[庚]{.任务');
    assert.deepEqual(p.spans.map((s) => [p.plain.slice(s.plainStart, s.plainEnd), s.tags, s.note]), [
      ['甲', ['任务'], undefined],
      ['乙', ['任务'], undefined],
      ['丙', ['任务x'], undefined],
      ['丁', ['任务'], '一'],
      ['戊', ['任务'], '一'],
      ['己', ['任务'], '二'],
    ]);
    assert.deepEqual(p.problems.map((x) => x.code), ['unclosed-attributes']);
  });

  it('nests spans and reports their depth', () => {
    const p = parseMarkup('[外层 [内层]{.b} 文本]{.a}');
    assert.equal(p.plain, '外层 内层 文本');
    assert.deepEqual(p.spans.map((s) => [s.tags[0], s.depth, p.plain.slice(s.plainStart, s.plainEnd)]), [
      ['a', 0, '外层 内层 文本'],
      ['b', 1, '内层'],
    ]);
  });

  it('keeps an unclosed [ and a [..] pair without attributes as plain text', () => {
    const doc = '[打印] [关闭] 正文[未闭合 [要强化]{.任务}';
    const p = parseMarkup(doc);
    assert.equal(p.plain, '[打印] [关闭] 正文[未闭合 要强化');
    assert.equal(p.problems.length, 0);
    assert.equal(p.spans.length, 1);
    // Brackets without any `]{` or backslash: the text is its own plain text, offsets unchanged.
    const scraped = parseMarkup('[打印] [关闭] 正文[未闭合 ]{ 后');
    const bare = parseMarkup('[打印] [关闭] 正文[未闭合 ] 后');
    assert.deepEqual([bare.plain, bare.spans.length, bare.problems.length, bare.map.isIdentity], ['[打印] [关闭] 正文[未闭合 ] 后', 0, 0, true]);
    assert.deepEqual(scraped.problems.map((x) => x.code), ['unclosed-attributes']);
  });

  it('treats backslash escapes as literal characters', () => {
    const p = parseMarkup('a\\[b\\]{.c}\\\\d \\x');
    assert.equal(p.plain, 'a[b]{.c}\\d \\x');
    assert.equal(p.spans.length, 0);
  });

  it('reports a malformed attribute block with its position and drops nothing', () => {
    const doc = '第一段[文本]{.好 坏}后文\n[二]{.}\n[三]{.ok';
    const p = parseMarkup(doc);
    assert.equal(p.plain, doc, 'all text stays');
    assert.deepEqual(
      p.problems.map((x) => [x.code, x.detail, doc.slice(x.start, x.end)]),
      [
        ['expected-equals', '坏', ']{.好 坏}'],
        ['expected-tag-name', undefined, ']{.}'],
        ['unclosed-attributes', undefined, ']{.ok'],
      ],
    );
  });

  it('reports a span without tags and a closing block without opener', () => {
    const p = parseMarkup('[x]{note="a"} y]{.t}');
    assert.deepEqual(p.problems.map((x) => x.code), ['missing-tag', 'unmatched-close']);
  });

  it('maps offsets exactly for CRLF text and characters outside the BMP', () => {
    const doc = '𠮷野家\r\n[𠮷田]{.人名}说\r\n要[做]{.a}好';
    const p = parseMarkup(doc);
    assert.equal(p.plain, '𠮷野家\r\n𠮷田说\r\n要做好');
    const s = p.spans[0]!;
    assert.equal(p.plain.slice(s.plainStart, s.plainEnd), '𠮷田');
    for (let i = 0; i <= p.plain.length; i++) {
      const d = p.map.toDoc(i);
      assert.equal(p.map.toPlain(d), i);
    }
    assert.equal(doc[p.map.toDoc(p.plain.indexOf('做'))], '做');
  });

  it('finds the innermost span at an offset', () => {
    const doc = '[外 [内]{.b}]{.a}';
    const p = parseMarkup(doc);
    assert.deepEqual(spanAt(p, doc.indexOf('内'))!.tags, ['b']);
    assert.deepEqual(spanAt(p, 1)!.tags, ['a']);
    assert.equal(spanAt(parseMarkup('无标注'), 1), undefined);
  });

  it('parses every corpus document without problems and leaves it unchanged', () => {
    for (const name of CORPUS) {
      const text = sample(name);
      const p = parseMarkup(text);
      assert.equal(p.plain, text, name);
      assert.equal(p.problems.length, 0, name);
    }
  });
});

describe('markup: editing spans', () => {
  const doc = '区委、区政府要发挥推动科技创新的主体责任';

  it('wraps exactly the selected range', () => {
    const p = parseMarkup(doc);
    const r = wrapInSpan(p, 0, 6, ['主体']);
    assert.ok(r.ok);
    assert.equal(applyEdits(doc, r.edits), '[区委、区政府]{.主体}要发挥推动科技创新的主体责任');
  });

  it('keeps surrounding whitespace outside the span', () => {
    const r = wrapInSpan(parseMarkup(' 要做 '), 0, 4, ['任务']);
    assert.ok(r.ok);
    assert.equal(applyEdits(' 要做 ', r.edits), ' [要做]{.任务} ');
  });

  it('refuses a selection that crosses a span border, an empty one and a bad tag name', () => {
    const marked = '[区委]{.主体}、区政府要发挥';
    const p = parseMarkup(marked);
    const crossing = wrapInSpan(p, 2, marked.indexOf('区政府') + 3, ['x']);
    assert.equal(crossing.ok, false);
    assert.equal(!crossing.ok && crossing.reason, 'crosses-span');
    assert.equal(wrapInSpan(p, 3, 3, ['x']).ok, false);
    const bad = wrapInSpan(p, 12, 14, ['a b']);
    assert.equal(!bad.ok && bad.reason, 'invalid-tag');
  });

  it('wraps around a whole span and inside one', () => {
    const marked = '前[区委]{.主体}后';
    const p = parseMarkup(marked);
    const around = wrapInSpan(p, 0, marked.length, ['外']);
    assert.ok(around.ok);
    assert.equal(applyEdits(marked, around.edits), '[前[区委]{.主体}后]{.外}');
    const inside = wrapInSpan(p, 2, 3, ['内']);
    assert.ok(inside.ok);
    assert.equal(applyEdits(marked, inside.edits), '前[[区]{.内}委]{.主体}后');
  });

  it('escapes literal brackets inside the new span, so an unmatched one cannot pair with its markup', () => {
    const text = '正文[未闭合 文字 [打印]';
    const r = wrapInSpan(parseMarkup(text), 2, text.length, ['x']);
    assert.ok(r.ok);
    const after = applyEdits(text, r.edits);
    assert.equal(after, '正文[\\[未闭合 文字 \\[打印\\]]{.x}');
    assert.equal(parseMarkup(after).plain, text);
  });

  it('escapes the literal brackets of the lines it tags only, not of the whole file (scraped text has no blank lines)', () => {
    const line = '[打印] 正文 [关闭]';
    const text = Array.from({ length: 5 }, () => line).join('\n');
    const start = text.indexOf('正文', line.length * 2);
    const r = wrapInSpan(parseMarkup(text), start, start + 2, ['x']);
    assert.ok(r.ok);
    const after = applyEdits(text, r.edits).split('\n');
    assert.equal(after[2], '\\[打印\\] [正文]{.x} \\[关闭\\]');
    assert.deepEqual([after[0], after[1], after[3], after[4]], [line, line, line, line], 'other lines are left as they are');
  });

  it('a second tag on exactly the same text joins the classes instead of nesting a span', () => {
    const text = '[区委]{.主体 note="n"}要发挥作用';
    const inner = wrapInSpan(parseMarkup(text), 1, 3, ['领导机构']);
    assert.ok(inner.ok);
    assert.equal(applyEdits(text, inner.edits), '[区委]{.主体 .领导机构 note="n"}要发挥作用');
    const whole = wrapInSpan(parseMarkup(text), 0, text.indexOf('要'), ['主体']);
    assert.ok(whole.ok);
    assert.deepEqual(whole.edits, [], 'a tag it already has changes nothing');
  });

  it('refuses a selection across a blank line (Pandoc ends a span there) and tag names Pandoc reads as text', () => {
    const text = '甲乙\n\n丙丁';
    const r = wrapInSpan(parseMarkup(text), 0, text.length, ['x']);
    assert.equal(!r.ok && r.reason, 'crosses-paragraph');
    for (const bad of ['1号', '目标（一）', '😀', '-a']) {
      const t = wrapInSpan(parseMarkup('甲乙'), 0, 2, [bad]);
      assert.equal(!t.ok && t.reason, 'invalid-tag', bad);
    }
    assert.ok(wrapInSpan(parseMarkup('甲乙'), 0, 2, ['主体-中央']).ok);
    assert.ok(wrapInSpan(parseMarkup('甲乙'), 0, 2, ['a_b:c']).ok);
  });

  it('unwraps a span keeping its text, and edits its note', () => {
    const marked = '[要加快壮大科技力量]{.任务 note="重点"}。';
    const p = parseMarkup(marked);
    assert.equal(applyEdits(marked, unwrapSpan(p.spans[0]!)), '要加快壮大科技力量。');
    const noted = setSpanNote(p.spans[0]!, '次要');
    assert.ok(noted.ok);
    assert.equal(applyEdits(marked, noted.edits), '[要加快壮大科技力量]{.任务 note="次要"}。');
    const cleared = setSpanNote(p.spans[0]!, '');
    assert.ok(cleared.ok);
    assert.equal(applyEdits(marked, cleared.edits), '[要加快壮大科技力量]{.任务}。');
  });
});

/** Plain text with the characters that matter to the syntax, Chinese, CRLF and astral characters. */
const plainChar = fc.constantFrom('要', '全', '会', '𠮷', '[', ']', '{', '}', '\\', '.', '"', '=', ' ', '\n', '\r', 'a', '，');
const tagName = fc.constantFrom('目标', '任务', '主体', 'a', 'x-1');

/** A model: plain text plus properly nested, non-empty spans. */
const modelArb: fc.Arbitrary<MarkupModel> = fc
  .tuple(fc.array(plainChar, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat(), tagName, fc.option(fc.string({ maxLength: 4 }))), { maxLength: 6 }))
  .map(([chars, raw]) => {
    const plain = chars.join('');
    const spans: PlainSpan[] = [];
    for (const [a, b, tag, note] of raw) {
      const s = a % (plain.length + 1);
      const e = b % (plain.length + 1);
      const [start, end] = s <= e ? [s, e] : [e, s];
      if (start === end) continue;
      if (isSurrogateSplit(plain, start) || isSurrogateSplit(plain, end)) continue;
      const nests = spans.every((x) => end <= x.plainStart || x.plainEnd <= start || (x.plainStart <= start && end <= x.plainEnd) || (start <= x.plainStart && x.plainEnd <= end));
      const duplicate = spans.some((x) => x.plainStart === start && x.plainEnd === end);
      if (nests && !duplicate) spans.push({ plainStart: start, plainEnd: end, tags: [tag], ...(note !== null ? { attributes: { note } } : {}) });
    }
    return { plain, spans };
  });

function isSurrogateSplit(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

describe('markup: properties', () => {
  it('finds the kept runs touching a range by search as a walk over every run does', () => {
    const token = fc.constantFrom('[', ']{.a}', ']{.b note="x"}', '\\[', '要', 'ab', '\n');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.nat(), fc.nat(), (tokens, x, y) => {
        const text = tokens.join('');
        const { map } = parseMarkup(text);
        const from = x % (text.length + 1);
        const to = from + (y % (text.length + 1 - from));
        const walked = map.runs().map((r) => ({ start: r.docStart, end: r.docStart + r.length })).filter((r) => r.end >= from && r.start <= to);
        assert.deepEqual(map.docRunsTouching(from, to), walked);
      }),
      { numRuns: 2000 },
    );
  });

  it('parse(serialize(model)) gives back the model', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const doc = serializeMarkup(model);
        const p = parseMarkup(doc);
        assert.equal(p.plain, model.plain);
        assert.equal(p.problems.length, 0);
        const key = (s: { plainStart: number; plainEnd: number; tags: readonly string[]; note?: string }): string =>
          `${s.plainStart}-${s.plainEnd}-${s.tags.join('.')}-${s.note ?? ''}`;
        assert.deepEqual(p.spans.map((s) => key(s)).sort(), model.spans.map((s) => key({ ...s, ...(s.attributes?.['note'] !== undefined ? { note: s.attributes['note'] } : {}) })).sort());
      }),
      { numRuns: 400 },
    );
  });

  it('serialize(parse(doc)) = doc for every serialized document (parse∘serialize is the identity)', () => {
    fc.assert(
      fc.property(modelArb, (model) => {
        const doc = serializeMarkup(model);
        const p = parseMarkup(doc);
        const again = serializeMarkup({ plain: p.plain, spans: p.spans.map((s) => ({ plainStart: s.plainStart, plainEnd: s.plainEnd, tags: s.tags, attributes: s.attributes })) });
        assert.equal(again, doc);
      }),
      { numRuns: 400 },
    );
  });

  it('document ↔ plain offset maps are inverse on the plain text, for any input', () => {
    fc.assert(
      fc.property(fc.array(plainChar, { maxLength: 60 }), (chars) => {
        const doc = chars.join('');
        const p = parseMarkup(doc);
        for (let i = 0; i <= p.plain.length; i++) {
          assert.equal(p.map.toPlain(p.map.toDoc(i, 'after')), i);
          assert.equal(p.map.toPlain(p.map.toDoc(i, 'before')), i);
          if (i < p.plain.length) assert.equal(doc[p.map.toDoc(i)], p.plain[i]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a text without markup serializes to itself', () => {
    for (const name of CORPUS) {
      const text = sample(name);
      assert.equal(serializeMarkup({ plain: parseMarkup(text).plain, spans: [] }), text);
    }
  });
});
