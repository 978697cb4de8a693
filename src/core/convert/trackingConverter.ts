import type { TextEdit } from '../text/edits';
import { applyEdits, isLowSurrogate } from '../text/edits';
import { lastOf } from '../text/arrays';

/**
 * The part of opencc-js we build on: its dictionary trie (longest-prefix matching over code points). We drive the
 * same tries in the same order as opencc-js's own converter, but remember where each replacement came from, so
 * that the result can be expressed as minimal edits against the *original* offsets even when a replacement
 * changes length (s2twp: 鼠标→滑鼠, 内存→記憶體).
 */
export interface PrefixTrie {
  matchPrefix(text: string, offset: number): { end: number; value: string } | null;
}

/** A replacement that changed length: `[inStart, inEnd)` of a stage's input became `[outStart, outEnd)`. */
interface Block {
  inStart: number;
  inEnd: number;
  outStart: number;
  outEnd: number;
}

interface StageResult {
  text: string;
  blocks: Block[];
}

export interface ConverterStages {
  /** Tries applied in turn to the whole text (CJK compatibility ideographs → unified). */
  readonly normalization: readonly PrefixTrie[];
  /** Splits the text into phrases first; conversion tries then work inside each phrase. */
  readonly segmentation?: PrefixTrie;
  readonly conversion: readonly PrefixTrie[];
}

/**
 * A changed run. `phrase` marks one dictionary replacement that changes length (内存→記憶體): it must be applied
 * whole. Other runs change character for character and may be split anywhere.
 */
export interface ConversionEdit extends TextEdit {
  readonly phrase?: true;
}

export interface ConversionResult {
  readonly text: string;
  /** Changed runs only, in original offsets, sorted and non-overlapping; phrases are never joined to neighbours. */
  readonly edits: ConversionEdit[];
}

function ideographicDescriptionArity(cp: number): number {
  if (cp >= 0x2ff0 && cp <= 0x2ff1) return 2;
  if (cp >= 0x2ff2 && cp <= 0x2ff3) return 3;
  if (cp >= 0x2ff4 && cp <= 0x2fff) return 2;
  return 0;
}

