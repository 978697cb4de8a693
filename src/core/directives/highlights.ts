import type { ParsedDocument } from '../markup/parse';
import { stripInjectedPinyin } from '../text/pinyin';
import { overlapping } from '../text/ranges';
import type { DirectiveItem } from './infer';

/**
 * Where a section's trigger (全会提出, as written without pinyin) ends in the document: the trigger's characters
 * are matched from `start`, skipping injected readings and markup between them.
 */
export function triggerEnd(text: string, start: number, trigger: string): number {
  const window = text.slice(start, start + trigger.length * 12 + 40);
  const { map } = stripInjectedPinyin(window);
  let k = 0;
  let i = 0;
  for (; i < window.length && k < trigger.length; i++) {
    if (window[i] === trigger[k]) k++;
    else if (window[i] === '(' || window[i] === '（') {
      const close = window.indexOf(window[i] === '(' ? ')' : '）', i);
      if (close > i && map.toPlain(close + 1) === map.toPlain(i)) i = close;
    }
  }
  return start + i;
}

/** Length of the modal word at `at`: one character for 要, two for 必须, 不得, 鼓励… */
function modalLength(text: string, at: number): number {
  return text[at] === '要' ? 1 : 2;
}

/** A document range, in UTF-16 offsets of the document text. */
export interface HighlightRange {
  readonly start: number;
  readonly end: number;
}

/** What the text editor highlights for directives: derived from the inferred items, never from rules of its own. */
export interface DirectiveHighlights {
  /** A section's trigger: 全会提出, 覃昌德强调 (injected pinyin and markup inside it included). */
  readonly triggers: readonly HighlightRange[];
  /** The modal 要 of each directive. */
  readonly modals: readonly HighlightRange[];
  /** The 不 of a negative directive (不要). */
  readonly negations: readonly HighlightRange[];
}

/**
 * The highlights of a document's directives and sections, from the same items the Directives tree lists, so the
 * editor marks exactly what the tree shows (the user's extra triggers and exclusions included); with a window,
 * those of the items that touch it.
 */
export function directiveHighlights(parsed: ParsedDocument, items: readonly DirectiveItem[], window?: { readonly from: number; readonly to: number }): DirectiveHighlights {
  const triggers: HighlightRange[] = [];
  const modals: HighlightRange[] = [];
  const negations: HighlightRange[] = [];
  // With a window, only the items touching it (each highlight lies inside its item).
  for (const item of window ? overlapping(items, window.from, window.to) : items) {
    if (item.kind === 'section') {
      triggers.push({ start: item.start, end: triggerEnd(parsed.text, item.start, item.trigger ?? '') });
    } else if (item.kind === 'directive') {
      // The modal word: 要, or with the modal families 必须, 不得, 鼓励, 可以…
      modals.push({ start: item.anchor, end: item.anchor + modalLength(parsed.text, item.anchor) });
      if (item.negative) {
        // The 不 is the nearest plain character before the 要 (markup such as `]{.x}` may stand between them).
        const plainAnchor = parsed.map.toPlain(item.anchor);
        if (plainAnchor > 0) {
          const at = parsed.map.toDoc(plainAnchor - 1, 'after');
          if (parsed.text[at] === '不') negations.push({ start: at, end: at + 1 });
        }
      }
    }
  }
  return { triggers, modals, negations };
}
