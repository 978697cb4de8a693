import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseMarkup } from '../../src/core/markup/parse';
import { DirectiveStream, inferDirectives, inferDirectivesInSlices, inferEveryRuleOnLine, makeLabel, MAX_LABEL_LENGTH, updateDirectives, type DirectiveItem } from '../../src/core/directives/infer';
import { DEFAULT_RULES, extendRules } from '../../src/core/directives/rules';
import { CORPUS, EXTRA, fixture, sample } from './helpers';

const directives = (text: string): DirectiveItem[] => inferDirectives(parseMarkup(text)).filter((i) => i.kind === 'directive');
const sections = (text: string): DirectiveItem[] => inferDirectives(parseMarkup(text)).filter((i) => i.kind === 'section');
const clauses = (text: string, items: DirectiveItem[]): string[] => items.map((i) => text.slice(i.start, i.end));

describe('directives: the development corpus', () => {
  for (const name of CORPUS) {
    it(`finds exactly the annotated sections and directives of ${name}`, () => {
      const text = sample(name);
      const expected = JSON.parse(fixture('directives', name.replace('.txt', '.json'))) as (DirectiveItem & { at: string })[];
      const actual = inferDirectives(parseMarkup(text));
      assert.deepEqual(
        actual.map((i) => [i.kind, i.anchor, i.start, i.end, i.section]),
        expected.map((i) => [i.kind, i.anchor, i.start, i.end, i.section]),
      );
      for (const e of expected) assert.equal(text.slice(e.anchor, e.anchor + 8), e.at, `fixture text at ${e.anchor}`);
    });
  }

  it('labels are at most 40 characters and free of pinyin and markup, on every sample', () => {
    for (const name of [...CORPUS, ...EXTRA]) {
      for (const item of inferDirectives(parseMarkup(sample(name)))) {
        assert.ok([...item.label].length <= MAX_LABEL_LENGTH, item.label);
        assert.doesNotMatch(item.label, /\([a-zü\u0300-\u036f\u00e0-\u01dc]+\)|\]\{/u, item.label);
      }
    }
  });
});

describe('directives: sections', () => {
  it('recognises assembly triggers in both scripts with half- and full-width punctuation', () => {
    const text = '全会提出,要甲。\n會議指出,,要乙。\n全會提出了丙。\n全会认为，丁。\n全体会议强调：戊。';
    assert.deepEqual(sections(text).map((s) => s.trigger), ['全会提出', '會議指出', '全會提出', '全会认为', '全体会议强调']);
  });

  it('recognises speaker triggers: pronouns, short names and collective subjects', () => {
    const text = '他强调,要甲。\n覃昌德强调,要乙。\n李茂涛要求:\n党中央号召，丙。\n全军官兵表示，丁。';
    assert.deepEqual(sections(text).map((s) => s.trigger), ['他强调', '覃昌德强调', '李茂涛要求', '党中央号召', '全军官兵表示']);
  });

  it('ignores verbs that are not clause-initial triggers', () => {
    const text = '提出一系列新思想、新论断、新要求,为推动科技创新提供了根本遵循。党的十九届五中全会提出坚持创新。习近平总书记同志强调,甲。';
    assert.deepEqual(sections(text), []);
  });

  it('reads through injected pinyin and markup', () => {
    const text = '會(huì)議指(zhǐ)出,要堅(jiān)持。\n[全会]{.主体}提出,要甲。';
    const found = sections(text);
    assert.equal(found.length, 2);
    assert.equal(found[0]!.label, '要堅持。');
    assert.equal(text[found[1]!.anchor], '全');
  });

  it('runs to the end of its paragraph, or to the next trigger in it', () => {
    const text = '全会指出,甲。全会强调,乙。\r\n丙';
    const [a, b] = sections(text);
    assert.equal(text.slice(a!.start, a!.end), '全会指出,甲。');
    assert.equal(text.slice(b!.start, b!.end), '全会强调,乙。');
  });
});