function codePointLength(s: string, i: number): number {
  return (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
}

const CHUNK_BITS = 12;
const CHUNK_MASK = (1 << CHUNK_BITS) - 1;

/** Deeper than this, a run of description characters is no sequence a font could draw: its characters stand alone. */
const MAX_DESCRIPTION_DEPTH = 16;

/**
 * An ideographic description sequence (⿰氵工) is one unit that no dictionary entry may start inside. Where each
 * sequence ends is computed once per position (a run of thousands of ⿰ would otherwise take exponential time, as it
 * does in opencc-js itself) and never deeper than MAX_DESCRIPTION_DEPTH (no deep recursion).
 */
class DescriptionSequences {
  /**
   * Ends found, by offset, in chunks made only where description characters are (a document with one ⿰ pays for
   * one chunk, not for an array of its length); 0 is "not found yet", else the end plus one. A Map of every offset
   * of a run of ⿰ grew by rehashing and its entries were garbage to collect.
   */
  private readonly chunks: (Int32Array | undefined)[] = [];
  constructor(private readonly s: string) {}

  /** End of the complete sequence starting at `i`, or 0 when none starts there (or it is incomplete). */
  endAt(i: number, depth = 0): number {
    const s = this.s;
    const arity = ideographicDescriptionArity(s.codePointAt(i) ?? 0);
    if (arity === 0 || depth >= MAX_DESCRIPTION_DEPTH) return 0;
    const chunk = (this.chunks[i >>> CHUNK_BITS] ??= new Int32Array(1 << CHUNK_BITS));
    const known = chunk[i & CHUNK_MASK]!;
    if (known !== 0) return known - 1;
    let end = i + codePointLength(s, i);
    for (let n = 0; n < arity && end !== 0; n++) {
      if (end >= s.length) end = 0;
      else end = this.endAt(end, depth + 1) || end + codePointLength(s, end);
    }
    chunk[i & CHUNK_MASK] = end + 1;
    return end;
  }

  /** Length of the unit at `i`: a whole description sequence, or one code point. */
  unitLength(i: number): number {
    const end = this.endAt(i);
    return end > i ? end - i : codePointLength(this.s, i);
  }
}

/**
 * What one stage made of its input: the output as pieces (joined only when asked for), the length changes, and the
 * changed runs as edits of its input (`changed` false when every match gave back what it matched).
 */
interface StageRun {
  readonly out: string[];
  readonly blocks: Block[];
  readonly edits: ConversionEdit[];
  changed: boolean;
  /**
   * Whether to note edits: only until a stage has changed the text (edits of a later stage are of no use: either it
   * changes nothing, and the earlier stage's edits are the answer, or it does, and the stages are diffed).
   */
  readonly record: boolean;
  /**
   * Whether to keep the output's pieces. The last stage's output is rarely read when its edits are noted (planning
   * reads the edits): then it is made from them if asked for, and its pieces — one per dictionary match, ten
   * million for 20 MB — are never collected (a fifth of a 20 MB plan's time went to the collector).
   */
  readonly keepOutput: boolean;
  /** Where description sequences end in the stage's input (found once, shared by its segments). */
  units?: DescriptionSequences;
}

/**
 * The longest dictionary match at `i` that ends by `end`: the trie's own match, unless it runs past `end` (a
 * segment border), then the match within the segment alone. (No segment is copied out of the text for matching.)
 */
function matchWithin(trie: PrefixTrie, s: string, i: number, end: number): { end: number; value: string } | null {
  const m = trie.matchPrefix(s, i);
  if (!m || m.end <= end) return m;
  const inside = trie.matchPrefix(s.slice(i, end), 0);
  return inside && { end: i + inside.end, value: inside.value };
}

/**
 * Converts `[from, to)` of `s` with one trie, appending to the stage's output pieces, length changes and edits
 * (same-length replacements narrowed to the code units that differ, as a diff would find them).
 */
function convertRange(trie: PrefixTrie, s: string, from: number, to: number, run: StageRun, outPos: number): number {
  const { out, blocks, edits, keepOutput } = run;
  let plainFrom = -1;
  for (let i = from; i < to; ) {
    const m = matchWithin(trie, s, i, to);
    if (m) {
      if (plainFrom >= 0) {
        if (keepOutput) out.push(s.slice(plainFrom, i));
        outPos += i - plainFrom;
        plainFrom = -1;
      }
      if (keepOutput) out.push(m.value);
      const value = m.value;
      if (value.length !== m.end - i) {
        blocks.push({ inStart: i, inEnd: m.end, outStart: outPos, outEnd: outPos + value.length });
        if (run.record) edits.push({ start: i, end: m.end, newText: value, phrase: true });
        run.changed = true;
      } else if (!s.startsWith(value, i)) {
        run.changed = true;
        if (run.record) pushDifferingRuns(edits, s, i, value);
      }
      outPos += value.length;
      i = m.end;
    } else {
      if (plainFrom < 0) plainFrom = i;
      i += unmatchedUnit(s, i, to, run);
    }
  }
  if (plainFrom >= 0) {
    if (keepOutput) out.push(s.slice(plainFrom, to));
    outPos += to - plainFrom;
  }
  return outPos;
}

/**
 * Runs of code units that differ between `value` and the same-length text it replaces at `i`, as edits; a run never
 * ends between the halves of a surrogate pair.
 */
function pushDifferingRuns(edits: ConversionEdit[], s: string, i: number, value: string): void {
  for (let k = 0; k < value.length; ) {
    if (s.charCodeAt(i + k) === value.charCodeAt(k)) {
      k++;
      continue;
    }
    let a = k;
    if (a > 0 && isLowSurrogate(s.charCodeAt(i + a))) a--;
    k++;
    while (k < value.length && (s.charCodeAt(i + k) !== value.charCodeAt(k) || isLowSurrogate(s.charCodeAt(i + k)))) k++;
    pushEdit(edits, { start: i + a, end: i + k, newText: value.slice(a, k) });
  }
}

/**
 * Length of the unit no dictionary entry matched at `i`, within `[i, end)`: a code point, or a whole description
 * sequence. Only an ideographic description character (U+2FF0–2FFF) starts a sequence, and one that runs past
 * `end` is no sequence there. `holder` keeps where sequences end in `s` (found once).
 */
function unmatchedUnit(s: string, i: number, end: number, holder: { units?: DescriptionSequences }): number {
  const c = s.charCodeAt(i);
  const single = c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1)) ? 2 : 1;
  if (c < 0x2ff0 || c > 0x2fff) return single;
  const unit = (holder.units ??= new DescriptionSequences(s)).unitLength(i);
  return i + unit <= end ? unit : single;
}

