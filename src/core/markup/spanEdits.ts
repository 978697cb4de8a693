import type { TextEdit } from '../text/edits';
import { applyEdits } from '../text/edits';
import { formatAttributeBlock, isValidTagName } from './attributes';
import { parseMarkup, type ParsedDocument } from './parse';
import type { AnnotationSpan, DocOffset } from './types';

export type SpanEditResult =
  | { readonly ok: true; readonly edits: TextEdit[] }
  /** Why the edit was refused (the extension words it); `tag` names the invalid tag. */
  | { readonly ok: false; readonly reason: 'empty' | 'crosses-span' | 'invalid-tag' | 'unbalanced'; readonly tag?: string };

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
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (start >= end) return { ok: false, reason: 'empty' };
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
  const edits: TextEdit[] = [
    { start, end: start, newText: '[' },
    { start: end, end, newText: ']' + formatAttributeBlock(tags, attributes) },
  ];
  // Literal brackets inside the selection could pair with the new markup; check the result reads back as intended.
  const after = parseMarkup(applyEdits(text, edits));
  const expectedPlain = parsed.plain;
  const created = after.spans.some((s) => s.start === start && s.contentEnd === end + 1);
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

/** Replaces the attribute block of a span (tags and attributes, the note among them). */
export function setSpanAttributes(
  span: AnnotationSpan,
  tags: readonly string[],
  attributes: Readonly<Record<string, string>>,
): SpanEditResult {
  const bad = tags.find((t) => !isValidTagName(t));
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
