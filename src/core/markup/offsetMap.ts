import { lastAtOrBefore } from '../text/search';
import type { DocOffset, PlainOffset } from './types';

/**
 * Maps between document offsets and plain-text offsets. The plain text is the document with markup removed, so
 * the document is a sequence of kept runs separated by markup; each kept run is copied verbatim (CRLF and
 * surrogate pairs included), which makes the mapping exact in UTF-16 units.
 */
export class OffsetMap {
  /**
   * Start of each non-empty kept run, in document and in plain-text coordinates, and the plain text's length (where
   * the last run ends): a run's length is where the next one starts in the plain text. Two lists, not three: a
   * scraped line makes one map, a big annotated document one with a run per span border.
   */
  private constructor(
    private readonly docStarts: readonly number[],
    private readonly plainStarts: readonly number[],
    private readonly plainLength: number,
  ) {}

  /** The length of the `k`-th run. */
  private lengthOf(k: number): number {
    return (k + 1 < this.plainStarts.length ? this.plainStarts[k + 1]! : this.plainLength) - this.plainStarts[k]!;
  }

  /**
   * The map of `count` kept runs given as parallel lists (document starts and non-empty lengths, in order). Its lists
   * are made at their size, not grown: a scraped line with dozens of readings makes one map.
   */
  static fromKept(docStarts: ArrayLike<number>, lengths: ArrayLike<number>, count = docStarts.length): OffsetMap {
    const starts = new Array<number>(count);
    const plainStarts = new Array<number>(count);
    let plain = 0;
    for (let k = 0; k < count; k++) {
      starts[k] = docStarts[k]!;
      plainStarts[k] = plain;
      plain += lengths[k]!;
    }
    return new OffsetMap(starts, plainStarts, plain);
  }

  /** The map of a text that lost nothing: every offset maps to itself. */
  static identity(length: number): OffsetMap {
    return length > 0 ? OffsetMap.fromKept([0], [length]) : OffsetMap.fromKept([], []);
  }

  /** True when document and plain text are the same (no markup). */
  get isIdentity(): boolean {
    return this.docStarts.length === 0 || (this.docStarts.length === 1 && this.docStarts[0] === 0);
  }

  /** The kept runs, for callers that walk the document run by run. */
  runs(): { docStart: DocOffset; plainStart: PlainOffset; length: number }[] {
    return this.docStarts.map((docStart, k) => ({ docStart, plainStart: this.plainStarts[k]!, length: this.lengthOf(k) }));
  }

  /**
   * The kept runs that touch the document range `[from, to]` (borders included), as document ranges: found by a
   * search, not by walking every run (a window of a big annotated document).
   */
  docRunsTouching(from: DocOffset, to: DocOffset): { start: DocOffset; end: DocOffset }[] {
    const found: { start: DocOffset; end: DocOffset }[] = [];
    for (let k = Math.max(0, lastAtOrBefore(this.docStarts, from)); k < this.docStarts.length && this.docStarts[k]! <= to; k++) {
      const start = this.docStarts[k]!;
      const end = start + this.lengthOf(k);
      if (end >= from) found.push({ start, end });
    }
    return found;
  }

  /** A document offset inside markup maps to the plain offset where that markup was removed. */
  toPlain(doc: DocOffset): PlainOffset {
    const k = lastAtOrBefore(this.docStarts, doc);
    if (k < 0) return 0;
    const within = doc - this.docStarts[k]!;
    return this.plainStarts[k]! + Math.min(within, this.lengthOf(k));
  }

  /**
   * A plain offset on the border of two runs has two document positions: the end of the earlier run ('before',
   * i.e. ahead of the markup between them) or the start of the later run ('after').
   */
  toDoc(plain: PlainOffset, bias: 'before' | 'after' = 'after'): DocOffset {
    let k = lastAtOrBefore(this.plainStarts, plain);
    if (k < 0) return this.docStarts.length > 0 ? (bias === 'after' ? this.docStarts[0]! : 0) : plain;
    if (bias === 'before' && k > 0 && this.plainStarts[k] === plain) k--;
    return this.docStarts[k]! + (plain - this.plainStarts[k]!);
  }

  /**
   * True when, for every plain offset `x` in `[from, to]` and either bias, `other.toDoc(x + plainShift)` is
   * `this.toDoc(x) + docShift`: the two maps read that stretch of text alike (what is reused after an edit).
   * Linear in the number of runs in the stretch.
   */
  agreesWith(other: OffsetMap, from: PlainOffset, to: PlainOffset, plainShift: number, docShift: number): boolean {
    for (const bias of ['before', 'after'] as const) if (this.toDoc(from, bias) + docShift !== other.toDoc(from + plainShift, bias)) return false;
    // Between run borders both maps are linear, so they agree if they have the same borders, mapped alike.
    let k = lastAtOrBefore(this.plainStarts, from);
    let j = lastAtOrBefore(other.plainStarts, from + plainShift);
    for (;;) {
      const nextHere = k + 1 < this.plainStarts.length && this.plainStarts[k + 1]! <= to ? this.plainStarts[k + 1]! : undefined;
      const nextThere = j + 1 < other.plainStarts.length && other.plainStarts[j + 1]! <= to + plainShift ? other.plainStarts[j + 1]! - plainShift : undefined;
      if (nextHere === undefined && nextThere === undefined) return true;
      if (nextHere !== nextThere) return false;
      k++;
      j++;
      if (this.docStarts[k]! + docShift !== other.docStarts[j]!) return false;
    }
  }
}

/**
 * `text` without the given ranges (sorted, non-overlapping `[start, end)`), and the map from the result back to
 * `text`: what markup, injected pinyin and Markdown syntax removal all come down to.
 */
export function withoutRanges(text: string, removed: readonly (readonly [number, number])[]): { text: string; map: OffsetMap } {
  return withoutSortedRanges(
    text,
    removed.map((r) => r[0]),
    removed.map((r) => r[1]),
  );
}

/** `withoutRanges` with the ranges given as two lists, starts and ends (no pair per range: a document may hold 300,000). */
export function withoutSortedRanges(text: string, starts: ArrayLike<number>, ends: ArrayLike<number>): { text: string; map: OffsetMap } {
  if (starts.length === 0) return { text, map: OffsetMap.identity(text.length) };
  const docStarts: number[] = [];
  const lengths: number[] = [];
  const pieces: string[] = [];
  let last = 0;
  const keep = (from: number, to: number): void => {
    if (to <= from) return;
    docStarts.push(from);
    lengths.push(to - from);
    pieces.push(text.slice(from, to));
  };
  for (let k = 0; k < starts.length; k++) {
    keep(last, starts[k]!);
    last = ends[k]!;
  }
  keep(last, text.length);
  return { text: pieces.join(''), map: OffsetMap.fromKept(docStarts, lengths) };
}
