/** The render model of the Policy Annotator editor: what the core computes and the webview draws. */

/** A run of plain text inside one line, with no markup inside it. */
export interface RenderSegment {
  /** The characters (markup removed). */
  readonly t: string;
  /** Offset of the first character from the start of the line, in document UTF-16 units. */
  readonly o: number;
  /** Tags of the innermost span around the run (empty when none); the first tag gives the colour. */
  readonly g?: readonly string[];
  /** Nesting depth of spans around the run. */
  readonly n?: number;
  /** 1 when the run lies in a directive clause, 2 in a section's trigger. */
  readonly d?: 1 | 2;
  /** Markdown: 1 for strong (`**…**`) text. */
  readonly s?: 1;
  /** Markdown: 1 for emphasised (`*…*`) text. */
  readonly e?: 1;
  /**
   * 1 when the displayed text (简/繁 display) is not as long as the source: positions inside it are not the
   * source's, so the page does not tag there. (Otherwise display and source align character for character.)
   */
  readonly x?: 1;
}

/** The tag badge shown where a span's text ends. */
export interface RenderBadge {
  /** Index of the segment after which the badge stands (-1: at the line start). */
  readonly after: number;
  /** Offset of the span's `[` relative to the start of this line (negative when the span began on an earlier line). */
  readonly sp: number;
  readonly tags: readonly string[];
  readonly note?: string;
}

/** A margin marker: a section or directive anchored in the line. */
export interface RenderMark {
  readonly kind: 'heading' | 'section' | 'directive';
  /** Offset of the anchor from the start of the line. */
  readonly at: number;
  readonly label: string;
  readonly negative?: boolean;
  /** For headings: the outline level (1 for 一、, 2 for （一）, 3 for 1.). */
  readonly level?: number;
}

export interface RenderLine {
  /** Length of the line in the document (markup included, line break excluded). */
  readonly len: number;
  readonly segs: readonly RenderSegment[];
  readonly badges?: readonly RenderBadge[];
  readonly marks?: readonly RenderMark[];
  /** Markdown documents: how the line is shown (its syntax is hidden). */
  readonly md?: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'li' | 'quote' | 'code';
}
