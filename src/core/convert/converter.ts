import { openccConfigName, type ConversionPair } from './targets';
import { convertTracked, type ConversionEdit, type ConverterStages, type PrefixTrie } from './trackingConverter';

/**
 * Conversion with opencc-js, loaded on first use: its dictionaries are megabytes of data and building one
 * converter costs ~100 ms, so nothing here runs at import time and each configuration is built once.
 */
export interface Converter {
  readonly pair: ConversionPair;
  readonly configName: string;
  /** Converts and reports the changed runs (minimal edits, original offsets; length-changing phrases marked). */
  convert(text: string): { text: string; edits: ConversionEdit[] };
}

type DictLike = string | readonly (readonly [string, string])[];
type DictGroup = readonly DictLike[];
interface PresetConfig {
  normalizationChain?: readonly DictGroup[];
  segmentation?: DictLike | DictGroup;
  conversionChain: readonly DictGroup[];
}
/** What we use of opencc-js: its trie, its converter (the reference) and its preset configurations. */
export interface OpenccModules {
  Trie: new () => PrefixTrie & { loadDict(d: DictLike): void; loadDictGroup(g: DictGroup): void };
  ConverterBuilder: (preset: never) => (options: { from: string; to: string }) => (text: string) => string;
  configs: Record<string, PresetConfig>;
  from: unknown;
  to: unknown;
}

/** Loads opencc-js from the package (command line, tests). The extension installs a loader for its own bundle. */
async function importOpencc(): Promise<OpenccModules> {
  const [core, preset] = await Promise.all([import('opencc-js/core'), import('opencc-js/preset')]);
  return { ...(preset as unknown as Pick<OpenccModules, 'configs' | 'from' | 'to'>), Trie: core.Trie as never, ConverterBuilder: core.ConverterBuilder as never };
}

let loader: () => Promise<OpenccModules> = importOpencc;
let modules: Promise<OpenccModules> | undefined;
const converters = new Map<string, Promise<Converter>>();

/**
 * Replaces how opencc-js is loaded. The extension ships it as a separate bundle (dist/opencc.js) that is read
 * on the first conversion, so activation never loads the dictionaries.
 */
export function setOpenccLoader(load: () => Promise<OpenccModules>): void {
  loader = load;
}

function loadOpencc(): Promise<OpenccModules> {
  modules ??= loader().catch((e: unknown) => {
    modules = undefined;
    throw e;
  });
  return modules;
}

/** True once the dictionaries have been requested (for the activation-cost check). */
export function isOpenccLoaded(): boolean {
  return modules !== undefined;
}

function buildStages(m: OpenccModules, config: PresetConfig): ConverterStages {
  const trieOf = (group: DictGroup): PrefixTrie => {
    const t = new m.Trie();
    t.loadDictGroup(group);
    return t;
  };
  let segmentation: PrefixTrie | undefined;
  if (config.segmentation) {
    const t = new m.Trie();
    const seg = config.segmentation;
    if (Array.isArray(seg) && seg.every((d) => typeof d === 'string')) t.loadDictGroup(seg as DictGroup);
    else t.loadDict(seg as DictLike);
    segmentation = t;
  }
  return {
    normalization: (config.normalizationChain ?? []).map(trieOf),
    ...(segmentation ? { segmentation } : {}),
    conversion: config.conversionChain.map(trieOf),
  };
}

/** The converter for a pair, built once and cached. Rejects pairs OpenCC has no configuration for. */
export function getConverter(pair: ConversionPair): Promise<Converter> {
  const configName = openccConfigName(pair);
  if (!configName) return Promise.reject(new Error(`No OpenCC configuration converts ${pair.from} to ${pair.to}.`));
  let converter = converters.get(configName);
  if (!converter) {
    converter = loadOpencc().then((m) => {
      const config = m.configs[configName];
      if (!config) throw new Error(`opencc-js has no configuration ${configName}.`);
      const stages = buildStages(m, config);
      return { pair, configName, convert: (text: string) => convertTracked(stages, text) };
    });
    converters.set(configName, converter);
  }
  return converter;
}

/** opencc-js's own converter for the same configuration: the reference our output must equal (tests, bench). */
export async function getReferenceConverter(pair: ConversionPair): Promise<(text: string) => string> {
  const configName = openccConfigName(pair);
  if (!configName) throw new Error(`No OpenCC configuration converts ${pair.from} to ${pair.to}.`);
  const m = await loadOpencc();
  return m.ConverterBuilder({ from: m.from, to: m.to, configs: m.configs } as never)({ from: pair.from, to: pair.to });
}
