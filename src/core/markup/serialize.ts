import { formatAttributeBlock } from './attributes';
import { ESCAPABLE, parseMarkup } from './parse';
import type { PlainOffset } from './types';

/** A span described in plain-text coordinates, as produced by an import or a model edit. */
export interface PlainSpan {
  readonly plainStart: PlainOffset;
  readonly plainEnd: PlainOffset;
  readonly tags: readonly string[];
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface MarkupModel {
  readonly plain: string;
  readonly spans: readonly PlainSpan[];
}

interface Insertion {
  at: number;
  text: string;
  /** Closings sort before openings at the same offset; then inner before outer for closings, outer first for openings. */
  order: number;
}

/**
 * Writes plain text and properly nested spans as marked-up text. Literal brackets are escaped only where they
 * would otherwise be read as markup, so text without markup stays byte-for-byte the same; the result is checked
 * by parsing it back, and fully escaped if that check fails.
 */
export function serializeMarkup(input: MarkupModel): string {
  // An empty span has no text to carry its markup; it cannot be written so that it reads back the same.
  const model = { plain: input.plain, spans: input.spans.filter((s) => s.plainEnd > s.plainStart) };
  const minimal = render(model, false);
  if (sameModel(model, minimal)) return minimal;
  return render(model, true);
}

function render(model: MarkupModel, escapeAll: boolean): string {
  const insertions: Insertion[] = [];
  for (const span of model.spans) {
    const length = span.plainEnd - span.plainStart;
    insertions.push({ at: span.plainStart, text: '[', order: 1e9 - length });
    insertions.push({ at: span.plainEnd, text: ']' + formatAttributeBlock(span.tags, span.attributes ?? {}), order: -1e9 + length });
  }
  insertions.sort((a, b) => a.at - b.at || a.order - b.order);
  const insertedAt = new Set(insertions.map((x) => x.at));
  const { plain } = model;
  const out: string[] = [];
  let k = 0;
  for (let i = 0; i <= plain.length; i++) {
    while (k < insertions.length && insertions[k]!.at === i) out.push(insertions[k++]!.text);
    if (i === plain.length) break;
    const ch = plain[i]!;
    const next = insertedAt.has(i + 1) ? '[' : (plain[i + 1] ?? '');
    if (ch === '\\') out.push(escapeAll || ESCAPABLE.has(next) ? '\\\\' : '\\');
    else if (ch === '[' || ch === ']') out.push(escapeAll || (ch === ']' && next === '{') ? '\\' + ch : ch);
    else out.push(ch);
  }
  return out.join('');
}

function sameModel(model: MarkupModel, text: string): boolean {
  const parsed = parseMarkup(text);
  if (parsed.plain !== model.plain || parsed.problems.length > 0 || parsed.spans.length !== model.spans.length) return false;
  // Positions, tags and attributes (a note that did not read back the same is a lost note).
  const key = (s: { plainStart: number; plainEnd: number; tags: readonly string[]; attributes?: Readonly<Record<string, string>> }): string =>
    JSON.stringify([s.plainStart, s.plainEnd, s.tags, Object.entries(s.attributes ?? {}).sort()]);
  const expected = model.spans.map(key).sort();
  const actual = parsed.spans.map(key).sort();
  return expected.every((k, i) => k === actual[i]);
}
