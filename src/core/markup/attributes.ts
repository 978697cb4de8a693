import type { AttributeProblemCode } from './types';

/**
 * The attribute block of a span: `{.tag .tag2 key="value" key2=bare}` (the Pandoc/djot syntax).
 * Tag names may contain any non-space character except `.{}[]"=\` — Chinese names are the norm.
 */

export interface ParsedAttributes {
  readonly tags: string[];
  readonly attributes: Record<string, string>;
}

export type AttributeParseResult =
  | { readonly ok: true; readonly value: ParsedAttributes; readonly end: number }
  | { readonly ok: false; readonly code: AttributeProblemCode; readonly detail?: string; readonly end: number };

const FORBIDDEN_IN_NAME = new Set(['.', '{', '}', '[', ']', '"', '=', '\\']);

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t';
}

function isNameChar(ch: string): boolean {
  return ch !== '' && !isSpace(ch) && ch !== '\n' && ch !== '\r' && !FORBIDDEN_IN_NAME.has(ch);
}

export function isValidTagName(name: string): boolean {
  if (name.length === 0) return false;
  for (const ch of name) if (!isNameChar(ch)) return false;
  return true;
}

/**
 * Parses the block that starts with `{` at `open`. An attribute block never spans lines: a missing `}` before the
 * end of the line is reported as unclosed, so one typo cannot swallow the rest of the document.
 */
export function parseAttributeBlock(text: string, open: number): AttributeParseResult {
  const tags: string[] = [];
  const attributes: Record<string, string> = {};
  let i = open + 1;
  const fail = (code: AttributeProblemCode, detail?: string): AttributeParseResult => {
    const close = findBlockEnd(text, i);
    return { ok: false, code: close.closed ? code : 'unclosed-attributes', ...(detail !== undefined ? { detail } : {}), end: close.end };
  };
  for (;;) {
    while (isSpace(text[i] ?? '')) i++;
    const ch = text[i] ?? '';
    if (ch === '}') {
      if (tags.length === 0) return { ok: false, code: 'missing-tag', end: i + 1 };
      return { ok: true, value: { tags, attributes }, end: i + 1 };
    }
    if (ch === '' || ch === '\n' || ch === '\r') return fail('unclosed-attributes');
    if (ch === '.') {
      const nameStart = ++i;
      while (isNameChar(text[i] ?? '')) i++;
      if (i === nameStart) return fail('expected-tag-name');
      tags.push(text.slice(nameStart, i));
    } else if (ch === '#') {
      // djot/Pandoc identifiers are accepted and kept as the `id` attribute.
      const idStart = ++i;
      while (isNameChar(text[i] ?? '')) i++;
      if (i === idStart) return fail('expected-identifier');
      attributes['id'] = text.slice(idStart, i);
    } else if (isNameChar(ch)) {
      const keyStart = i;
      while (isNameChar(text[i] ?? '')) i++;
      const key = text.slice(keyStart, i);
      if (text[i] !== '=') return fail('expected-equals', key);
      i++;
      if (text[i] === '"') {
        i++;
        let value = '';
        for (;;) {
          const c = text[i] ?? '';
          if (c === '' || c === '\n' || c === '\r') return fail('unclosed-value', key);
          if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
            value += text[i + 1];
            i += 2;
            continue;
          }
          if (c === '"') break;
          value += c;
          i++;
        }
        i++;
        attributes[key] = value;
      } else {
        const valueStart = i;
        while (isNameChar(text[i] ?? '')) i++;
        if (i === valueStart) return fail('expected-value', key);
        attributes[key] = text.slice(valueStart, i);
      }
    } else {
      return fail('unexpected-character', ch);
    }
    const next = text[i] ?? '';
    if (next !== '}' && !isSpace(next)) {
      if (next === '' || next === '\n' || next === '\r') return fail('unclosed-attributes');
      return fail('missing-separator', next);
    }
  }
}

function findBlockEnd(text: string, from: number): { end: number; closed: boolean } {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '}') return { end: i + 1, closed: true };
    if (c === '\n' || c === '\r') return { end: i, closed: false };
  }
  return { end: text.length, closed: false };
}

function quote(value: string): string {
  return '"' + value.replace(/[\\"]/g, (c) => '\\' + c) + '"';
}

/** The canonical text of an attribute block: classes first, then `key="value"` pairs. */
export function formatAttributeBlock(tags: readonly string[], attributes: Readonly<Record<string, string>>): string {
  const parts = tags.map((t) => '.' + t);
  for (const [key, value] of Object.entries(attributes)) {
    parts.push(key === 'id' && isValidTagName(value) ? '#' + value : `${key}=${quote(value)}`);
  }
  return '{' + parts.join(' ') + '}';
}
