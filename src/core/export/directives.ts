import type { DirectiveForce, DirectiveItem } from '../directives/infer';
import { lineNumbers, toCsvRows, type CsvOptions } from './annotations';

/**
 * The shape the command line prints with `directives --json` (SPEC §7, schemas/directives.schema.json): offsets
 * in the file's own text; `level` for headings, `force` for directives, `heading` for the enclosing heading.
 */
export interface DirectiveJson {
  kind: DirectiveItem['kind'];
  anchor: number;
  start: number;
  end: number;
  label: string;
  section: number | null;
  heading: number | null;
  level?: number;
  force?: DirectiveForce;
}

export function directiveToJson(item: DirectiveItem): DirectiveJson {
  return {
    kind: item.kind, anchor: item.anchor, start: item.start, end: item.end, label: item.label, section: item.section ?? null, heading: item.heading ?? null,
    ...(item.level !== undefined ? { level: item.level } : {}),
    ...(item.force !== undefined ? { force: item.force } : {}),
  };
}

/** The full clause of an item, as the document shows it. */
export function itemText(documentText: string, item: DirectiveItem): string {
  return documentText.slice(item.start, item.end);
}

export function directivesToCsv(documentText: string, items: readonly DirectiveItem[], file: string, options: CsvOptions = {}): string {
  const lineOf = lineNumbers(documentText);
  const sectionLabel = new Map(items.filter((i) => i.kind === 'section').map((i) => [i.anchor, i.label]));
  const headingLabel = new Map(items.filter((i) => i.kind === 'heading').map((i) => [i.anchor, i.label]));
  const rows = items.map((i) => [
    i.kind,
    i.label,
    itemText(documentText, i),
    lineOf(i.anchor),
    i.start,
    i.end,
    i.section !== undefined ? (sectionLabel.get(i.section) ?? '') : '',
    i.force ?? '',
    i.heading !== undefined ? (headingLabel.get(i.heading) ?? '') : '',
    file,
  ]);
  return toCsvRows(['kind', 'label', 'text', 'line', 'start', 'end', 'section', 'force', 'heading', 'file'], rows, options);
}

/** How a directive's force reads in the Markdown list (must is the default, unmarked). */
const FORCE_MARK: Record<DirectiveForce, string> = { must: '', mustNot: '(不要) ', encourage: '(鼓励) ', may: '(可以) ' };

/** A reading list: the outline's headings and the sections as headings, directives as bullets under them. */
export function directivesToMarkdown(documentText: string, items: readonly DirectiveItem[], title: string): string {
  const lineOf = lineNumbers(documentText);
  const escape = (s: string): string => s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
  const out: string[] = [`# ${escape(title)}`, ''];
  const levels = new Map(items.filter((i) => i.kind === 'heading').map((i) => [i.anchor, i.level ?? 1]));
  const depth = (under: number | undefined): number => (under !== undefined ? (levels.get(under) ?? 1) : 0);
  let inSection = false;
  for (const item of items) {
    if (item.kind === 'heading') {
      out.push('', `${'#'.repeat(Math.min(6, (item.level ?? 1) + 1))} ${escape(item.label)} (line ${lineOf(item.anchor)})`, '');
      inSection = false;
    } else if (item.kind === 'section') {
      out.push('', `${'#'.repeat(Math.min(6, depth(item.heading) + 2))} ${escape(item.trigger ?? item.label)} (line ${lineOf(item.anchor)})`, '', escape(item.label), '');
      inSection = true;
    } else {
      if (!inSection && item.section === undefined && out[out.length - 1] !== '') out.push('');
      out.push(`- ${FORCE_MARK[item.force ?? (item.negative ? 'mustNot' : 'must')]}${escape(itemText(documentText, item))} (line ${lineOf(item.anchor)})`);
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
