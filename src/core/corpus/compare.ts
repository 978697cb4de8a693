import { diffChars } from 'diff';
import { toCsvRows, type CsvOptions } from '../export/annotations';
import { parseMarkup } from '../markup/parse';

/** A formulation to compare: a directive's clause (markup is removed before comparing). */
export interface Formulation {
  readonly text: string;
  readonly line: number;
}

export type ComparisonKind = 'same' | 'reworded' | 'new' | 'dropped';

/** One run of characters of a reworded pair: in both, only in the old one, or only in the new one. */
export interface ChangedRun {
  readonly text: string;
  readonly in: 'both' | 'old' | 'new';
}

export interface ComparisonRow {
  readonly kind: ComparisonKind;
  readonly old?: Formulation;
  readonly new?: Formulation;
  /** Dice similarity of character pairs, 0–1 (1 for the same formulation). */
  readonly similarity: number;
  /** For reworded pairs: the characters that changed. */
  readonly runs?: readonly ChangedRun[];
}

export interface ComparisonOptions {
  /** Below this similarity two formulations are not a rewording of each other (default 0.5). */
  readonly threshold?: number;
}

/** What is compared: the clause without markup, whitespace and punctuation (a moved comma is no new 提法). */
function keyOf(text: string): string {
  return parseMarkup(text).plain.replace(/[\s\p{P}]/gu, '');
}

