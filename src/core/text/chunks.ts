/**
 * `[start, end)` ranges that cover `text`, each about `size` characters long and ending after a line break (or at
 * the end of the text), so that work done piece by piece never splits a line.
 */
export function lineAlignedRanges(text: string, size: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const newline = text.indexOf('\n', end);
      end = newline < 0 ? text.length : newline + 1;
    }
    ranges.push({ start, end });
    start = end;
  }
  return ranges.length > 0 ? ranges : [{ start: 0, end: 0 }];
}
