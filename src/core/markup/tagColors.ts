/** The colour of a tag: from the palette, or a stable colour generated from its name (same name, same colour). */
export function tagColor(name: string, palette: readonly { name: string; color?: string }[]): string {
  const defined = palette.find((t) => t.name === name)?.color;
  if (defined && /^(#[0-9a-fA-F]{3,8}|[a-z]+|(rgb|hsl)a?\([^;{}]*\))$/.test(defined)) return defined;
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619);
  const hue = (hash >>> 0) % 360;
  return `hsl(${hue}, 65%, 48%)`;
}

/** The colour of a tag as `#rrggbb` (what REFI-QDA and other tools read): hex palette colours as they are, others converted. */
export function tagColorHex(name: string, palette: readonly { name: string; color?: string }[]): string {
  const color = tagColor(name, palette);
  if (/^#[0-9a-fA-F]{6}$/.test(color)) return color.toLowerCase();
  const short = /^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$/.exec(color);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toLowerCase();
  const hsl = /^hsl\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)%,\s*(\d+(?:\.\d+)?)%\)$/.exec(color);
  if (!hsl) return tagColorHex(name, []);
  const h = Number(hsl[1]) / 360;
  const s = Number(hsl[2]) / 100;
  const l = Number(hsl[3]) / 100;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t: number): string => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    const v = x < 1 / 6 ? p + (q - p) * 6 * x : x < 1 / 2 ? q : x < 2 / 3 ? p + (q - p) * (2 / 3 - x) * 6 : p;
    return Math.round(v * 255).toString(16).padStart(2, '0');
  };
  return `#${channel(h + 1 / 3)}${channel(h)}${channel(h - 1 / 3)}`;
}
