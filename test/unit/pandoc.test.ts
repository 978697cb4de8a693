import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { parseMarkup } from '../../src/core/markup/parse';
import { serializeMarkup, type PlainSpan } from '../../src/core/markup/serialize';
import { setSpanNote, wrapInSpan } from '../../src/core/markup/spanEdits';
import { applyEdits } from '../../src/core/text/edits';

/** The parts of Pandoc's JSON AST this test reads. */
interface Inline {
  t: string;
  c?: unknown;
}

/** Text of Pandoc inlines, whitespace as Pandoc keeps it (one space). */
function stringify(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => {
      if (i.t === 'Str') return i.c as string;
      if (i.t === 'Space' || i.t === 'SoftBreak' || i.t === 'LineBreak') return ' ';
      if (i.t === 'Span') return stringify((i.c as [unknown, Inline[]])[1]);
      if (i.t === 'Quoted') {
        const [kind, content] = i.c as [{ t: string }, Inline[]];
        return kind.t === 'DoubleQuote' ? `“${stringify(content)}”` : `‘${stringify(content)}’`;
      }
      return `<${i.t}>`;
    })
    .join('');
}

/** Spans of a Pandoc paragraph in pre-order: [text, classes] (also inside Quoted, Emph and other inlines). */
function pandocSpans(inlines: readonly Inline[], out: [string, string[]][] = []): [string, string[]][] {
  for (const i of inlines) {
    if (i.t === 'Span') {
      const [[, classes], content] = i.c as [[string, string[], unknown], Inline[]];
      out.push([stringify(content), classes]);
      pandocSpans(content, out);
    } else if (i.t === 'Quoted') {
      pandocSpans((i.c as [unknown, Inline[]])[1], out);
    } else if (Array.isArray(i.c) && i.c.every((x) => typeof x === 'object' && x !== null && 't' in x)) {
      pandocSpans(i.c as Inline[], out);
    }
  }
  return out;
}

const normalize = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * Reads each document with Debian's pandoc (`-f markdown -t json`), one run per document: an unbalanced literal
 * bracket in one paragraph can pair with one in a later paragraph in Pandoc, so documents are never joined.
 */
function readWithPandoc(docs: readonly string[]): [string, string[]][][] {
  return docs.map((doc) => {
    const result = spawnSync('pandoc', ['-f', 'markdown', '-t', 'json'], { input: doc, encoding: 'utf8' });
    assert.ok(!result.error, `pandoc must be installed for this test (Debian: apt-get install -y pandoc): ${result.error?.message}`);
    assert.equal(result.status, 0, result.stderr);
    const ast = JSON.parse(result.stdout) as { blocks: { t: string; c: unknown }[] };
    return ast.blocks.flatMap((block) => (block.t === 'Para' || block.t === 'Plain' ? pandocSpans(block.c as Inline[]) : []));
  });
}

/** Text that is plain in Markdown too: Chinese, Chinese punctuation, digits, single spaces, literal brackets. */
const CHUNKS = ['会议', '强调', '要', '加快', '发展', '𠮷', '，', '。', '：', '2023', '年', ' ', '[', ']', '[打印]', '（一）', '、', '“', '”', '\n', '[', ']'];
const TAGS = ['目标', '任务', '主体-中央', 'a_b', 'x:1', '時限'];

/** A document the extension could write: text, then spans added one by one with the editor's own wrapInSpan. */
const written = fc
  .tuple(fc.array(fc.constantFrom(...CHUNKS), { minLength: 2, maxLength: 16 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom(...TAGS), fc.boolean()), { minLength: 1, maxLength: 4 }))
  .map(([chunks, wraps]) => {
    let doc = chunks.join('').replace(/^\s+|\s+$/g, '') || '会议';
    for (const [a, b, tag, note] of wraps) {
      const parsed = parseMarkup(doc);
      const start = a % (doc.length + 1);
      const end = start + (b % (doc.length - start + 1));
      const r = wrapInSpan(parsed, start, end, [tag]);
      if (!r.ok) continue;
      doc = applyEdits(doc, r.edits);
      if (note) {
        const span = parseMarkup(doc).spans.find((s) => s.tags.includes(tag));
        const n = span && setSpanNote(span, '注 "甲"\n乙');
        if (n && n.ok) doc = applyEdits(doc, n.edits);
      }
    }
    return doc;
  });

describe('Pandoc reads every span the extension writes (Debian pandoc as the oracle)', function () {
  this.timeout(120_000);

  it('spans made by tagging: same text and classes', () => {
    const docs = fc.sample(written, { numRuns: 300, seed: 20261125 }).filter((d) => parseMarkup(d).spans.length > 0);
    const read = readWithPandoc(docs);
    docs.forEach((doc, k) => {
      const parsed = parseMarkup(doc);
      const expected = parsed.spans.map((s) => [normalize(parsed.plain.slice(s.plainStart, s.plainEnd)), [...s.tags]]);
      assert.deepEqual(read[k]!.map(([text, classes]) => [normalize(text), classes]), expected, JSON.stringify(doc));
    });
  });

  it('spans written by import (brat, model edits): same text and classes', () => {
    const model = fc.sample(
      fc.tuple(fc.array(fc.constantFrom(...CHUNKS), { minLength: 3, maxLength: 12 }), fc.nat(), fc.nat(), fc.constantFrom(...TAGS)),
      { numRuns: 150, seed: 7 },
    );
    const docs = model
      .map(([chunks, a, b, tag]) => {
        const plain = chunks.join('').replace(/^\s+|\s+$/g, '') || '会议';
        const start = a % plain.length;
        const end = start + 1 + (b % (plain.length - start));
        // Borders between the halves of a surrogate pair (𠮷) are not positions a user can select.
        const splitsPair = (at: number): boolean => /[\udc00-\udfff]/.test(plain[at] ?? '');
        // Nor is a span across a blank line one (Pandoc ends it at the paragraph; brat import refuses it).
        const crossesParagraph = /\n\s*\n/.test(plain.slice(start, end));
        const spans: PlainSpan[] = /^\s|\s$/.test(plain.slice(start, end)) || splitsPair(start) || splitsPair(end) || crossesParagraph ? [] : [{ plainStart: start, plainEnd: end, tags: [tag] }];
        return serializeMarkup({ plain, spans });
      })
      .filter((d) => parseMarkup(d).spans.length > 0);
    const read = readWithPandoc(docs);
    docs.forEach((doc, k) => {
      const parsed = parseMarkup(doc);
      assert.deepEqual(read[k]!.map(([t, c]) => [normalize(t), c]), parsed.spans.map((s) => [normalize(parsed.plain.slice(s.plainStart, s.plainEnd)), [...s.tags]]), doc);
    });
  });
});
