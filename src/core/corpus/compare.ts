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

function size(grams: Map<string, number>): number {
  let n = 0;
  for (const c of grams.values()) n += c;
  return n;
}

/**
 * Compares the directives of an older and a newer document (e.g. two years' plenum communiqués): formulations
 * kept as they were, reworded (aligned by similarity of character pairs, with the changed characters), new, and
 * dropped. Rows follow the newer document; a dropped formulation comes where it stood relative to the kept ones.
 * Candidates are found through an index of character pairs, so only formulations sharing some are scored.
 */
export function compareFormulations(older: readonly Formulation[], newer: readonly Formulation[], options: ComparisonOptions = {}): ComparisonRow[] {
  const threshold = options.threshold ?? 0.5;
  const oldKeys = older.map((f) => keyOf(f.text));
  const newKeys = newer.map((f) => keyOf(f.text));
  const pairOfNew = new Map<number, { old: number; similarity: number }>();
  const matchedOld = new Set<number>();
  // Identical formulations pair first, in order.
  const byKey = new Map<string, number[]>();
  oldKeys.forEach((k, i) => {
    const list = byKey.get(k);
    if (list) list.push(i);
    else byKey.set(k, [i]);
  });
  newKeys.forEach((k, j) => {
    const i = byKey.get(k)?.shift();
    if (i === undefined) return;
    pairOfNew.set(j, { old: i, similarity: 1 });
    matchedOld.add(i);
  });
  // Then the most similar remaining pairs, best first.
  const oldGrams = oldKeys.map(bigrams);
  const index = new Map<string, number[]>();
  oldGrams.forEach((g, i) => {
    if (matchedOld.has(i)) return;
    for (const gram of g.keys()) {
      const list = index.get(gram);
      if (list) list.push(i);
      else index.set(gram, [i]);
    }
  });
  const candidates: { old: number; new: number; similarity: number }[] = [];
  newKeys.forEach((k, j) => {
    if (pairOfNew.has(j)) return;
    const g = bigrams(k);
    const shared = new Map<number, number>();
    for (const [gram, count] of g) for (const i of index.get(gram) ?? []) shared.set(i, (shared.get(i) ?? 0) + Math.min(count, oldGrams[i]!.get(gram)!));
    const total = size(g);
    for (const [i, common] of shared) {
      const similarity = (2 * common) / (total + size(oldGrams[i]!));
      if (similarity >= threshold) candidates.push({ old: i, new: j, similarity });
    }
  });
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
  newer.forEach((f, j) => {
    const pair = pairOfNew.get(j);
    if (!pair) {
      rows.push({ kind: 'new', new: f, similarity: 0 });
      return;
    }
    if (pair.old >= nextOld) dropUntil(pair.old + 1);
    const old = older[pair.old]!;
    if (pair.similarity === 1) {
      rows.push({ kind: 'same', old, new: f, similarity: 1 });
      return;
    }
    const runs = diffChars(parseMarkup(old.text).plain, parseMarkup(f.text).plain).map((p): ChangedRun => ({ text: p.value, in: p.added ? 'new' : p.removed ? 'old' : 'both' }));
    rows.push({ kind: 'reworded', old, new: f, similarity: Math.round(pair.similarity * 1000) / 1000, runs });
  });
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