describe('directives: 要 clauses', () => {
  it('finds 要 at clause start, after a subject, and after 一/也/还/一定/必须', () => {
    const text = '全区上下要坚定信心。各县(市、区)要高度重视。区委、区政府要发挥作用。一要培育企业。也要清醒看到。抓实体经济一定要抓好制造业。必须要落实。';
    assert.deepEqual(clauses(text, directives(text)), [
      '全区上下要坚定信心。', '各县(市、区)要高度重视。', '区委、区政府要发挥作用。', '一要培育企业。', '也要清醒看到。',
      '抓实体经济一定要抓好制造业。', '必须要落实。',
    ]);
  });

  it('counts a subject without the modal words that end it, however many (都还要, 一定要), against the longest subject', () => {
    const longest = '甲'.repeat(DEFAULT_RULES.maxSubjectLength);
    for (const modal of ['', '都', '都还', '還都', '进一步', '一定', '关键', '同时都还']) {
      assert.equal(directives(`${longest}${modal}要落实。`).length, 1, modal);
      assert.equal(directives(`乙${longest}${modal}要落实。`).length, 0, modal);
    }
    // A character outside the BMP counts as one: 16 of them are 32 code units, a subject of 16 characters.
    assert.equal(directives(`${'𠀀'.repeat(16)}都要落实。`).length, 1);
    // The clause's start is looked for as far back in characters: the longest subject outside the BMP is found too.
    assert.equal(directives(`。${'𠀀'.repeat(DEFAULT_RULES.maxSubjectLength)}都要落实。`).length, 1);
    assert.equal(directives(`。${'𠀀'.repeat(DEFAULT_RULES.maxSubjectLength + 1)}都要落实。`).length, 0);
    assert.equal(directives(`不要乱来。各地都不要乱来。`).map((d) => d.force).join(), 'mustNot,mustNot');
  });

  it('does not treat compounds or other senses of 要 as directives', () => {
    const words = ['重要', '主要', '需要', '要求', '要素', '纲要', '綱要', '必要', '首要', '只要', '要点', '摘要', '纪要', '要闻', '要害', '要是', '要么', '将要', '想要', '索要', '要领', '要义', '紧要'];
    for (const w of words) {
      const text = `这是${w}的东西。`;
      assert.deepEqual(directives(text), [], w);
    }
  });

  it('keeps directives whose subject ends in a character an exclusion starts with', () => {
    const text = '中央财政要加大转移支付。金融风险要及早处置。这次要全面检查。务必要高度重视。';
    assert.deepEqual(clauses(text, directives(text)), ['中央财政要加大转移支付。', '金融风险要及早处置。', '这次要全面检查。', '务必要高度重视。']);
  });

  it('accepts long clause-initial subjects, and a clause that opens with a quote', () => {
    const text = '中央和国家机关各部门、各省级党委和政府在安排部署工作时要实事求是。会议在北京举行「党政机关要坚持过紧日子」';
    assert.deepEqual(clauses(text, directives(text)), ['中央和国家机关各部门、各省级党委和政府在安排部署工作时要实事求是。', '党政机关要坚持过紧日子」']);
  });

  it('does not read 要事 or 可能要 as an instruction', () => {
    assert.deepEqual(directives('把群众的难事当成要事。明年可能要下雨。'), []);
  });

  it('does not treat a question as a directive', () => {
    assert.deepEqual(directives('要弥补这些差距靠什么?靠科技创新。'), []);
    assert.deepEqual(directives('要弥补这些差距靠什么？'), []);
  });

  it('marks 不要 as a negative directive', () => {
    const [d] = directives('各级干部不要搞形式主义。');
    assert.equal(d?.negative, true);
  });

  it('ends a directive at the next one in the same sentence', () => {
    const text = '区委、区政府要发挥主体责任,科技主管部门要履行好主责主业,各职能部门要密切协同。';
    assert.deepEqual(clauses(text, directives(text)), ['区委、区政府要发挥主体责任', '科技主管部门要履行好主责主业', '各职能部门要密切协同。']);
  });

  it('does not take a long clause before 要 for a subject', () => {
    assert.deepEqual(directives('我们与国外的小到家电剃须刀大到汽车机械设备等产品质量差距在什么地方要看清楚。'), []);
  });

  it('belongs to the section it is in', () => {
    const text = '全会提出,要着力创建创新型区县。全区上下要坚定信心。\n要强化保障。';
    const items = inferDirectives(parseMarkup(text));
    const section = items.find((i) => i.kind === 'section')!;
    const [a, b, c] = items.filter((i) => i.kind === 'directive');
    assert.equal(a!.section, section.anchor);
    assert.equal(b!.section, section.anchor);
    assert.equal(c!.section, undefined);
  });

  it('reports document offsets when the text has markup, pinyin, CRLF and astral characters', () => {
    const text = '𠮷[全會]{.主体}提出,\r\n[要堅(jiān)持]{.任务}創新。';
    const d = directives(text)[0]!;
    assert.equal(text[d.anchor], '要');
    assert.equal(text.slice(d.start, d.end), '要堅(jiān)持]{.任务}創新。');
  });
});

