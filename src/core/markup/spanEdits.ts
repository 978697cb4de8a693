import type { TextEdit } from '../text/edits';
import { applyEdits, isLowSurrogate } from '../text/edits';
import { formatAttributeBlock, isReadableTagName, isValidTagName } from './attributes';
import { parseMarkup, type ParsedDocument } from './parse';
import type { AnnotationSpan, DocOffset } from './types';

export type SpanEditResult =
  | { readonly ok: true; readonly edits: TextEdit[] }
  /** Why the edit was refused (the extension words it); `tag` names the invalid tag. */
  | { readonly ok: false; readonly reason: 'empty' | 'crosses-span' | 'crosses-paragraph' | 'invalid-tag' | 'unbalanced'; readonly tag?: string };

/**
 * Wraps the document range `[start, end)` in a span with the given tags. Refused when the range is empty, cuts
 * through markup, or partially overlaps a span (spans nest; they never overlap partially). Leading and trailing
 * whitespace is left outside the span, as annotators expect.
 */
export function wrapInSpan(
  parsed: ParsedDocument,
  start: DocOffset,
  end: DocOffset,
  tags: readonly string[],
  attributes: Readonly<Record<string, string>> = {},
): SpanEditResult {
  const bad = tags.find((t) => !isValidTagName(t));
  if (tags.length === 0 || bad !== undefined) {
    return { ok: false, reason: 'invalid-tag', tag: bad ?? '' };
  }
  const { text } = parsed;
  // Never between the halves of a surrogate pair (𠮷): widen to the whole character.
  if (isLowSurrogate(text.charCodeAt(start))) start--;
  if (isLowSurrogate(text.charCodeAt(end))) end++;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start >= end) return { ok: false, reason: 'empty' };
  // Pandoc ends a span at a blank line (it would keep the first paragraph and drop the rest).
  if (/\n[ \t\u3000]*\r?\n|\r[ \t\u3000]*\r/.test(text.slice(start, end))) return { ok: false, reason: 'crosses-paragraph' };
  // Exactly the text of an annotation (or the whole annotation): another tag joins its classes
  // ([…]{.主体 .领导机构}) rather than nesting a second span around the same text. The innermost such span wins.
  const same = [...parsed.spans].reverse().find((s) => (s.contentStart === start && s.contentEnd === end) || (s.start === start && s.end === end));
  if (same) {
    const added = tags.filter((t) => !same.tags.includes(t));
    return added.length === 0 ? { ok: true, edits: [] } : setSpanAttributes(same, [...same.tags, ...added], { ...same.attributes, ...attributes });
  }
  // A selection that starts (or ends) exactly at the text of a span and reaches beyond it means "around it":
  // move its border outside the span's markup.
  for (const span of parsed.spans) {
    if (start > span.start && start <= span.contentStart && end > span.contentEnd) start = span.start;
    if (end < span.end && end >= span.contentEnd && start < span.contentStart) end = span.end;
  }
  for (const span of parsed.spans) {
    const inside = span.contentStart <= start && end <= span.contentEnd;
    const around = start <= span.start && span.end <= end;
    const apart = end <= span.start || span.end <= start;
    if (!inside && !around && !apart) {
      return { ok: false, reason: 'crosses-span' };
    }
  }
  // Every literal bracket of the lines the span is on is escaped: Pandoc reads `[…][…]` as a reference link and a
  // literal pair around a span as one bracketed run, and djot pairs brackets too; escaped, all of them read the
  // same span. (Not the whole paragraph: a scraped document without blank lines is one paragraph, and a tag then
  // added a backslash before every bracket of the file.)
  const [paraStart, paraEnd] = linesAround(text, start, end);
  const escapes: TextEdit[] = [];
  for (let i = paraStart; i < paraEnd; i++) {
    const ch = text[i];
    if ((ch === '[' || ch === ']') && isLiteral(parsed, i)) escapes.push({ start: i, end: i, newText: '\\' });
  }
  const edits: TextEdit[] = [
    ...escapes.filter((e) => e.start < start),
    { start, end: start, newText: '[' },
    ...escapes.filter((e) => e.start >= start && e.start < end),
    { start: end, end, newText: ']' + formatAttributeBlock(tags, attributes) },
    ...escapes.filter((e) => e.start >= end),
  ];
  // Literal brackets inside the selection could pair with the new markup; check the result reads back as intended.
  const after = parseMarkup(applyEdits(text, edits));
  const expectedPlain = parsed.plain;
  const shift = escapes.filter((e) => e.start < start).length;
  const inside = escapes.filter((e) => e.start >= start && e.start < end).length;
  const created = after.spans.some((s) => s.start === start + shift && s.contentEnd === end + 1 + shift + inside);
  if (after.plain !== expectedPlain || !created || after.spans.length !== parsed.spans.length + 1) {
    return { ok: false, reason: 'unbalanced' };
  }
  return { ok: true, edits };
}