function bigrams(key: string): Map<string, number> {
  const chars = [...key];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(chars[0]!, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i]! + chars[i + 1]!;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * Every pair of an old and a new formulation (by their character pairs; undefined: not compared) whose similarity is
 * at least `threshold`, found as a set-similarity join does: each pair occurrence is a token (the second 发展 of a
 * clause another than the first), tokens are ordered rarest first, and only formulations sharing a token of their
 * prefixes are compared. A pair that similar must share one: its overlap o satisfies o ≥ t·|X| / (2 − t) for each
 * side X, so the first |X| − ⌈t·|X| / (2 − t)⌉ + 1 tokens of each side meet. Comparing every pair that shares any
 * character pair was quadratic: common pairs (发展, 加强) are in most formulations of a big document.
 */
export function similarPairs(olds: readonly (Map<string, number> | undefined)[], news: readonly (Map<string, number> | undefined)[], threshold: number): SimilarPair[] {
  return toTheEnd(similarPairSteps(olds, news, threshold));
}

interface SimilarPair {
  readonly old: number;
  readonly new: number;
  readonly similarity: number;
}

/** About how many comparisons a step of a comparison makes before it lets the caller do other work. */
const COMPARISONS_PER_STEP = 20_000;

/** `similarPairs` in steps: yields the share of new formulations done (0–1) every so many comparisons. */
function* similarPairSteps(olds: readonly (Map<string, number> | undefined)[], news: readonly (Map<string, number> | undefined)[], threshold: number): Generator<number, SimilarPair[], void> {
  const ids = new Map<string, number>();
  const frequency: number[] = [];
  const tokensOf = (grams: Map<string, number> | undefined): number[] | undefined => {
    if (!grams) return undefined;
    const tokens: number[] = [];
    for (const [gram, count] of grams) {
      for (let k = 0; k < count; k++) {
        const token = k === 0 ? gram : `${gram}\u0000${k}`;
        let id = ids.get(token);
        if (id === undefined) {
          id = frequency.length;
          ids.set(token, id);
          frequency.push(0);
        }
        frequency[id]!++;
        tokens.push(id);
      }
    }
    return tokens;
  };
  const oldTokens = olds.map(tokensOf);
  const newTokens = news.map(tokensOf);
  const rarestFirst = (a: number, b: number): number => frequency[a]! - frequency[b]! || a - b;
  /** How many of its rarest tokens a formulation of `n` tokens is found by (all of them when any shared pair counts). */
  const prefixLength = (n: number): number => {
    if (threshold <= 0) return n;
    // Rounded down a little: a bound computed a hair above an integer must not cut the prefix short.
    const overlap = Math.max(0, Math.ceil((threshold * n) / (2 - threshold) - 1e-9));
    return Math.min(n, Math.max(0, n - overlap + 1));
  };
  const index = new Map<number, number[]>();
  oldTokens.forEach((tokens, i) => {
    if (!tokens) return;
    tokens.sort(rarestFirst);
    const prefix = prefixLength(tokens.length);
    for (let k = 0; k < prefix; k++) {
      const list = index.get(tokens[k]!);
      if (list) list.push(i);
      else index.set(tokens[k]!, [i]);
    }
  });
  const pairs: SimilarPair[] = [];
  const seenBy = new Int32Array(olds.length).fill(-1);
  let work = 0;
  for (let j = 0; j < newTokens.length; j++) {
    const tokens = newTokens[j];
    if (work >= COMPARISONS_PER_STEP) {
      work = 0;
      yield j / newTokens.length;
    }
    if (!tokens) continue;
    const grams = news[j]!;
    const total = tokens.length;
    tokens.sort(rarestFirst);
    const prefix = prefixLength(total);
    for (let k = 0; k < prefix; k++) {
      for (const i of index.get(tokens[k]!) ?? []) {
        if (seenBy[i] === j) continue;
        seenBy[i] = j;
        work++;
        const old = olds[i]!;
        let common = 0;
        for (const [gram, count] of grams) common += Math.min(count, old.get(gram) ?? 0);
        const similarity = (2 * common) / (total + oldTokens[i]!.length);
        if (common > 0 && similarity >= threshold) pairs.push({ old: i, new: j, similarity });
      }
    }
  }
  return pairs;
}

/** The value a generator of steps returns, its steps run one after another. */
function toTheEnd<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Compares the directives of an older and a newer document (e.g. two years' plenum communiqués): formulations
 * kept as they were, reworded (aligned by similarity of character pairs, with the changed characters), new, and
 * dropped. Rows follow the newer document; a dropped formulation comes where it stood relative to the kept ones.
 * Candidates are found through an index of character pairs, so only formulations sharing some are scored.
 */
export function compareFormulations(older: readonly Formulation[], newer: readonly Formulation[], options: ComparisonOptions = {}): ComparisonRow[] {
  return toTheEnd(comparisonSteps(older, newer, options));
}

/**
 * `compareFormulations` in steps of about `COMPARISONS_PER_STEP` comparisons: after each, `pause` is awaited with the
 * share done (0–1) and may say stop (false), which gives undefined. Two big documents' comparison then leaves the
 * extension host free between its steps.
 */
export async function compareFormulationsInSteps(
  older: readonly Formulation[],
  newer: readonly Formulation[],
  options: ComparisonOptions,
  pause: (done: number) => Promise<boolean>,
): Promise<ComparisonRow[] | undefined> {
  const steps = comparisonSteps(older, newer, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (!(await pause(step.value))) return undefined;
  }
}

function* comparisonSteps(older: readonly Formulation[], newer: readonly Formulation[], options: ComparisonOptions): Generator<number, ComparisonRow[], void> {
  const threshold = options.threshold ?? 0.5;
  const oldKeys = older.map((f) => keyOf(f.text));
  const newKeys = newer.map((f) => keyOf(f.text));
  const pairOfNew = new Map<number, { old: number; similarity: number }>();
  const matchedOld = new Set<number>();
  // Identical formulations pair first, in order (each key's old formulations taken from a cursor: a shift per pair
  // was quadratic in the number of formulations sharing a key).
  const byKey = new Map<string, { list: number[]; next: number }>();
  oldKeys.forEach((k, i) => {
    const same = byKey.get(k);
    if (same) same.list.push(i);
    else byKey.set(k, { list: [i], next: 0 });
  });
  newKeys.forEach((k, j) => {
    const same = byKey.get(k);
    if (!same || same.next === same.list.length) return;
    const i = same.list[same.next++]!;
    pairOfNew.set(j, { old: i, similarity: 1 });
    matchedOld.add(i);
  });
  // Then the most similar remaining pairs, best first.
  // The share done, reported as 0–0.9 while pairs are found, then up to 1 while reworded pairs are diffed.
  const pairSteps = similarPairSteps(
    oldKeys.map((k, i) => (matchedOld.has(i) ? undefined : bigrams(k))),
    newKeys.map((k, j) => (pairOfNew.has(j) ? undefined : bigrams(k))),
    threshold,
  );
  let step = pairSteps.next();
  for (; !step.done; step = pairSteps.next()) yield 0.9 * step.value;
  const candidates = step.value;
  candidates.sort((a, b) => b.similarity - a.similarity || a.new - b.new || a.old - b.old);
  for (const c of candidates) {
    if (pairOfNew.has(c.new) || matchedOld.has(c.old)) continue;
    pairOfNew.set(c.new, { old: c.old, similarity: c.similarity });
    matchedOld.add(c.old);
  }
  const rows: ComparisonRow[] = [];
  let nextOld = 0;
  const dropUntil = (end: number): void => {
    for (; nextOld < end; nextOld++) if (!matchedOld.has(nextOld)) rows.push({ kind: 'dropped', old: older[nextOld]!, similarity: 0 });
  };
  // The changed characters of reworded pairs: a diff each, counted as work by the characters compared.
  let work = 0;
  for (let j = 0; j < newer.length; j++) {
    const f = newer[j]!;
    const pair = pairOfNew.get(j);
    if (!pair) {
      rows.push({ kind: 'new', new: f, similarity: 0 });
      continue;
    }
    if (pair.old >= nextOld) dropUntil(pair.old + 1);
    const old = older[pair.old]!;
    if (pair.similarity === 1) {
      rows.push({ kind: 'same', old, new: f, similarity: 1 });
      continue;
    }
    const runs = diffChars(parseMarkup(old.text).plain, parseMarkup(f.text).plain).map((p): ChangedRun => ({ text: p.value, in: p.added ? 'new' : p.removed ? 'old' : 'both' }));
    rows.push({ kind: 'reworded', old, new: f, similarity: Math.round(pair.similarity * 1000) / 1000, runs });
    work += old.text.length + f.text.length;
    if (work >= COMPARISONS_PER_STEP) {
      work = 0;
      yield 0.9 + (0.1 * j) / newer.length;
    }
  }
  dropUntil(older.length);
  return rows;
}

export function comparisonCounts(rows: readonly ComparisonRow[]): Record<ComparisonKind, number> {
  const counts: Record<ComparisonKind, number> = { same: 0, reworded: 0, new: 0, dropped: 0 };
  for (const r of rows) counts[r.kind]++;
  return counts;
}

function plainOf(f: Formulation | undefined): string {
  return f ? parseMarkup(f.text).plain : '';
}

export function comparisonToCsv(rows: readonly ComparisonRow[], options: CsvOptions = {}): string {
  return toCsvRows(
    ['change', 'similarity', 'old_line', 'old', 'new_line', 'new'],
    rows.map((r) => [r.kind, r.similarity, r.old?.line ?? '', plainOf(r.old), r.new?.line ?? '', plainOf(r.new)]),
    options,
  );
}

/** Markdown: a table, changed characters of a rewording in ~~struck~~ (old) and **bold** (new). */
export function comparisonToMarkdown(rows: readonly ComparisonRow[], titles: { old: string; new: string }): string {
  const cell = (s: string): string => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[*_~`[\]<>]/g, (c) => '\\' + c).replace(/\r?\n/g, ' ');
  const marked = (runs: readonly ChangedRun[], side: 'old' | 'new'): string =>
    runs.filter((r) => r.in === 'both' || r.in === side).map((r) => (r.in === 'both' ? cell(r.text) : side === 'old' ? `~~${cell(r.text)}~~` : `**${cell(r.text)}**`)).join('');
  const counts = comparisonCounts(rows);
  const lines = [
    `# ${cell(titles.old)} → ${cell(titles.new)}`,
    '',
    `${counts.new} new, ${counts.dropped} dropped, ${counts.reworded} reworded, ${counts.same} unchanged.`,
    '',
    '| change | old | new |',
    '| --- | --- | --- |',
  ];
  for (const r of rows) {
    const old = r.runs ? marked(r.runs, 'old') : cell(plainOf(r.old));
    const now = r.runs ? marked(r.runs, 'new') : cell(plainOf(r.new));
    lines.push(`| ${r.kind} | ${r.old ? `${old} (${r.old.line})` : ''} | ${r.new ? `${now} (${r.new.line})` : ''} |`);
  }
  return lines.join('\n') + '\n';
}
