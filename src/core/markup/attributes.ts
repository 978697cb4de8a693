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

/** True for a name the parser reads as a tag (any non-space character but `.{}[]"=\`). */
export function isReadableTagName(name: string): boolean {
  if (name.length === 0) return false;
  for (const ch of name) if (!isNameChar(ch)) return false;
  return true;
}

/**
 * Pandoc's class syntax, which the extension writes: a letter of any script first, then letters, digits, `-`, `_`
 * or `:` (目标, 主体-中央; not 1号, 目标（一）or emoji, which Pandoc reads as literal text). Existing markup with
 * other names is still read, and gets a warning with a fix.
 */
const PANDOC_CLASS = /^\p{L}[\p{L}\p{N}\p{M}_:-]*$/u;

export function isValidTagName(name: string): boolean {
  return PANDOC_CLASS.test(name);
}

/** A Pandoc-readable name close to `name`: other characters become `-`, and a name must start with a letter. */
export function suggestTagName(name: string): string {
  const cleaned = [...name].map((c) => (/[\p{L}\p{N}\p{M}_:-]/u.test(c) ? c : '-')).join('').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  if (cleaned === '') return '标签';
  return /^\p{L}/u.test(cleaned) ? cleaned : `标签${cleaned}`;
}

/**
 * Parses the block that starts with `{` at `open`. An attribute block never spans lines: a missing `}` before the
 * end of the line is reported as unclosed, so one typo cannot swallow the rest of the document.
 */
export function parseAttributeBlock(text: string, open: number): AttributeParseResult {
  const tags: string[] = [];
  // No prototype: an attribute may be named `__proto__` (or `constructor`) and must be kept as written. Made only
  // when a block has a key: most blocks are tags alone (`{.任务}`), and a document may hold hundreds of thousands.
  let attributes: Record<string, string> | undefined;
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
      return { ok: true, value: { tags, attributes: attributes ? ownProperties(attributes) : NO_ATTRIBUTES }, end: i + 1 };
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
      (attributes ??= Object.create(null) as Record<string, string>)['id'] = text.slice(idStart, i);
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
          if (c === '\\') {
            const escaped = unescapeAt(text, i);
            if (escaped) {
              value += escaped.value;
              i = escaped.end;
              continue;
            }
          }
          if (c === '"') break;
          value += c;
          i++;
        }
        i++;
        (attributes ??= Object.create(null) as Record<string, string>)[key] = value;
      } else {
        const valueStart = i;
        while (isNameChar(text[i] ?? '')) i++;
        if (i === valueStart) return fail('expected-value', key);
        (attributes ??= Object.create(null) as Record<string, string>)[key] = text.slice(valueStart, i);
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

/** The attributes of a block without keys, shared (spans' attributes are read, never written). */
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** A plain object with the same own properties (`__proto__` included, as data, not as the prototype). */
function ownProperties(values: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(values)) Object.defineProperty(result, key, { value: values[key], enumerable: true, writable: true, configurable: true });
  return result;
}

/** The last block end found, reused for later positions before it: thousands of broken `]{` on a line stay linear. */
let blockEndCache: { text: string; from: number; at: number; result: { end: number; closed: boolean } } | undefined;

function findBlockEnd(text: string, from: number): { end: number; closed: boolean } {
  const cached = blockEndCache;
  if (cached && cached.text === text && cached.from <= from && from <= cached.at) return cached.result;
  let result: { end: number; closed: boolean } = { end: text.length, closed: false };
  let at = text.length;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '}') {
      result = { end: i + 1, closed: true };
      at = i;
      break;
    }
    if (c === '\n' || c === '\r') {
      result = { end: i, closed: false };
      at = i;
      break;
    }
  }
  blockEndCache = { text, from, at, result };
  return result;
}

/** Line breaks (and VS Code's unusual line terminators) inside a value, written as escapes: a block is one line. */
const LINE_BREAK_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u0085': '\\u0085', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * A quoted value: `\` and `"` escaped with a backslash (as Pandoc reads them), every line break as `\n`, `\r` or
 * `\uXXXX`, so that a note with several lines stays on the line of its span.
 */
function quote(value: string): string {
  return '"' + value.replace(/[\\"\n\r\u0085\u2028\u2029]/g, (c) => LINE_BREAK_ESCAPES[c] ?? '\\' + c) + '"';
}

/** The escape at `text[i]` (a backslash) inside a quoted value: `\"`, `\\`, `\n`, `\r`, `\uXXXX`. */
function unescapeAt(text: string, i: number): { value: string; end: number } | undefined {
  const next = text[i + 1];
  if (next === '"' || next === '\\') return { value: next, end: i + 2 };
  if (next === 'n') return { value: '\n', end: i + 2 };
  if (next === 'r') return { value: '\r', end: i + 2 };
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { value: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), end: i + 6 };
  return undefined;
}

/** The canonical text of an attribute block: classes first, then `key="value"` pairs. */
export function formatAttributeBlock(tags: readonly string[], attributes: Readonly<Record<string, string>>): string {
  const parts = tags.map((t) => '.' + t);
  for (const [key, value] of Object.entries(attributes)) {
    parts.push(key === 'id' && isReadableTagName(value) ? '#' + value : `${key}=${quote(value)}`);
  }
  return '{' + parts.join(' ') + '}';
}
