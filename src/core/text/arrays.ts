/**
 * `array` with `deleteCount` items at `from` replaced by `items`, as a new array. `splice(from, n, ...items)` passes
 * every item as an argument, and a big edit (a revert of a 50 MB document: 200,000 lines) overflows the stack.
 */
export function replaceRange<T>(array: readonly T[], from: number, deleteCount: number, items: readonly T[]): T[] {
  return array.slice(0, from).concat(items, array.slice(from + deleteCount));
}

/**
 * The last item of `array`, undefined when it is empty. Not `array[array.length - 1]`: on an empty array that reads
 * index -1, which V8 looks up as a property name — some 30 times slower than an element, and hot loops do it per item.
 */
export function lastOf<T>(array: readonly T[]): T | undefined {
  return array.length > 0 ? array[array.length - 1] : undefined;
}
