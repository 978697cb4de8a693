import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { codeTree, parseCodebookFile, renameCode, serializeCodebook } from '../../src/core/corpus/codebook';
import fc from 'fast-check';
import { compareFormulations, compareFormulationsInSteps, comparisonCounts, comparisonToCsv, comparisonToMarkdown, similarPairs } from '../../src/core/corpus/compare';
import { retrievedToCsv, retrieveSegments } from '../../src/core/corpus/retrieve';
import { summarizeDocument, tagCounts } from '../../src/core/corpus/summary';
import { codebookXml, parseCodebookXml, projectXml } from '../../src/core/export/qdpx';
import { parseMarkup } from '../../src/core/markup/parse';
import { renameTagEdits } from '../../src/core/markup/spanEdits';
import { applyEdits } from '../../src/core/text/edits';
import { ROOT, sample } from './helpers';

const DOC_A = '一、总体要求\n[全会]{.主体}提出，要[坚持党的领导]{.原则 .主体 note="核心"}。\n他指出，要扎实推进[共同富裕]{.目标}。\n';
const DOC_B = '[全会]{.主体}强调，要[推进𠀀高质量发展]{.目标}。\n';

function summaryOf(text: string): ReturnType<typeof summarizeDocument> {
  return summarizeDocument(parseMarkup(text));
}

