import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CORPUS, sample } from './helpers';
import { inferDirectives } from '../../src/core/directives/infer';
import { parseMarkup } from '../../src/core/markup/parse';
import { buildRenderLines, lineLayout } from '../../src/core/render/renderLines';
import { fingerprint } from '../../src/core/text/fingerprint';
import { shownTextBetween } from '../../src/core/render/shownText';
import { markdownBlocks, markdownBlocksInSlices, updateMarkdownBlocks, type MarkdownBlocks } from '../../src/core/render/markdownBlocks';
import { replaceRange } from '../../src/core/text/arrays';

describe('render model: Markdown documents', () => {
  const text = '# 讲话\n\n> 他表示，要**加快**发展。\n\n- 各级[党委]{.主体}要*切实*加强领导。\n';
  const parsed = parseMarkup(text);
  const lines = buildRenderLines(parsed, inferDirectives(parsed, undefined, undefined, { markdown: true }), { markdown: true });
  const shown = (l: number): string => lines[l]!.segs.map((s) => s.t).join('');
  const lineStart = (l: number): number => text.split('\n').slice(0, l).reduce((n, x) => n + x.length + 1, 0);

  it('shows headings, quotes and list items as style, their syntax hidden', () => {
    assert.deepEqual(lines.map((l) => l.md ?? null), ['h1', null, 'quote', null, 'li', null]);
    assert.equal(shown(0), '讲话');
    assert.equal(shown(2), '他表示，要加快发展。');
    assert.equal(shown(4), '各级党委要切实加强领导。');
  });

  it('styles emphasis and keeps every offset the document\'s own (tagging wraps the source range)', () => {
    const strong = lines[2]!.segs.find((s) => s.s === 1)!;
    assert.equal(strong.t, '加快');
    assert.equal(text.slice(lineStart(2) + strong.o, lineStart(2) + strong.o + strong.t.length), '加快');
    const em = lines[4]!.segs.find((s) => s.e === 1)!;
    assert.equal(text.slice(lineStart(4) + em.o, lineStart(4) + em.o + 2), '切实');
    for (const [l, line] of lines.entries()) for (const s of line.segs) assert.equal(text.slice(lineStart(l) + s.o, lineStart(l) + s.o + s.t.length), s.t);
  });

  it('shows code as written: no syntax hidden in a fenced or indented block, its lines styled as code', () => {
    const doc = '```\n# 不是标题\n> 要**加快**发展\n```\n\n    - 缩进代码\n\n# 标题\n';
    const rendered = buildRenderLines(parseMarkup(doc), [], { markdown: true });
    const text = (l: number): string => rendered[l]!.segs.map((s) => s.t).join('');
    assert.deepEqual(rendered.map((l) => l.md ?? null), ['code', 'code', 'code', 'code', null, 'code', null, 'h1', null]);
    assert.deepEqual([text(1), text(2), text(5), text(7)], ['# 不是标题', '> 要**加快**发展', '    - 缩进代码', '标题']);
  });

  it('plain text files are not read as Markdown', () => {
    const plain = parseMarkup('# 不是标题 **不是粗体**');
    assert.equal(buildRenderLines(plain, [], {})[0]!.segs.map((s) => s.t).join(''), '# 不是标题 **不是粗体**');
  });
});

describe('render model: badges', () => {
  it('puts each badge after its own span\'s text where spans with the same tags touch (one segment per span)', () => {
    const doc = '[甲乙]{.任务}[丙丁]{.任务}戊';
    const [line] = buildRenderLines(parseMarkup(doc), []);
    assert.deepEqual(line!.segs.map((s) => s.t), ['甲乙', '丙丁', '戊']);
    assert.deepEqual(line!.badges!.map((b) => [b.after, b.sp]), [[0, 0], [1, 9]]);
  });
});