/** Removes a span's markup and keeps its text. */
export function unwrapSpan(span: AnnotationSpan): TextEdit[] {
  return [
    { start: span.start, end: span.contentStart, newText: '' },
    { start: span.contentEnd, end: span.end, newText: '' },
  ];
}

/**
 * Replaces the attribute block of a span (tags and attributes, the note among them). New tags must be Pandoc
 * class names; tags the span already has are kept as they are.
 */
export function setSpanAttributes(
  span: AnnotationSpan,
  tags: readonly string[],
  attributes: Readonly<Record<string, string>>,
): SpanEditResult {
  const bad = tags.find((t) => !isValidTagName(t) && !(span.tags.includes(t) && isReadableTagName(t)));
  if (tags.length === 0 || bad !== undefined) {
    return { ok: false, reason: 'invalid-tag', tag: bad ?? '' };
  }
  return { ok: true, edits: [{ start: span.contentEnd + 1, end: span.end, newText: formatAttributeBlock(tags, attributes) }] };
}

/** Sets or clears the `note` attribute of a span, keeping its other attributes. */
export function setSpanNote(span: AnnotationSpan, note: string): SpanEditResult {
  const attributes: Record<string, string> = { ...span.attributes };
  if (note === '') delete attributes['note'];
  else attributes['note'] = note;
  return setSpanAttributes(span, span.tags, attributes);
}

/** True when the character at `offset` is document text (not markup, not made literal by a backslash). */
function isLiteral(parsed: ParsedDocument, offset: number): boolean {
  const plain = parsed.map.toPlain(offset);
  if (parsed.map.toDoc(plain, 'after') !== offset || parsed.plain[plain] !== parsed.text[offset]) return false;
  return offset === 0 || parsed.text[offset - 1] !== '\\' || parsed.map.toDoc(parsed.map.toPlain(offset - 1), 'after') === offset - 1;
}

/** The lines that hold `[start, end)`, line breaks excluded. */
function linesAround(text: string, start: number, end: number): [number, number] {
  const before = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1));
  const lineEnd = text.slice(end).search(/[\r\n]/);
  return [before + 1, lineEnd < 0 ? text.length : end + lineEnd];
}

/**
 * Edits that rename tag `from` to `to` on every span of a document (an existing `to` on the same span merges);
 * and how many spans change.
 */
export function renameTagEdits(parsed: ParsedDocument, from: string, to: string): { edits: TextEdit[]; spans: number } {
  const edits: TextEdit[] = [];
  let spans = 0;
  for (const span of parsed.spans) {
    if (!span.tags.includes(from)) continue;
    const result = setSpanAttributes(span, [...new Set(span.tags.map((t) => (t === from ? to : t)))], span.attributes);
    if (!result.ok) continue;
    edits.push(...result.edits);
    spans++;
  }
  return { edits, spans };
}