describe('corpus: summaries, codebook, retrieval, comparison', () => {
  it('a summary keeps segments with line, context, section and directive, and counts each tag once per span', () => {
    const s = summaryOf(DOC_A);
    assert.deepEqual(
      s.segments.map((x) => [x.tags.join(' '), x.text, x.line, x.before, x.after, x.section, x.directive ?? null, x.note ?? null]),
      [
        ['主体', '全会', 2, '', '提出，要坚持党的领导。', '要坚持党的领导。', null, null],
        ['原则 主体', '坚持党的领导', 2, '全会提出，要', '。', '要坚持党的领导。', '要坚持党的领导', '核心'],
        ['目标', '共同富裕', 3, '他指出，要扎实推进', '。', '要扎实推进共同富裕。', '要扎实推进共同富裕', null],
      ],
    );
    // Outside any section, a passage lies under its heading.
    assert.equal(summaryOf('一、总体要求\n[全会]{.主体}召开。\n').segments[0]!.section, '总体要求');
    assert.deepEqual([...tagCounts([s, summaryOf(DOC_B)])], [['主体', 3], ['原则', 1], ['目标', 2]]);
  });

  it('a summary with strings of its own does not keep its document\'s text alive; one made of slices does', () => {
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    // Ten documents of ~1 M characters (2 MB each): long coded passages, notes, clauses and contexts, every one cut
    // from the text; what a summary keeps of each is ~200 KB.
    const documentText = (k: number): string =>
      `${'某'.repeat(8000)}[全会提出，要坚持党的领导坚持党的领导${k}]{.任务 note="${'注'.repeat(20)}"}，要推进高质量发展推进高质量发展推进。\n`.repeat(120);
    const heldBy = (ownStrings: boolean): number => {
      collect();
      const before = process.memoryUsage().heapUsed;
      const kept = Array.from({ length: 10 }, (_, k) => summarizeDocument(parseMarkup(documentText(k)), { ownStrings }));
      collect();
      const held = process.memoryUsage().heapUsed - before;
      assert.equal(kept[9]!.segments.length, 120);
      return held;
    };
    const texts = 10 * documentText(0).length * 2;
    // Warmed up first: the first call's compiled code and lasting tables are no summary's.
    heldBy(true);
    const own = heldBy(true);
    const slices = heldBy(false);
    // Half the texts at most: the heap's figure after a collection moves by a document or two (text and plain, ±4 MB)
    // between identical calls, and a summary of slices holds them all, twice over (~2× the texts).
    assert.ok(own < texts / 2, `own strings: ${own} bytes held for ${texts} bytes of text`);
    assert.ok(slices > texts * 0.9, `slices: ${slices} bytes held for ${texts} bytes of text (the control: slices keep their source)`);
  });

  it('retrieves segments of any or all codes, filtered by text, and exports them with context', () => {
    const docs = [{ name: 'a.txt', summary: summaryOf(DOC_A) }, { name: 'b.txt', summary: summaryOf(DOC_B) }];
    assert.deepEqual(retrieveSegments(docs, { codes: ['主体', '目标'], mode: 'any' }).map((s) => `${s.document}:${s.text}`), ['a.txt:全会', 'a.txt:坚持党的领导', 'a.txt:共同富裕', 'b.txt:全会', 'b.txt:推进𠀀高质量发展']);
    assert.deepEqual(retrieveSegments(docs, { codes: ['主体', '原则'], mode: 'all' }).map((s) => s.text), ['坚持党的领导']);
    assert.deepEqual(retrieveSegments(docs, { codes: ['主体', '原则'], mode: 'any', text: '核心' }).map((s) => s.text), ['坚持党的领导']);
    const csv = retrievedToCsv(retrieveSegments(docs, { codes: ['目标'], mode: 'any' }));
    assert.equal(csv.split('\r\n')[0], 'document,line,codes,text,before,after,section,directive,note,start,end');
    assert.match(csv.split('\r\n')[1]!, /^a\.txt,3,目标,共同富裕,他指出，要扎实推进,。,/);
  });

  it('reads, renames, merges and serialises the project codebook; bad entries are reported, not fatal', () => {
    const file = parseCodebookFile(JSON.stringify({ codes: [{ name: '行为者', color: '#AA0000' }, { name: '主体', parent: '行为者', description: '谁' }, { name: 'bad name' }, { name: '目标', color: 'red', parent: '无' }, { name: '甲', parent: '乙' }, { name: '乙', parent: '甲' }] }));
    assert.deepEqual(file.problems.map((p) => `${p.code}:${p.detail}`), ['invalid-name:bad name', 'invalid-color:目标', 'unknown-parent:目标', 'parent-cycle:甲', 'parent-cycle:乙']);
    assert.deepEqual(file.codes[0], { name: '行为者', color: '#aa0000' });
    assert.deepEqual([...codeTree(file.codes, ['主体', '新码'])], [['', ['行为者', '目标', '甲', '乙', '新码']], ['行为者', ['主体']]]);
    const merged = renameCode(file.codes, '行为者', '主体');
    assert.deepEqual(merged.find((c) => c.name === '主体'), { color: '#aa0000', name: '主体', description: '谁' });
    assert.deepEqual(parseCodebookFile(serializeCodebook(file.codes)).codes, file.codes);
    assert.deepEqual(parseCodebookFile('{').problems, [{ code: 'not-json' }]);
  });

  it('renames a tag on every span of a document, merging with an existing tag', () => {
    const parsed = parseMarkup(DOC_A);
    const { edits, spans } = renameTagEdits(parsed, '主体', '原则');
    assert.equal(spans, 2);
    assert.equal(applyEdits(DOC_A, edits), '一、总体要求\n[全会]{.原则}提出，要[坚持党的领导]{.原则 note="核心"}。\n他指出，要扎实推进[共同富裕]{.目标}。\n');
  });

  it('compares two plenum communiqués: new, dropped and reworded formulations, changed characters marked', () => {
    const rows = compareFormulations(
      [{ text: '要坚持稳中求进工作总基调', line: 1 }, { text: '要[扩大]{.a}内需', line: 2 }, { text: '要防范化解重大风险', line: 3 }],
      [{ text: '要扩大国内需求', line: 1 }, { text: '要坚持稳中求进工作总基调', line: 2 }, { text: '要因地制宜发展新质生产力', line: 3 }],
      { threshold: 0.3 },
    );
    assert.deepEqual(rows.map((r) => r.kind), ['reworded', 'same', 'new', 'dropped']);
    assert.deepEqual(rows[0]!.runs, [{ text: '要扩大', in: 'both' }, { text: '国', in: 'new' }, { text: '内需', in: 'both' }, { text: '求', in: 'new' }]);
    assert.deepEqual(comparisonCounts(rows), { same: 1, reworded: 1, new: 1, dropped: 1 });
    assert.match(comparisonToMarkdown(rows, { old: '2019', new: '2024' }), /\| reworded \| 要扩大内需 \(2\) \| 要扩大\*\*国\*\*内需\*\*求\*\* \(1\) \|/);
    assert.equal(comparisonToCsv(rows).split('\r\n')[3], 'new,0,,,3,要因地制宜发展新质生产力');
    // Two real communiqués (2019, 2024): most formulations are new, some carried over.
    const dir = (name: string): { text: string; line: number }[] => summaryOf(sample(name)).directives.filter((d) => d.kind === 'directive').map((d) => ({ text: d.text, line: d.line }));
    const real = comparisonCounts(compareFormulations(dir('02_plenum-19cc4-2019-communique_xwlb.txt'), dir('03_plenum-20cc3-2024-communique_xwlb.txt')));
    assert.ok(real.new > 0 && real.dropped > 0, JSON.stringify(real));
  });

  it('keeps the 60 characters of its line before and after each segment, for any lines and spans (CR, LF, CRLF)', () => {
    // Runs of text long and short (a context reaches 60 characters, or stops at a line break), breaks, spans.
    const piece = fc.oneof(
      fc.array(fc.constantFrom('要', '做', 'a', '，'), { maxLength: 8 }).map((cs) => cs.join('')),
      fc.tuple(fc.integer({ min: 50, max: 130 }), fc.constantFrom('要', '做')).map(([n, c]) => c.repeat(n)),
      fc.constantFrom('\n', '\r', '\r\n'),
      fc.array(fc.constantFrom('要', '做', 'b'), { minLength: 1, maxLength: 5 }).map((cs) => `[${cs.join('')}]{.码}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const parsed = parseMarkup(pieces.join(''));
        const plain = parsed.plain;
        const expected = parsed.spans.map((span) => {
          const lineStart = Math.max(plain.lastIndexOf('\n', span.plainStart - 1) + 1, span.plainStart - 60);
          const next = plain.indexOf('\n', span.plainEnd);
          const lineEnd = Math.min(next < 0 ? plain.length : next, span.plainEnd + 60);
          return [plain.slice(lineStart, span.plainStart).replace(/\r$/, ''), plain.slice(span.plainEnd, lineEnd).replace(/\r$/, '')];
        });
        assert.deepEqual(summarizeDocument(parsed).segments.map((x) => [x.before, x.after]), expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('finds every pair at least as similar as the threshold, as comparing every pair does (any formulations, duplicates, thresholds)', () => {
    const pairsOf = (key: string): Map<string, number> => {
      const chars = [...key];
      const out = new Map<string, number>();
      if (chars.length === 1) out.set(chars[0]!, 1);
      for (let i = 0; i + 1 < chars.length; i++) out.set(chars[i]! + chars[i + 1]!, (out.get(chars[i]! + chars[i + 1]!) ?? 0) + 1);
      return out;
    };
    const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
    // Every pair compared: what the join must give (in any order).
    const everyPair = (olds: (Map<string, number> | undefined)[], news: (Map<string, number> | undefined)[], t: number): string[] => {
      const out: string[] = [];
      news.forEach((n, j) => olds.forEach((o, i) => {
        if (!n || !o) return;
        let common = 0;
        for (const [g, c] of n) common += Math.min(c, o.get(g) ?? 0);
        const similarity = (2 * common) / (total(n) + total(o));
        if (common > 0 && similarity >= t) out.push(`${i}>${j}:${similarity}`);
      }));
      return out.sort();
    };
    // Few characters, so that formulations share many pairs and repeat some (要发展 twice in a clause).
    const formulation = fc.option(fc.array(fc.constantFrom('要', '发', '展', '加', '强', '党'), { maxLength: 14 }).map((cs) => cs.join('')).map(pairsOf), { freq: 6 });
    fc.assert(
      fc.property(fc.array(formulation, { maxLength: 25 }), fc.array(formulation, { maxLength: 25 }), fc.constantFrom(0, 0.2, 0.5, 0.5, 0.67, 0.8, 1), (olds, news, t) => {
        const found = similarPairs(olds.map((o) => o ?? undefined), news.map((n) => n ?? undefined), t).map((p) => `${p.old}>${p.new}:${p.similarity}`).sort();
        assert.deepEqual(found, everyPair(olds.map((o) => o ?? undefined), news.map((n) => n ?? undefined), t));
      }),
      { numRuns: 2000 },
    );
  });

  it('compares in steps that leave the host free, with the rows of a comparison in one go; a pause that says stop ends it', async () => {
    // Thousands of formulations sharing many character pairs: more comparisons than one step makes.
    const words = ['要坚持', '稳中求进', '扩大内需', '防范化解', '重大风险', '高质量发展', '新质生产力', '因地制宜', '深化改革', '保障民生'];
    const formulation = (k: number, salt: number): { text: string; line: number } => ({ text: `要${words[k % 10]}${words[(k * 7 + salt) % 10]}${words[(k * 3) % 10]}${k % 13}`, line: k });
    const older = Array.from({ length: 3000 }, (_, k) => formulation(k, 1));
    const newer = Array.from({ length: 3000 }, (_, k) => formulation(k, 2));
    const shares: number[] = [];
    const rows = await compareFormulationsInSteps(older, newer, {}, async (done) => (shares.push(done), true));
    assert.ok(shares.length >= 2, `paused ${shares.length} times`);
    assert.ok(shares.every((d, k) => d >= 0 && d <= 1 && (k === 0 || d >= shares[k - 1]!)), shares.join(' '));
    assert.deepEqual(rows, compareFormulations(older, newer));
    assert.equal(await compareFormulationsInSteps(older, newer, {}, async () => false), undefined);
  });

  it('writes REFI-QDA XML that reads back as a codebook with colours and hierarchy', () => {
    const codes = [{ name: '行为者', color: '#aa0000', description: 'a & <b>' }, { name: '主体', parent: '行为者' }];
    const read = parseCodebookXml(codebookXml(codes, 'Policy Annotator'));
    assert.ok(read.ok);
    assert.deepEqual(read.codes, [{ name: '行为者', color: '#aa0000', description: 'a & <b>' }, { name: '主体', color: read.codes[1]!.color, parent: '行为者' }]);
    assert.match(read.codes[1]!.color!, /^#[0-9a-f]{6}$/);
    assert.deepEqual(parseCodebookXml('<a>'), { ok: false, reason: 'not-xml' });
    const xml = projectXml({ name: 'p', origin: 'o', user: 'u', created: '2026-01-01T00:00:00Z', codes, sources: [{ name: 'a', plain: 'x\u000by', segments: [{ plainStart: 0, plainEnd: 1, tags: ['主体'], note: 'n\u0001' }] }] });
    assert.ok(!/[\u0001\u000b]/.test(xml));
    assert.ok(xml.includes('isCodable="true"'));
  });

  it('the command line exports a .qdpx whose every selection is its span\'s text (checked from Python), and lists codes, segments and changes', function () {
    this.timeout(60_000);
    const dir = mkdtempSync(join(tmpdir(), 'policy-annotator-qdpx-'));
    try {
      mkdirSync(join(dir, 'corpus', 'sub'), { recursive: true });
      mkdirSync(join(dir, 'corpus', '.policy-annotator'));
      writeFileSync(join(dir, 'corpus', 'a.txt'), '\ufeff' + DOC_A);
      writeFileSync(join(dir, 'corpus', 'sub', 'b.md'), DOC_B);
      writeFileSync(join(dir, 'corpus', 'sub', 'c.txt'), 'no codes 要做\r\n[x]{.主体}');
      writeFileSync(join(dir, 'corpus', '.policy-annotator', 'codebook.json'), JSON.stringify({ codes: [{ name: '行为者', color: '#123456' }, { name: '主体', parent: '行为者', color: '#abcdef' }] }));
      const bin = join(ROOT, 'dist', 'cli.js');
      const run = (...args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
      const out = join(dir, 'p.qdpx');
      const e = run('export', '--format', 'qdpx', join(dir, 'corpus'), '--out', out);
      assert.equal(e.status, 0, String(e.stderr));
      const check = spawnSync('python3', [join(ROOT, 'test', 'fixtures', 'qdpx', 'check_qdpx.py'), out], { encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr + check.stdout);
      const report = JSON.parse(check.stdout) as { sources: number; selections: number; codes: Record<string, { color: string; parent: string | null }>; texts: string[] };
      assert.equal(report.sources, 3);
      assert.equal(report.selections, 6);
      assert.deepEqual(report.texts, ['全会', '坚持党的领导', '共同富裕', '全会', '推进𠀀高质量发展', 'x']);
      assert.deepEqual(report.codes['主体'], { color: '#ABCDEF', parent: '行为者' });
      assert.equal(run('export', '--format', 'qdpx', join(dir, 'corpus'), '--out', out).status, 1, 'an existing file is not replaced');
      const cb = run('codebook', '--json', join(dir, 'corpus'));
      assert.deepEqual(JSON.parse(String(cb.stdout)), [{ tag: '主体', count: 4 }, { tag: '目标', count: 2 }, { tag: '原则', count: 1 }]);
      const rt = run('retrieve', '--tag', '目标', '--json', join(dir, 'corpus'));
      assert.deepEqual(String(rt.stdout).trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text), ['共同富裕', '推进𠀀高质量发展']);
      const cmp = run('compare', '--json', join(ROOT, 'samples', 'extra', '02_plenum-19cc4-2019-communique_xwlb.txt'), join(ROOT, 'samples', 'extra', '03_plenum-20cc3-2024-communique_xwlb.txt'));
      assert.equal(cmp.status, 0, String(cmp.stderr));
      const kinds = new Set((JSON.parse(String(cmp.stdout)) as { kind: string }[]).map((r) => r.kind));
      assert.ok(kinds.has('new') && kinds.has('dropped'));
      assert.equal(run('retrieve', join(dir, 'corpus')).status, 2);
      assert.equal(run('compare', join(dir, 'corpus', 'a.txt')).status, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
