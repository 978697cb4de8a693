/**
 * `array` with `deleteCount` items at `from` replaced by `items`, as a new array. `splice(from, n, ...items)` passes
 * every item as an argument, and a big edit (a revert of a 50 MB document: 200,000 lines) overflows the stack.
 */
export function replaceRange<T>(array: readonly T[], from: number, deleteCount: number, items: readonly T[]): T[] {
  return array.slice(0, from).concat(items, array.slice(from + deleteCount));
}
