/** Offsets are UTF-16 code units. `DocOffset` indexes the document text (markup included), `PlainOffset` the
 *  plain text (markup removed). Both are plain numbers; the names document which space a value lives in. */
export type DocOffset = number;
export type PlainOffset = number;

/** `T` with its fields writable: for objects filled in where they are made, then handed out read-only. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface AnnotationSpan {
  /** `[` of the span. */
  readonly start: DocOffset;
  /** Just after the closing `}` of the attribute block. */
  readonly end: DocOffset;
  /** First character of the annotated text (just after `[`). */
  readonly contentStart: DocOffset;
  /** The `]` that closes the annotated text. */
  readonly contentEnd: DocOffset;
  readonly tags: readonly string[];
  /** key="value" pairs other than the classes, in source order (`note` among them). */
  readonly attributes: Readonly<Record<string, string>>;
  readonly note?: string;
  /** Plain-text range of the annotated text. */
  readonly plainStart: PlainOffset;
  readonly plainEnd: PlainOffset;
  /** Nesting depth: 0 for outermost spans. */
  readonly depth: number;
}

/** Why an attribute block `{…}` could not be read; the extension turns each into a message in the user's language. */
export type AttributeProblemCode =
  | 'unclosed-attributes'
  | 'missing-tag'
  | 'expected-tag-name'
  | 'expected-identifier'
  | 'expected-equals'
  | 'unclosed-value'
  | 'expected-value'
  | 'unexpected-character'
  | 'missing-separator';

export interface MarkupProblem {
  readonly start: DocOffset;
  readonly end: DocOffset;
  readonly code: AttributeProblemCode | 'unmatched-close';
  /** The attribute name or the character the problem is about, where there is one. */
  readonly detail?: string;
}
