/** The colour of a tag: from the palette, or a stable colour generated from its name (same name, same colour). */
export function tagColor(name: string, palette: readonly { name: string; color?: string }[]): string {
  const defined = palette.find((t) => t.name === name)?.color;
  if (defined && /^(#[0-9a-fA-F]{3,8}|[a-z]+|(rgb|hsl)a?\([^;{}]*\))$/.test(defined)) return defined;
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619);
  const hue = (hash >>> 0) % 360;
  return `hsl(${hue}, 65%, 48%)`;
}
