import { lastOf } from './arrays';

/** A replacement of `[start, end)` (UTF-16 offsets of the text it applies to) by `newText`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Applies non-overlapping edits, given in any order, to `text`. Offsets refer to the original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let last = 0;
  for (const edit of sorted) {
    if (edit.start < last) throw new Error(`Overlapping edits at ${edit.start}`);
    parts.push(text.slice(last, edit.start), edit.newText);
    last = edit.end;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * Where an offset of the original text ends up after `edits` (sorted, non-overlapping). An offset inside a
 * replaced range keeps its place in a replacement as long (a cursor inside 會議 stays inside 会议); in one of
 * another length it goes to the start, or to the end with `bias` 'end'.
 */
export function mapOffset(offset: number, edits: readonly TextEdit[], bias: 'start' | 'end' = 'start'): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= offset && !(e.start === e.end && e.start === offset && bias === 'start')) {
      delta += e.newText.length - (e.end - e.start);
    } else if (e.start < offset) {
      if (e.newText.length === e.end - e.start) return offset + delta;
      return bias === 'start' ? e.start + delta : e.start + delta + e.newText.length;
    } else {
      break;
    }
  }
  return offset + delta;
}

/**
 * Joins edits separated by at most `maxGap` unchanged characters on the same line into one edit (the unchanged
 * characters are replaced by themselves). Editors apply each edit separately, so a conversion of a 5 MB
 * traditional text — hundreds of thousands of one-character runs — is applied in a fraction of the time, while
 * nothing outside the changed stretches of a line is touched. Edits must be sorted and non-overlapping.
 */
export function coalesceEdits(text: string, edits: readonly TextEdit[], maxGap: number): TextEdit[] {
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const last = lastOf(out);
    if (last && edit.start - last.end <= maxGap && edit.start >= last.end) {
      const gap = text.slice(last.end, edit.start);
      if (!gap.includes('\n') && !gap.includes('\r')) {
        out[out.length - 1] = { start: last.start, end: edit.end, newText: last.newText + gap + edit.newText };
        continue;
      }
    }
    out.push(edit);
  }
  return out;
}