/** A stage's run; `keepOutput` only when `record` (otherwise its output could not be made from its edits). */
function newRun(record: boolean, keepOutput: boolean): StageRun {
  return { out: [], blocks: [], edits: [], changed: false, record, keepOutput: keepOutput || !record };
}

/** A stage's output text: its input itself when it changed nothing (no copy of a 5 MB text). */
function outputOf(run: StageRun, input: string): string {
  if (!run.changed) return input;
  return run.keepOutput ? run.out.join('') : applyEdits(input, run.edits);
}

function runWhole(trie: PrefixTrie, s: string, record: boolean, keepOutput: boolean): StageRun {
  const run = newRun(record, keepOutput);
  convertRange(trie, s, 0, s.length, run, 0);
  return run;
}

/** Maps a position that is not strictly inside a block from a stage's input to its output (or back). */
class BlockMapper {
  private k = 0;
  private delta = 0;
  constructor(private readonly blocks: readonly Block[], private readonly forward: boolean) {}
  /** Positions must be queried in ascending order. */
  map(pos: number): number {
    const blocks = this.blocks;
    while (this.k < blocks.length) {
      const b = blocks[this.k]!;
      const end = this.forward ? b.inEnd : b.outEnd;
      if (end > pos) break;
      this.delta = this.forward ? b.outEnd - b.inEnd : b.inEnd - b.outEnd;
      this.k++;
    }
    return pos + this.delta;
  }
}

