import type { DirectiveItem } from '../directives/infer';
import { lineNumbers, toCsvRows, type CsvOptions } from './annotations';

/** The shape the command line prints with `directives --json` (SPEC §7): offsets in the file's own text. */
export interface DirectiveJson {
  kind: 'section' | 'directive';
  anchor: number;
  start: number;
  end: number;
  label: string;
  section: number | null;
}

export function directiveToJson(item: DirectiveItem): DirectiveJson {
  return { kind: item.kind, anchor: item.anchor, start: item.start, end: item.end, label: item.label, section: item.section ?? null };
}

/** The full clause of an item, as the document shows it. */
export function itemText(documentText: string, item: DirectiveItem): string {
  return documentText.slice(item.start, item.end);
}

export function directivesToCsv(documentText: string, items: readonly DirectiveItem[], file: string, options: CsvOptions = {}): string {
  const lineOf = lineNumbers(documentText);
  const sectionLabel = new Map(items.filter((i) => i.kind === 'section').map((i) => [i.anchor, i.label]));
  const rows = items.map((i) => [
    i.kind,
    i.label,
    itemText(documentText, i),
    lineOf(i.anchor),
    i.start,
    i.end,
    i.section !== undefined ? (sectionLabel.get(i.section) ?? '') : '',
    file,
  ]);
  return toCsvRows(['kind', 'label', 'text', 'line', 'start', 'end', 'section', 'file'], rows, options);
}

/** A reading list: sections as headings, directives as bullets under them. */
export function directivesToMarkdown(documentText: string, items: readonly DirectiveItem[], title: string): string {
  const lineOf = lineNumbers(documentText);
  const escape = (s: string): string => s.replace(/\s+/g, ' ').replace(/([\\`*_[\]<>#|])/g, '\\$1');
  const out: string[] = [`# ${escape(title)}`, ''];
  let inSection = false;
  for (const item of items) {
    if (item.kind === 'section') {
      out.push('', `## ${escape(item.trigger ?? item.label)} (line ${lineOf(item.anchor)})`, '', escape(item.label), '');
      inSection = true;
    } else {
      if (!inSection && item.section === undefined && out[out.length - 1] !== '') out.push('');
      out.push(`- ${item.negative ? '(不要) ' : ''}${escape(itemText(documentText, item))} (line ${lineOf(item.anchor)})`);
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
