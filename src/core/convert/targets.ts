/** Character-set variants, with OpenCC's locale names: cn 简体, t 繁體 (OpenCC standard), tw 臺灣, twp 臺灣 with
 *  phrases (鼠标→滑鼠), hk 香港. */
export type ScriptVariant = 'cn' | 't' | 'tw' | 'twp' | 'hk';

export const SCRIPT_VARIANTS: readonly ScriptVariant[] = ['cn', 't', 'tw', 'twp', 'hk'];

export interface ConversionPair {
  readonly from: ScriptVariant;
  readonly to: ScriptVariant;
}

export function isScriptVariant(value: unknown): value is ScriptVariant {
  return typeof value === 'string' && (SCRIPT_VARIANTS as readonly string[]).includes(value);
}

/** Converting to simplified reads traditional by default; every other target reads simplified. */
export function defaultSource(to: ScriptVariant): ScriptVariant {
  return to === 'cn' ? 't' : 'cn';
}

/** The OpenCC configuration name for a pair (s2t, tw2s, s2twp, …), or undefined when OpenCC has none. */
export function openccConfigName({ from, to }: ConversionPair): string | undefined {
  const names: Record<string, string> = {
    'cn>t': 's2t', 'cn>tw': 's2tw', 'cn>twp': 's2twp', 'cn>hk': 's2hk',
    't>cn': 't2s', 'tw>cn': 'tw2s', 'twp>cn': 'tw2sp', 'hk>cn': 'hk2s',
    't>tw': 't2tw', 't>hk': 't2hk', 'tw>t': 'tw2t', 'twp>t': 'tw2t', 'hk>t': 'hk2t',
  };
  return names[`${from}>${to}`];
}
