/**
 * A tree parent with more children than this lists them in groups of consecutive children (collapsed), at most
 * about `MAX_GROUPS` of them: every refresh sends the expanded rows to the workbench, and tens of thousands of rows
 * took seconds (a document of 200,000 directives expanded in one view held the extension host for four).
 */
const GROUP_ABOVE = 500;
const MAX_GROUPS = 250;
const MIN_GROUP_SIZE = 200;

/** `children` in runs of consecutive children when there are too many to list at once; undefined when they fit. */
export function childGroups<T>(children: readonly T[]): T[][] | undefined {
  if (children.length <= GROUP_ABOVE) return undefined;
  const size = Math.max(MIN_GROUP_SIZE, Math.ceil(children.length / MAX_GROUPS));
  const groups: T[][] = [];
  for (let from = 0; from < children.length; from += size) groups.push(children.slice(from, from + size));
  return groups;
}
