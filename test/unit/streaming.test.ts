import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { CLEANUP_KINDS, planCleanup } from '../../src/core/clean/cleanup';
import { DirectiveStream, inferDirectives } from '../../src/core/directives/infer';
import { lastBalancedLineEnd, parseMarkup } from '../../src/core/markup/parse';
import { applyEdits } from '../../src/core/text/edits';
import { runCli } from '../../src/cli/main';
import { CORPUS, EXTRA, ROOT, sample } from './helpers';

/** Splits `text` as the command line's reader does: pieces of about `size` characters, each cut where no span is open. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  let pending = '';
  for (let i = 0; i < text.length; i += size) {
    pending += text.slice(i, i + size);
    const at = lastBalancedLineEnd(pending);
    if (at === 0) continue;
    out.push(pending.slice(0, at));
    pending = pending.slice(at);
  }
  out.push(pending);
  return out;
}

function streamed(text: string, size: number, markdown = false): ReturnType<typeof inferDirectives> {
  const stream = new DirectiveStream(undefined, { markdown });
  let base = 0;
  return pieces(text, size).flatMap((piece) => {
    const items = stream.next(parseMarkup(piece), base);
    base += piece.length;
    return items;
  });
}

/** Spans of a text read piece by piece, in the whole text's offsets. */
function spansOfPieces(text: string, size: number): unknown[] {
  let base = 0;
  return pieces(text, size).flatMap((piece) => {
    const spans = parseMarkup(piece).spans.map((s) => [s.start + base, s.end + base, s.tags.join(' '), s.note ?? '']);
    base += piece.length;
    return spans;
  });
}

describe('reading line by line (the command line streams large files)', () => {
  const annotated = '[全会]{.主体}提出，要[坚持\n党的领导]{.原则 note="跨[行]"}。\n一、总体要求\n（一）各级要落实。\n\\[不是]{.a}要\n[打印]\n';

  it('cuts only at a line end where no span is open', () => {
    assert.equal(lastBalancedLineEnd('a\n[b\nc]{.x}\nd'), 'a\n[b\nc]{.x}\n'.length);
    assert.equal(lastBalancedLineEnd('[b\nc'), 0);
    // A bracket inside a quoted note does not open anything; an escaped one neither.
    assert.equal(lastBalancedLineEnd('[x]{.t note="["}\ny'), '[x]{.t note="["}\n'.length);
    assert.equal(lastBalancedLineEnd('\\[x\ny'), 2 + 2);
    // After an unmatched ]{ the parser reads on inside the block: its [ opens.
    assert.equal(lastBalancedLineEnd('a]{.t note="["}\nb'), 0);
  });

  it('finds the same spans, directives and clean-ups piece by piece as in the whole text (all samples, small pieces)', () => {
    for (const name of [...CORPUS, ...EXTRA]) {
      const text = sample(name);
      for (const size of [97, 1000]) {
        assert.deepEqual(streamed(text, size), inferDirectives(parseMarkup(text)), `${name}, pieces of ${size}`);
      }
      const whole = CLEANUP_KINDS.map((k) => applyEdits(text, planCleanup(parseMarkup(text), k).edits));
      const byPiece = CLEANUP_KINDS.map((k) => pieces(text, 500).map((p) => applyEdits(p, planCleanup(parseMarkup(p), k).edits)).join(''));
      assert.deepEqual(byPiece, whole, name);
    }
    assert.deepEqual(streamed(annotated, 3), inferDirectives(parseMarkup(annotated)));
    assert.deepEqual(streamed('# 一\n要做\n## 二\n必须要做\n', 2, true), inferDirectives(parseMarkup('# 一\n要做\n## 二\n必须要做\n'), undefined, undefined, { markdown: true }));
  });

  it('reads markup the same piece by piece for any mix of brackets, notes, escapes and lines', () => {
    const token = fc.constantFrom('[', ']', ']{.t}', ']{.t note="[x"}', ']{bad', '{', '}', '\\[', '\\', '\n', '\n', '要', '，', '全会提出', '一、', 'a');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (tokens, size) => {
        const text = tokens.join('');
        assert.deepEqual(pieces(text, size).join(''), text);
        const whole = parseMarkup(text).spans.map((s) => [s.start, s.end, s.tags.join(' '), s.note ?? '']);
        assert.deepEqual(spansOfPieces(text, size), whole);
        assert.deepEqual(streamed(text, size), inferDirectives(parseMarkup(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('code-point offsets carry from one piece to the next (astral characters in every piece, a BOM first)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'policy-annotator-stream-'));
    try {
      const block = '𠮷[全会]{.主体}提出，各级党委要坚持稳中求进。\n他指出，要扎实推进共同富裕𠀀。\n';
      const text = block.repeat(Math.ceil(700_000 / block.length));
      const file = join(dir, 'astral.txt');
      writeFileSync(file, '\ufeff' + text);
      let out = '';
      const code = await runCli(['directives', '--json', '--offsets', 'code-points', file], { stdout: (t) => (out += t), stderr: () => undefined });
      assert.equal(code, 0);
      const items = JSON.parse(out) as { anchor: number; kind: string }[];
      const whole = inferDirectives(parseMarkup(text));
      assert.equal(items.length, whole.length);
      // Python's view: the file read as a str (BOM included), indexed by code points.
      const asRead = [...('\ufeff' + text)];
      for (const [i, item] of items.entries()) if (item.kind === 'directive') assert.equal(asRead[item.anchor], '要', `item ${i}`);
      assert.equal(items.at(-1)!.anchor, [...text.slice(0, whole.at(-1)!.anchor)].length + 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the bundled command line reads a file larger than its heap: directives and clean-up stream', function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'policy-annotator-stream-'));
    try {
      // ~60 MB of Chinese: as one string (2 bytes a character) it alone would fill the 48 MB heap.
      const unit = sample('wulong-district-plenum-2021.txt') + '\n[全会]{.主体}提出，各级党委要坚持稳中求进,,工作总基调(市、区)。\n';
      const file = join(dir, 'big.txt');
      const block = unit.repeat(Math.ceil((1 << 20) / unit.length));
      writeFileSync(file, block.repeat(20));
      const bin = join(ROOT, 'dist', 'cli.js');
      const run = (...args: string[]): ReturnType<typeof spawnSync> =>
        spawnSync(process.execPath, ['--max-old-space-size=48', bin, ...args], { maxBuffer: 1 << 30, encoding: 'buffer' });
      const d = run('directives', '--json', file);
      assert.equal(d.status, 0, String(d.stderr));
      const items = JSON.parse(String(d.stdout)) as { kind: string; start: number }[];
      const perBlock = inferDirectives(parseMarkup(block)).length;
      assert.equal(items.length, perBlock * 20);
      assert.equal(items.at(-1)!.start, block.length * 19 + inferDirectives(parseMarkup(block)).at(-1)!.start);
      const c = run('clean', file);
      assert.equal(c.status, 0, String(c.stderr));
      const cleanedBlock = CLEANUP_KINDS.reduce((t, k) => applyEdits(t, planCleanup(parseMarkup(t), k).edits), block);
      assert.equal((c.stdout as Buffer).length, Buffer.byteLength(cleanedBlock) * 20);
      assert.equal((c.stdout as Buffer).subarray(0, Buffer.byteLength(cleanedBlock)).toString(), cleanedBlock);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
