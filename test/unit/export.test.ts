import * as assert from 'node:assert/strict';
import { inferDirectives } from '../../src/core/directives/infer';
import { annotationsToCsv, annotationsToJson, collectAnnotations, csvField } from '../../src/core/export/annotations';
import { CodePointIndex, fromBrat, toBrat } from '../../src/core/export/brat';
import { directivesToCsv, directivesToMarkdown, directiveToJson } from '../../src/core/export/directives';
import { parseMarkup } from '../../src/core/markup/parse';
import { wrapInSpan } from '../../src/core/markup/spanEdits';
import { applyEdits } from '../../src/core/text/edits';
import { sample } from './helpers';

/** Annotates a few passages of a corpus document, as a user would. */
function annotate(text: string, passages: [string, string[], string?][]): string {
  let doc = text;
  for (const [passage, tags, note] of passages) {
    const parsed = parseMarkup(doc);
    const at = parsed.plain.indexOf(passage);
    assert.ok(at >= 0, passage);
    const r = wrapInSpan(parsed, parsed.map.toDoc(at), parsed.map.toDoc(at + passage.length, 'before'), tags, note ? { note } : {});
    assert.ok(r.ok, passage);
    doc = applyEdits(doc, r.edits);
  }
  return doc;
}

describe('export: CSV and JSON', () => {
  it('quotes commas, quotes and line breaks as spreadsheets expect', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('纯文本'), '纯文本');
  });

  it('writes one row per tag with plain-text offsets, line, note and file; optional BOM', () => {
    const doc = '第一行\n[区委、区政府]{.主体 .责任 note="牵头, \\"主责\\""}要发挥作用';
    const records = collectAnnotations(parseMarkup(doc), 'a.txt');
    assert.deepEqual(records, [{ tags: ['主体', '责任'], text: '区委、区政府', start: 4, end: 10, line: 2, note: '牵头, "主责"', file: 'a.txt' }]);
    const csv = annotationsToCsv(records, { bom: true });
    assert.equal(csv, '\ufefftag,text,start,end,line,note,file\r\n主体,区委、区政府,4,10,2,"牵头, ""主责""",a.txt\r\n责任,区委、区政府,4,10,2,"牵头, ""主责""",a.txt\r\n');
    assert.deepEqual(JSON.parse(annotationsToJson(records)), records);
  });
});

describe('export: brat standoff', () => {
  it('counts offsets in code points, as brat does', () => {
    const doc = '𠮷𠮷[要做]{.任务}';
    const { txt, ann } = toBrat(parseMarkup(doc));
    assert.equal(txt, '𠮷𠮷要做');
    assert.equal(ann, 'T1\t任务 2 4\t要做\n');
    const index = new CodePointIndex(txt);
    assert.equal(index.toCodePoints(4), 2);
    assert.equal(index.toUtf16(2), 4);
  });

  it('writes spans across lines as fragments and notes as AnnotatorNotes', () => {
    const { ann } = toBrat(parseMarkup('[甲\n乙]{.a note="n"}'));
    assert.equal(ann, 'T1\ta 0 1;2 3\t甲 乙\n#1\tAnnotatorNotes T1\tn\n');
  });

  it('round-trips a corpus document with several annotations back to identical text', () => {
    for (const name of ['wulong-district-plenum-2021.txt', 'zigong-plenum-communique-2021_trad.txt']) {
      const text = sample(name);
      const passages: [string, string[], string?][] = name.startsWith('wulong')
        ? [['全区上下要坚定信心决心', ['任务']], ['区委、区政府', ['主体', '责任'], '牵头'], ['要强化政策保障', ['保障']], ['区委、区政府要发挥推动科技创新的主体责任', ['任务']]]
        : [['全市上下要進一步提高政治站位和戰(zhàn)略站位', ['任务']], ['市委書記范波', ['主体']]];
      const doc = annotate(text, passages);
      const { txt, ann } = toBrat(parseMarkup(doc));
      const back = fromBrat(txt, ann);
      assert.deepEqual(back.problems, []);
      assert.equal(back.text, doc, name);
    }
  });

  it('reports overlapping brat spans that cannot nest instead of dropping them silently', () => {
    const r = fromBrat('甲乙丙丁', 'T1\ta 0 2\t甲乙\nT2\tb 1 3\t乙丙\nT3\tc 0 1\t甲\nR1\tRel Arg1:T1 Arg2:T2\n');
    assert.equal(r.imported, 2);
    assert.equal(r.text, '[[甲]{.c}乙]{.a}丙丁');
    assert.equal(r.problems.length, 2);
    assert.ok(r.problems.some((p) => p.line === 2 && p.code === 'overlap' && p.ids.includes('T2') && p.otherIds.includes('T1')));
    assert.ok(r.problems.some((p) => p.line === 4 && p.code === 'unsupported' && p.id === 'R1'));
  });

  it('merges brat annotations of the same range into one span with several tags', () => {
    assert.equal(fromBrat('甲乙', 'T1\ta 0 2\t甲乙\nT2\tb 0 2\t甲乙\n#1\tAnnotatorNotes T2\t注\n').text, '[甲乙]{.a .b note="注"}');
  });
});