/** Composes input→mid (first) and mid→output (second) block lists into input→output blocks. */
function composeBlocks(first: readonly Block[], second: readonly Block[]): Block[] {
  if (first.length === 0) return second.slice();
  if (second.length === 0) return first.slice();
  const intervals: [number, number][] = [];
  for (const b of first) intervals.push([b.outStart, b.outEnd]);
  for (const b of second) intervals.push([b.inStart, b.inEnd]);
  intervals.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const iv of intervals) {
    const last = lastOf(merged);
    if (last && iv[0] < last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  const toInput = new BlockMapper(first, false);
  const toOutput = new BlockMapper(second, true);
  const composed: Block[] = [];
  for (const [m1, m2] of merged) {
    const inStart = toInput.map(m1);
    const outStart = toOutput.map(m1);
    composed.push({ inStart, inEnd: toInput.map(m2), outStart, outEnd: toOutput.map(m2) });
  }
  return composed;
}

function compose(stages: StageResult[], input: string): StageResult {
  let result: StageResult = { text: input, blocks: [] };
  for (const stage of stages) result = { text: stage.text, blocks: composeBlocks(result.blocks, stage.blocks) };
  return result;
}

/**
 * Where opencc-js's `segment` would cut the text, without making the segments: each dictionary match is a segment,
 * and so is each run of unmatched characters between matches. (Its own `segment` steps over unmatched text with
 * an ideographic-description check that takes exponential time on a run of ⿰: 40 of them took 16 ms, 80 hours.)
 */
function segmentBorders(trie: PrefixTrie, s: string): number[] {
  const borders = [0];
  const holder: { units?: DescriptionSequences } = {};
  let unmatched = false;
  for (let i = 0; i < s.length; ) {
    const m = trie.matchPrefix(s, i);
    if (m) {
      if (unmatched) borders.push(i);
      unmatched = false;
      borders.push(m.end);
      i = m.end;
    } else {
      unmatched = true;
      i += unmatchedUnit(s, i, s.length, holder);
    }
  }
  if (unmatched) borders.push(s.length);
  return borders;
}

/** Runs a trie over each segment separately, so no match crosses a segment border. */
function runSegmented(trie: PrefixTrie, s: string, borders: number[], record: boolean, keepOutput: boolean): { run: StageRun; borders: number[] } {
  const run = newRun(record, keepOutput);
  const next: number[] = [0];
  let outPos = 0;
  for (let k = 0; k + 1 < borders.length; k++) {
    outPos = convertRange(trie, s, borders[k]!, borders[k + 1]!, run, outPos);
    next.push(outPos);
  }
  return { run, borders: next };
}

/** Converts with the given stages, exactly as opencc-js does, and returns minimal edits. */
export function convertTracked(stages: ConverterStages, input: string): ConversionResult {
  // Each stage with its input; a stage's output is joined only when something reads it (the last one's, maybe never).
  const done: { run: StageRun; input: string }[] = [];
  let text = input;
  const last = stages.normalization.length + stages.conversion.length - 1;
  const advance = (run: StageRun): void => {
    done.push({ run, input: text });
    if (done.length - 1 < last) text = outputOf(run, text);
  };
  const record = (): boolean => !done.some((d) => d.run.changed);
  // Every stage's output is read by the next; the last one's only if asked for (or to compose it with earlier ones').
  const keepOutput = (): boolean => done.length < last;
  for (const trie of stages.normalization) advance(runWhole(trie, text, record(), keepOutput()));
  let borders = stages.segmentation ? segmentBorders(stages.segmentation, text) : [0, text.length];
  if (text.length === 0) borders = [0, 0];
  for (const trie of stages.conversion) {
    const r = runSegmented(trie, text, borders, record(), keepOutput());
    borders = r.borders;
    advance(r.run);
  }
  const final = done[done.length - 1];
  let output: string | undefined;
  const outputText = (): string => (output ??= final ? outputOf(final.run, final.input) : input);
  // The usual case: one stage changed the text (t2s: the characters; normalisation finds nothing). Its edits are
  // edits of the input as it is, with no diff of the whole text against the result.
  const changing = done.filter((d) => d.run.changed);
  if (changing.length <= 1) {
    const edits = changing[0]?.run.edits ?? [];
    return {
      edits,
      get text(): string {
        return outputText();
      },
    };
  }
  const results: StageResult[] = done.map((d, k) => ({ text: k === done.length - 1 ? outputText() : done[k + 1]!.input, blocks: d.run.blocks }));
  const total = compose(results, input);
  return { text: total.text, edits: diffWithBlocks(input, total.text, total.blocks) };
}

/** Changed runs between `before` and `after`, which align character by character outside `blocks`. */
export function diffWithBlocks(before: string, after: string, blocks: readonly Block[]): ConversionEdit[] {
  const edits: ConversionEdit[] = [];
  let delta = 0;
  let i = 0;
  const sentinel: Block = { inStart: before.length, inEnd: before.length, outStart: after.length, outEnd: after.length };
  for (let k = 0; k <= blocks.length; k++) {
    const b = k < blocks.length ? blocks[k]! : sentinel;
    // Hot loop: runs of differing units between blocks. A run never ends between the halves of a surrogate pair.
    const limit = b.inStart;
    while (i < limit) {
      if (before.charCodeAt(i) === after.charCodeAt(i + delta)) {
        i++;
        continue;
      }
      let start = i;
      if (start > 0 && isLowSurrogate(before.charCodeAt(start))) start--;
      i++;
      while (i < limit && (before.charCodeAt(i) !== after.charCodeAt(i + delta) || isLowSurrogate(before.charCodeAt(i)))) i++;
      pushEdit(edits, { start, end: i, newText: after.slice(start + delta, i + delta) });
    }
    if (b !== sentinel) {
      const replaced = after.slice(b.outStart, b.outEnd);
      if (before.slice(b.inStart, b.inEnd) !== replaced) {
        if (replaced.length !== b.inEnd - b.inStart) edits.push({ start: b.inStart, end: b.inEnd, newText: replaced, phrase: true });
        else pushEdit(edits, { start: b.inStart, end: b.inEnd, newText: replaced });
      }
      i = b.inEnd;
      delta = b.outEnd - b.inEnd;
    }
  }
  return edits;
}

/** Appends a same-length edit, joining it with the previous one when they touch (never with a phrase). */
function pushEdit(edits: ConversionEdit[], edit: TextEdit): void {
  const last = edits[edits.length - 1];
  if (last && last.end === edit.start && !last.phrase) edits[edits.length - 1] = { start: last.start, end: edit.end, newText: last.newText + edit.newText };
  else edits.push(edit);
}
