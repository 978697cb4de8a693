/** Index of the last element ≤ `value` in an ascending array, or -1 when there is none. */
export function lastAtOrBefore(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * The first index in `[0, length)` at which `isPast` holds, `length` when it holds nowhere; `isPast` must be false
 * then true along the indices (a binary search over anything ordered: offsets, positions on a page).
 */
export function firstIndexWhere(length: number, isPast: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isPast(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
