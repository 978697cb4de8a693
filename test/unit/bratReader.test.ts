import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBrat, toBrat } from '../../src/core/export/brat';
import { parseMarkup } from '../../src/core/markup/parse';
import { setSpanNote } from '../../src/core/markup/spanEdits';
import { applyEdits } from '../../src/core/text/edits';
import { FIXTURES } from './helpers';

/** Every character Python's str.splitlines breaks at (brat reads .ann files with it). */
const SPLITLINES = ['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029'];

/** Exports `doc` to brat and reads the pair back with Python, the way brat does. */
function readAsBrat(doc: string): { textbound: number; notes: string[]; errors: string[] } {
  const { txt, ann } = toBrat(parseMarkup(doc));
  const dir = mkdtempSync(join(tmpdir(), 'brat-'));
  try {
    writeFileSync(join(dir, 'doc.txt'), txt);
    writeFileSync(join(dir, 'doc.ann'), ann);
    const result = spawnSync('python3', [join(FIXTURES, 'brat', 'check_brat.py'), join(dir, 'doc.txt'), join(dir, 'doc.ann')], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return JSON.parse(result.stdout) as { textbound: number; notes: string[]; errors: string[] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('brat: export loads in brat, whatever the line breaks', () => {
  for (const ch of SPLITLINES) {
    const name = `U+${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
    it(`a span and a note containing ${name} load with every text equal to the document at its offsets`, () => {
      const doc = `[第一页${ch}第二页]{.页 note="注${ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : ch}释"}，[𠮷]{.字}`;
      const parsed = parseMarkup(doc);
      assert.equal(parsed.spans.length, 2, 'the test document has two spans');
      const report = readAsBrat(doc);
      assert.deepEqual(report.errors, []);
      assert.equal(report.textbound, 2);
      assert.equal(report.notes.length, 1);
      // And back: the note keeps its line break.
      const { txt, ann } = toBrat(parseMarkup(doc));
      const back = fromBrat(txt, ann);
      assert.deepEqual(back.problems, []);
      assert.equal(parseMarkup(back.text).spans[0]!.note, parsed.spans[0]!.note);
    });
  }
});

describe('brat import reads what brat reads', () => {
  it('imports a discontinuous annotation as one span per piece, never widened over the gap', () => {
    const r = fromBrat('甲乙丙丁戊己', 'T1\ta 0 2;4 6\t甲乙 戊己\n');
    assert.deepEqual(r.problems, []);
    assert.equal(r.text, '[甲乙]{.a}丙丁[戊己]{.a}');
  });

  it('joins fragments that only skip a line break (a span over two lines, as brat writes it)', () => {
    const r = fromBrat('甲\n乙', 'T1\ta 0 1;2 3\t甲 乙\n');
    assert.equal(r.text, '[甲\n乙]{.a}');
  });

  it('reports an annotation whose text does not match the document at its offsets, as brat does', () => {
    const r = fromBrat('甲乙丙', 'T1\ta 0 2\t甲丙\nT2\tb 2 3\t丙\n');
    assert.equal(r.imported, 1);
    assert.deepEqual(r.problems.map((p) => p.code), ['text-mismatch']);
  });

  it('a note with a carriage return is imported, and its annotation kept', () => {
    const r = fromBrat('甲乙', 'T1\ta 0 2\t甲乙\n#1\tAnnotatorNotes T1\t第一行\\r第二行\n');
    assert.equal(r.imported, 1);
    const spans = parseMarkup(r.text).spans;
    assert.equal(spans.length, 1);
    assert.equal(spans[0]!.note, '第一行\r第二行');
  });
});

describe('notes with line breaks', () => {
  it('survive editing: the span stays, the note reads back with its line breaks', () => {
    const doc = '[区委]{.主体}要发挥作用';
    const span = parseMarkup(doc).spans[0]!;
    for (const note of ['第一行\n第二行', '甲\r\n乙', '丙\u2028丁', 'C:\\new "quoted"']) {
      const result = setSpanNote(span, note);
      assert.ok(result.ok);
      const after = parseMarkup(applyEdits(doc, result.edits));
      assert.equal(after.spans.length, 1, JSON.stringify(note));
      assert.equal(after.spans[0]!.note, note);
      assert.equal(after.problems.length, 0);
      assert.ok(!/[\n\r\u2028]/.test(applyEdits(doc, result.edits)), 'the attribute block stays on one line');
    }
  });

  it('an attribute named __proto__ is kept', () => {
    const p = parseMarkup('[甲]{.a __proto__="x" constructor="y"}');
    assert.equal(p.spans.length, 1);
    assert.equal(p.spans[0]!.attributes['__proto__'], 'x');
    assert.deepEqual(Object.keys(p.spans[0]!.attributes), ['__proto__', 'constructor']);
  });
});