describe('render model: badges, for any markup', () => {
  it('stand after the last segment that ends by their span\'s end, on the line where it ends, in nesting of any shape', () => {
    const token = fc.constantFrom('[', ']{.a}', ']{.b note="x"}', '\n', '要', '做好', '，', '𠮷');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => {
        const text = tokens.join('');
        const parsed = parseMarkup(text);
        const lines = buildRenderLines(parsed, []);
        const { starts } = lineLayout(text);
        const expected = lines.map(() => [] as [number, number][]);
        for (const s of parsed.spans) {
          if (s.contentEnd <= s.contentStart) continue;
          let l = 0;
          while (l + 1 < starts.length && starts[l + 1]! <= s.contentEnd) l++;
          const rel = s.contentEnd - starts[l]!;
          // A plain scan: the last segment whose end is at or before the span's.
          let after = -1;
          lines[l]!.segs.forEach((seg, k) => {
            if (seg.o + seg.t.length <= rel) after = k;
          });
          expected[l]!.push([after, s.start - starts[l]!]);
        }
        assert.deepEqual(lines.map((l) => (l.badges ?? []).map((b) => [b.after, b.sp])), expected);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('render model: the 简/繁 display', () => {
  it('marks the runs whose displayed text changes length (positions there are not the source\'s)', () => {
    const parsed = parseMarkup('鼠标和内存');
    const lines = buildRenderLines(parsed, [], { display: (s) => s.replace('鼠标', '滑鼠').replace('内存', '記憶體') });
    assert.equal(lines[0]!.segs.map((s) => s.t).join(''), '滑鼠和記憶體');
    assert.ok(lines[0]!.segs.some((s) => s.x === 1));
    const same = buildRenderLines(parsed, [], { display: (s) => s.replace('鼠标', '滑鼠') });
    assert.ok(same[0]!.segs.every((s) => s.x === undefined), 'same length: aligned');
  });
});

describe('render model: a range of lines', () => {
  it('is exactly those lines of the whole model, for any markup, nesting across lines, directives and range', () => {
    const token = fc.constantFrom('[', ']{.a}', ']{.b note="x"}', '\n', '\r\n', '要', '做好', '，', '全会提出', '一、', 'a', '𠮷', '\\[');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 50 }), fc.nat(), fc.nat(), fc.boolean(), (tokens, x, y, markdown) => {
        const text = tokens.join('');
        const parsed = parseMarkup(text);
        const items = inferDirectives(parsed);
        const whole = buildRenderLines(parsed, items, { markdown });
        const from = x % whole.length;
        const to = from + (y % (whole.length - from));
        assert.deepEqual(buildRenderLines(parsed, items, { markdown, lines: { from, to } }), whole.slice(from, to + 1));
        // The same with the layout given (the editor lays a long document out once for all its windows).
        assert.deepEqual(buildRenderLines(parsed, items, { markdown, lines: { from, to }, layout: lineLayout(text) }), whole.slice(from, to + 1));
      }),
      { numRuns: 2000 },
    );
    for (const name of CORPUS) {
      const parsed = parseMarkup(sample(name).replace(/要[^，。]{1,8}/g, (m) => `[${m}]{.任务}`));
      const items = inferDirectives(parsed);
      const whole = buildRenderLines(parsed, items);
      assert.deepEqual(buildRenderLines(parsed, items, { lines: { from: 3, to: 9 } }), whole.slice(3, 10), name);
    }
  });
});

describe('render model: fingerprints of sent lines', () => {
  it('tell every line of a big document from the others, and a line from itself edited by one character', () => {
    const seen = new Map<number, string>();
    const lines = buildRenderLines(parseMarkup(Array.from({ length: 50_000 }, (_, k) => `第${k}条：各级党委要[切实]{.任务}加强领导。`).join('\n')), []);
    for (const line of lines) {
      const json = JSON.stringify(line);
      const key = fingerprint(json);
      assert.ok(!seen.has(key) || seen.get(key) === json, `collision: ${json} / ${seen.get(key)}`);
      seen.set(key, json);
      assert.notEqual(fingerprint(json.replace('要', '耍')), key);
      assert.equal(fingerprint(json), key);
    }
    assert.equal(seen.size, 50_000);
  });
});

describe('render model: the text a copy gives', () => {
  it('is the plain text of the range (markup hidden), lines joined by a line break, on any document and range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('要', '做', '[', ']{.a}', '\n', '𠮷', '，', 'x', '[甲]{.任务}', '\r\n'), { maxLength: 40 }).map((parts) => parts.join('')),
        fc.nat(),
        fc.nat(),
        (text, a, b) => {
          const parsed = parseMarkup(text);
          const lines = buildRenderLines(parsed, inferDirectives(parsed));
          const starts = [0];
          for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
          const [start, end] = [a % (text.length + 1), b % (text.length + 1)].sort((x, y) => x - y) as [number, number];
          const lineOf = (o: number): number => starts.filter((s) => s <= o).length - 1;
          const first = lineOf(start);
          const last = lineOf(end);
          const copied = shownTextBetween(lines.slice(first, last + 1), start - starts[first]!, end - starts[last]!);
          // The oracle: the plain text (markup removed) between the same positions, each line without its CR (a
          // range may end between CR and LF).
          const plain = parsed.plain.slice(parsed.map.toPlain(start), parsed.map.toPlain(end));
          const expected = plain.split('\n').map((l) => l.replace(/\r$/, '')).join('\n');
          assert.equal(copied, expected, JSON.stringify({ text, start, end }));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('takes a displayed phrase of another length whole (简/繁 display)', () => {
    const line = { len: 6, segs: [{ t: '甲乙', o: 0 }, { t: '鼠标', o: 2, x: 1 as const }, { t: '丙', o: 5 }] };
    assert.equal(shownTextBetween([line], 1, 3), '乙鼠标');
    assert.equal(shownTextBetween([line], 0, 6), '甲乙鼠标丙');
    assert.equal(shownTextBetween([line, { len: 1, segs: [{ t: '丁', o: 0 }] }], 5, 1), '丙\n丁');
  });
});

describe('replacing a range of lines in the page and host models', () => {
  it('takes any number of lines (a revert of a 50 MB document replaces 200,000; a spread into splice overflows)', () => {
    const lines = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(replaceRange(lines, 2, 3, [20, 30]), [0, 1, 20, 30, 5, 6, 7, 8, 9]);
    assert.deepEqual(replaceRange(lines, 10, 0, [10]), [...lines, 10]);
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    const replaced = replaceRange(lines, 0, 10, many);
    assert.equal(replaced.length, 300_000);
    assert.equal(replaced[299_999], 299_999);
    assert.deepEqual(lines, Array.from({ length: 10 }, (_, i) => i), 'the input is left as it was');
  });
});

describe('render model: Markdown block structure after an edit', () => {
  const line = fc.constantFrom('# 标题', '## 小节', '- 项目', '1. 第一', '> 引用', '> - 引用项', '```', '~~~', '    缩进代码', '', '', '正文段落', '===', '---', '  继续', '* * *', '| a | b |', '|---|---|', '[x]: /u', '>', '正文\r续', '- [ ] 任务');
  const lines = fc.array(line, { maxLength: 40 });
  const plain = (b: MarkdownBlocks): unknown => ({ lineCount: b.lineCount, topStarts: [...b.topStarts], styled: [...b.styledLines].map((l, k) => [l, b.styles[k]]) });

  it('parsed in slices of a few lines, is the structure of a whole parse, for any lines', async () => {
    await fc.assert(
      fc.asyncProperty(lines, fc.integer({ min: 1, max: 6 }), async (text, slice) => {
        const sliced = await markdownBlocksInSlices(text.join('\n'), async () => undefined, slice);
        assert.deepEqual(plain(sliced), plain(markdownBlocks(text.join('\n'))));
      }),
      { numRuns: 3000 },
    );
    // A long text is parsed in many slices (pauses between them), a block longer than a slice in one.
    let pauses = 0;
    const text = [...Array.from({ length: 100 }, (_, k) => `# 标题${k}`), '```', ...Array.from({ length: 50 }, () => '代码'), '```'].join('\n');
    assert.deepEqual(plain(await markdownBlocksInSlices(text, async () => void pauses++, 5)), plain(markdownBlocks(text)));
    assert.ok(pauses >= 20, `${pauses} pauses`);
  });

  it('parsed again around the edit only, is the structure of the whole new text, for any lines and edit', () => {
    fc.assert(
      fc.property(lines, fc.nat(), fc.nat(), lines, (before, x, y, inserted) => {
        const p = x % (before.length + 1);
        const q = p + (y % (before.length - p + 1));
        const after = [...before.slice(0, p), ...inserted.slice(0, 8), ...before.slice(q)];
        const oldText = before.join('\n');
        const newText = after.join('\n');
        const starts = [0];
        for (const l of after) starts.push(starts[starts.length - 1]! + l.length + 1);
        const added = Math.min(inserted.length, 8);
        const { blocks, restyled } = updateMarkdownBlocks(markdownBlocks(oldText), newText, (l) => starts[l]!, Math.max(1, after.length), { from: p, to: Math.max(p, p + added - 1) });
        const whole = markdownBlocks(newText);
        assert.deepEqual(plain(blocks), plain(whole));
        assert.ok(restyled.from <= p && restyled.to >= Math.min(after.length - 1, p + added - 1), `restyled ${JSON.stringify(restyled)} covers the edit`);
      }),
      { numRuns: 3000 },
    );
  });
});