describe('directives: rules are data', () => {
  it('accepts extra triggers and exclusions from settings', () => {
    const rules = extendRules(DEFAULT_RULES, { triggers: ['常委会议研究'], exclusions: ['要案'] });
    const text = '常委会议研究,甲。\n这是要案线索。';
    assert.equal(inferDirectives(parseMarkup(text)).length, 1);
    assert.equal(inferDirectives(parseMarkup(text), rules).filter((i) => i.kind === 'section').length, 1);
    assert.equal(directives('要案审理。').length, 1);
    assert.equal(inferDirectives(parseMarkup('要案审理。'), rules).length, 0);
  });

  it('ignores invalid extensions (non-strings, blanks, exclusions without 要)', () => {
    const rules = extendRules(DEFAULT_RULES, { triggers: ['', '  ', 3 as unknown as string], exclusions: ['无关'] });
    assert.equal(rules.extraTriggers.length, 0);
    assert.equal(rules.exclusions.length, DEFAULT_RULES.exclusions.length);
  });

  it('never throws and keeps items inside the text, in order, for arbitrary input', () => {
    const ch = fc.constantFrom('要', '全', '会', '提出', '指出', '他', '强调', ',', '，', '。', '?', '\n', '(huì)', '[', ']{.a}', '重', '𠮷', '不', '一');
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 50 }), (parts) => {
        const text = parts.join('');
        const items = inferDirectives(parseMarkup(text));
        let last = -1;
        for (const i of items) {
          assert.ok(0 <= i.start && i.start <= i.anchor && i.anchor < i.end && i.end <= text.length, JSON.stringify(i));
          assert.ok(i.start >= last);
          last = i.start;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('directives: document structure', () => {
  const items = (text: string, markdown = false): DirectiveItem[] => inferDirectives(parseMarkup(text), undefined, undefined, { markdown });

  it('finds outline headings with their levels, run-in titles ending at 。, and nests items under them', () => {
    const text = '一、总体要求\n（一）全力维护社会大局和谐稳定。各级党委要加强领导。\n1. 做好保障。\n(2) 强化监督\n第三章 附则\n第十条 本办法自发布之日起施行。\n';
    const hs = items(text).filter((i) => i.kind === 'heading');
    assert.deepEqual(hs.map((h) => [h.level, h.label]), [[1, '总体要求'], [2, '全力维护社会大局和谐稳定'], [3, '做好保障'], [3, '强化监督'], [1, '附则'], [3, '本办法自发布之日起施行']]);
    const d = items(text).find((i) => i.kind === 'directive')!;
    assert.equal(d.heading, hs[1]!.anchor, 'the directive lies under （一）');
    assert.equal(hs[1]!.heading, hs[0]!.anchor, '（一）lies under 一、');
  });

  it('does not take page debris or numbers for headings', () => {
    assert.deepEqual(items('5、,我们要加快发展。\n1.5亿元投资要落实。').filter((i) => i.kind === 'heading'), []);
  });

  it('in Markdown, syntax is not text: a blockquote or list marker does not hide a clause start, labels carry no markup', () => {
    const text = '> 他表示，要加快发展。\n- **全会提出**，要坚持**创新**。\n## 一、总体要求\n';
    const its = items(text, true);
    assert.deepEqual(its.filter((i) => i.kind === 'section').map((i) => i.trigger), ['他表示', '全会提出']);
    for (const i of its) assert.doesNotMatch(i.label, /[*>#]/, i.label);
    assert.deepEqual(its.filter((i) => i.kind === 'heading').map((i) => [i.level, i.label]), [[2, '一、总体要求']]);
    assert.equal(its.find((i) => i.label === '要坚持创新')?.kind, 'directive');
  });

  it('in Markdown, a fenced code block holds no heading and no directive; outside Markdown its lines are text', () => {
    const text = '# 总体要求\n\n```bash\n# 注释\n各级党委要加强领导。\n```\n\n各地要抓好落实。\n~~~~\n要做好。\n~~~\n仍是代码，要做。\n~~~~~ \n## 附则\n';
    const its = items(text, true);
    assert.deepEqual(its.map((i) => [i.kind, i.label]), [['heading', '总体要求'], ['directive', '各地要抓好落实'], ['heading', '附则']]);
    // A backtick fence's info string holds no backtick; indented four spaces, a fence is none (indented code).
    assert.deepEqual(items('``` a`b\n要做好。', true).map((i) => i.label), ['要做好']);
    assert.deepEqual(items('    ```\n要做好。', true).map((i) => i.label), ['要做好']);
    // A fence left open runs to the end of the document; a shorter or other closing run does not close it.
    assert.deepEqual(items('开头要做好。\n````\n```\n~~~~\n# 注释\n要做好。\n', true).map((i) => i.label), ['开头要做好']);
    assert.deepEqual(items(text, false).filter((i) => i.kind === 'directive').map((i) => i.label), ['各级党委要加强领导', '各地要抓好落实', '要做好', '要做']);
  });

  it('a fence open at the end of one piece goes on into the next (the command line reads a file in pieces)', () => {
    const stream = new DirectiveStream(DEFAULT_RULES, { markdown: true });
    const first = stream.next(parseMarkup('要做好。\n```\n'), 0);
    const second = stream.next(parseMarkup('# 注释\n要做。\n```\n# 标题\n'), 11);
    assert.deepEqual([...first, ...second].map((i) => [i.kind, i.label]), [['directive', '要做好'], ['heading', '标题']]);
  });

  it('a quote closed before 要 belongs to the clause; one around 要 starts it', () => {
    assert.deepEqual(clauses('特别是“十五五”时期要实现目标。', directives('特别是“十五五”时期要实现目标。')), ['特别是“十五五”时期要实现目标。']);
    assert.deepEqual(clauses('会议举行「党政机关要过紧日子」', directives('会议举行「党政机关要过紧日子」')), ['党政机关要过紧日子」']);
  });

  it('accepts a subject with a time or place adverbial before 要', () => {
    for (const text of ['中央预算内投资资金在9月底前要基本完成下达。', '各地在今冬明春要抓紧开展排查。', '全区上下在新的起点上要再接再厉。']) {
      assert.equal(directives(text).length, 1, text);
      assert.equal(clauses(text, directives(text))[0], text, text);
    }
  });

  it('skips repeated injected readings: 指出(chu)(chu) is still a trigger, and the label has no pinyin', () => {
    const s = sections('他指出(chu)(chu)，要加快发展。');
    assert.equal(s.length, 1);
    assert.doesNotMatch(s[0]!.label, /chu/);
  });
});

describe('directives: force', () => {
  it('要 is must, 不要 is mustNot', () => {
    assert.deepEqual(directives('各级要加强领导。不要松懈。').map((d) => d.force), ['must', 'mustNot']);
  });

  it('with the modal families on, 必须, 不得, 鼓励, 可以 clauses are directives of their own, with their force', () => {
    const text = '各级党委必须加强领导。任何单位不得截留资金。鼓励企业加大投入。群众可以申请补助。必须要坚持。';
    assert.deepEqual(directives(text).map((d) => d.force), ['must']);
    const rules = extendRules(DEFAULT_RULES, { modalFamilies: true });
    const found = inferDirectives(parseMarkup(text), rules).filter((i) => i.kind === 'directive');
    assert.deepEqual(found.map((d) => [text.slice(d.anchor, d.anchor + 2), d.force]), [['必须', 'must'], ['不得', 'mustNot'], ['鼓励', 'encourage'], ['可以', 'may'], ['要坚', 'must']]);
  });
});

describe('directives: labels', () => {
  it('are the text without white space, at most 40 characters (counted by code point), the last one … when cut', () => {
    const piece = fc.constantFrom('要', '发展', ' ', '\u3000', '\u00a0', '\t', '\u2028', '\ufeff', '𠮷', '\ud800', '\udc00', 'a', '。', '\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 90 }), (parts) => {
        const text = parts.join('');
        const chars = [...text.replace(/\s+/g, '')];
        assert.equal(makeLabel(text), chars.length <= MAX_LABEL_LENGTH ? chars.join('') : chars.slice(0, MAX_LABEL_LENGTH - 1).join('') + '…');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('directives: lines told apart before the rules run', () => {
  it('with the modal families on, a line whose only directive is a modal word is not passed over', () => {
    const rules = extendRules(DEFAULT_RULES, { modalFamilies: true });
    const text = '我们必须坚持党的领导。\n鼓励企业创新。\n任何单位不得截留。';
    assert.deepEqual(inferDirectives(parseMarkup(text), rules).map((d) => [d.kind, d.force]), [['directive', 'must'], ['directive', 'encourage'], ['directive', 'mustNot']]);
  });

  it('a line passed over holds nothing the rules would find on it', () => {
    const piece = fc.constantFrom('要', '提出', '提(tí)出(chū)', '**提出**', '强调', '他', '全会', '指出了', '，', '：', '。', '一、', '（二）', '# ', '必须', '鼓励', '可以', '表', '明', '(huì)', '会', '发展', ' ', '\u3000', '抓落实', '重要', '1.', '2021年', '3', '第一章', '第二条', '（1）', '(2)', '十', '#');
    const line = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(line, fc.boolean(), fc.boolean(), (text, markdown, modalFamilies) => {
        const rules = extendRules(DEFAULT_RULES, { modalFamilies, triggers: ['抓落实'] });
        const options = { markdown };
        const found = inferDirectives(parseMarkup(text), rules, undefined, options).map((i) => [i.kind, i.anchor, i.start, i.end, i.label]);
        assert.deepEqual(found, inferEveryRuleOnLine(text, rules, options).map((i) => [i.kind, i.anchor, i.start, i.end, i.label]));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('directives: after an edit, only the edited lines are inferred again', () => {
  // Markdown code fences among them, now and then (an edit of a fence line is inferred again as a whole).
  const piece = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('要', '全会提出，', '他强调，', '一、', '（二）', '# ', '各级党委', '，', '。', '\n', '\n\n', '(huì)', '[', ']{.a}', '\\[', '不要', '𠮷', '抓落实', '\r\n') },
    { weight: 1, arbitrary: fc.constantFrom('\n```\n', '\n~~~', '````', ' ```', '`') },
  );
  const text = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
  /** `from` with `[x, y)` (read modulo its length) replaced by `inserted`, and what stayed the same at its ends. */
  const edit = (from: string, inserted: string, x: number, y: number): { after: string; unchanged: { prefix: number; suffix: number } } => {
    const start = x % (from.length + 1);
    const end = start + (y % (from.length - start + 1));
    return { after: from.slice(0, start) + inserted + from.slice(end), unchanged: { prefix: start, suffix: from.length - end } };
  };

  it('gives the items of a whole inference, for any edit and any markup around it', () => {
    let reused = 0;
    fc.assert(
      fc.property(text, text, fc.nat(), fc.nat(), fc.boolean(), fc.nat(3), fc.nat(3), (before, inserted, a, b, markdown, lessPrefix, lessSuffix) => {
        const edited = edit(before, inserted, a, b);
        const options = { markdown };
        const previous = parseMarkup(before);
        const items = inferDirectives(previous, DEFAULT_RULES, undefined, options);
        const next = parseMarkup(edited.after);
        // What the caller knows may be less than what stayed the same; never more.
        const unchanged = { prefix: Math.max(0, edited.unchanged.prefix - lessPrefix), suffix: Math.max(0, edited.unchanged.suffix - lessSuffix) };
        const updated = updateDirectives({ parsed: previous, items }, next, unchanged, DEFAULT_RULES, undefined, options);
        if (updated) {
          assert.deepEqual(updated, inferDirectives(next, DEFAULT_RULES, undefined, options));
          reused++;
        }
      }),
      { numRuns: 3000 },
    );
    // Declining is always correct; it must stay the exception.
    assert.ok(reused > 2400, `updated ${reused} of 3000`);
  });

  it('after one edit and then another, in Markdown with code fences too', () => {
    fc.assert(
      fc.property(text, text, text, fc.nat(), fc.nat(), fc.nat(), fc.nat(), (before, first, second, a, b, c, d) => {
        const options = { markdown: true };
        const one = edit(before, first, a, b);
        const previous = parseMarkup(before);
        const middle = parseMarkup(one.after);
        const items = updateDirectives({ parsed: previous, items: inferDirectives(previous, DEFAULT_RULES, undefined, options) }, middle, one.unchanged, DEFAULT_RULES, undefined, options) ?? inferDirectives(middle, DEFAULT_RULES, undefined, options);
        const two = edit(one.after, second, c, d);
        const next = parseMarkup(two.after);
        const updated = updateDirectives({ parsed: middle, items }, next, two.unchanged, DEFAULT_RULES, undefined, options);
        if (updated) assert.deepEqual(updated, inferDirectives(next, DEFAULT_RULES, undefined, options));
      }),
      { numRuns: 3000 },
    );
  });

  it('in Markdown, an edit inside a code block keeps it code, up to its closing fence', () => {
    const options = { markdown: true };
    const before = '```\n甲\n要做。\n```\n要做好。\n';
    const previous = parseMarkup(before);
    // Twenty characters typed into the block's first line, then its last line edited: both lines stay code.
    const middleText = before.slice(0, 5) + 'x'.repeat(20) + before.slice(5);
    const middle = parseMarkup(middleText);
    const items = updateDirectives({ parsed: previous, items: inferDirectives(previous, DEFAULT_RULES, undefined, options) }, middle, { prefix: 5, suffix: before.length - 5 }, DEFAULT_RULES, undefined, options);
    assert.ok(items);
    const at = middleText.indexOf('要做。') + 2;
    const afterText = middleText.slice(0, at) + '好' + middleText.slice(at);
    const updated = updateDirectives({ parsed: middle, items }, parseMarkup(afterText), { prefix: at, suffix: middleText.length - at }, DEFAULT_RULES, undefined, options);
    assert.ok(updated);
    assert.deepEqual(updated.map((i) => i.label), ['要做好']);
  });

  it('reuses the items before the edit and infers only the edited line of a long document', () => {
    const line = '全会提出，各级党委要切实加强领导，要抓好落实。\n';
    const before = '一、总体要求\n' + line.repeat(2000);
    const previous = parseMarkup(before);
    const items = inferDirectives(previous);
    const at = before.length / 2;
    const after = before.slice(0, at) + '要' + before.slice(at);
    const updated = updateDirectives({ parsed: previous, items }, parseMarkup(after), { prefix: at, suffix: before.length - at });
    assert.ok(updated);
    assert.deepEqual(updated, inferDirectives(parseMarkup(after)));
    assert.equal(updated[1], items[1], 'an item before the edit is the same object');
  });

  it('declines when a bracket now pairs across the edit', () => {
    // Removing the backslash makes the first line's bracket open a span that ends five lines below.
    const before = '\\[要抓落实。\n'.concat('各级党委要加强领导。\n'.repeat(5), '好]{.任务}');
    const previous = parseMarkup(before);
    const after = before.slice(1);
    assert.equal(updateDirectives({ parsed: previous, items: inferDirectives(previous) }, parseMarkup(after), { prefix: 0, suffix: before.length - 1 }), undefined);
  });
});

describe('directives: a big document inferred in slices', () => {
  const piece = fc.constantFrom('要', '全会提出，', '一、', '（二）', '各级党委', '，', '。', '\n', '[', ']{.a}', '𠮷', '抓落实');
  it('gives the items of a whole inference, pausing with a growing share done', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 40 }), async (parts, slice) => {
        const parsed = parseMarkup(parts.join(''));
        const shares: number[] = [];
        const items = await inferDirectivesInSlices(parsed, DEFAULT_RULES, undefined, {}, async (done) => (shares.push(done), true), slice);
        assert.deepEqual(items, inferDirectives(parsed));
        assert.ok(shares.every((s, i) => s > 0 && s <= 1 && (i === 0 || s >= shares[i - 1]!)), JSON.stringify(shares));
      }),
      { numRuns: 500 },
    );
  });

  it('stops when told to', async () => {
    const parsed = parseMarkup('各级党委要加强领导。\n'.repeat(100));
    let pauses = 0;
    assert.equal(await inferDirectivesInSlices(parsed, DEFAULT_RULES, undefined, {}, async () => ++pauses < 3, 50), undefined);
    assert.equal(pauses, 3);
  });
});