describe('export: directives', () => {
  const text = '全会提出,要甲,乙。\n"各县"要丙。';
  const items = inferDirectives(parseMarkup(text));

  it('has the JSON shape of SPEC §7', () => {
    assert.deepEqual(items.map(directiveToJson), [
      { kind: 'section', anchor: 0, start: 0, end: 10, label: '要甲,乙。', section: null, heading: null },
      { kind: 'directive', anchor: 5, start: 5, end: 10, label: '要甲,乙', section: 0, heading: null, force: 'must' },
      { kind: 'directive', anchor: 15, start: 12, end: 18, label: '各县"要丙', section: null, heading: null, force: 'must' },
    ]);
  });

  it('exports headings, with sections under them and the force of each directive', () => {
    const outline = '一、坚持创新。\n（一）加快发展。全会提出,不要松懈。\n';
    const its = inferDirectives(parseMarkup(outline));
    assert.deepEqual(its.map((i) => [i.kind, i.level ?? null, i.force ?? null]), [['heading', 1, null], ['heading', 2, null], ['section', null, null], ['directive', null, 'mustNot']]);
    assert.deepEqual(its.map(directiveToJson).map((j) => j.heading), [null, 0, 8, 8]);
    const md = directivesToMarkdown(outline, its, 'o.txt');
    assert.match(md, /## 坚持创新 \(line 1\)/);
    assert.match(md, /### 加快发展 \(line 2\)/);
    assert.match(md, /#### 全会提出 \(line 2\)/);
    assert.match(md, /- \(不要\) 不要松懈。/);
    assert.match(directivesToCsv(outline, its, 'o.txt'), /directive,不要松懈,不要松懈。,2,\d+,\d+,不要松懈。,mustNot,加快发展,o\.txt/);
  });

  it('exports CSV with quoted clauses and Markdown with sections as headings', () => {
    const csv = directivesToCsv(text, items, 'x.txt');
    assert.match(csv, /^kind,label,text,line,start,end,section,force,heading,file\r\n/);
    assert.match(csv, /directive,"各县""要丙","各县""要丙。",2,12,18,,must,,x.txt/);
    const md = directivesToMarkdown(text, items, 'x.txt');
    assert.match(md, /^# x\.txt\n/);
    assert.match(md, /## 全会提出 \(line 1\)/);
    assert.match(md, /- 要甲,乙。 \(line 1\)/);
  });
});

describe('export: CSV is safe to open in a spreadsheet', () => {
  const records = (text: string): ReturnType<typeof collectAnnotations> => collectAnnotations(parseMarkup(`[${text}]{.a note="${text}"}`), 'f.txt');

  it('neutralises cells that a spreadsheet would run as formulas (OWASP): a leading apostrophe', () => {
    for (const danger of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', '\t=x']) {
      const csv = annotationsToCsv(records(danger));
      const row = csv.split('\r\n')[1]!;
      assert.ok(row.startsWith(`a,'${danger}`) || row.startsWith(`a,"'${danger}`), row);
    }
  });

  it('leaves values exact when turned off (R, pandas) and never touches numbers or harmless text', () => {
    assert.ok(annotationsToCsv(records('=1+2'), { neutralizeFormulas: false }).split('\r\n')[1]!.startsWith('a,=1+2,'));
    assert.ok(annotationsToCsv(records('会议')).split('\r\n')[1]!.startsWith('a,会议,0,2,1,'));
  });
});
