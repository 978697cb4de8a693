import { firstIndexWhere } from './search';

/** Something with a start and an end offset, kept in order of `start`. */
export interface Ranged {
  readonly start: number;
  readonly end: number;
}

/** Index of the first element whose start is at or after `offset` (elements in order of start). */
export function firstStartingAt(sorted: readonly Ranged[], offset: number): number {
  return firstIndexWhere(sorted.length, (k) => sorted[k]!.start >= offset);
}

const reachCache = new WeakMap<readonly Ranged[], Float64Array>();

/** For each index, the furthest end among the elements up to it: where a long element started before still reaches. */
function reach(sorted: readonly Ranged[]): Float64Array {
  let ends = reachCache.get(sorted);
  if (!ends) {
    ends = new Float64Array(sorted.length);
    let max = -Infinity;
    for (let k = 0; k < sorted.length; k++) ends[k] = max = Math.max(max, sorted[k]!.end);
    reachCache.set(sorted, ends);
  }
  return ends;
}

/**
 * The elements (in order of start, which may nest or cross) that touch `[from, to]`: what a view needs to draw for a
 * window of a long document, found without walking the elements before it. The first call for an array is linear
 * (it notes how far the elements reach); later calls cost a binary search plus what they return.
 */
export function overlapping<T extends Ranged>(sorted: readonly T[], from: number, to: number): T[] {
  const ends = reach(sorted);
  const lo = firstIndexWhere(sorted.length, (k) => ends[k]! >= from);
  const out: T[] = [];
  for (let k = lo; k < sorted.length && sorted[k]!.start <= to; k++) if (sorted[k]!.end >= from) out.push(sorted[k]!);
  return out;
}
