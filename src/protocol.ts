/**
 * Messages between the custom editor (host) and its webview, defined once and imported with `import type` on both
 * sides. Every message the host receives is checked with `parseWebviewMessage` before it can become an edit.
 */

import type { RenderLine } from './core/render/types';

export type { RenderBadge, RenderLine, RenderMark, RenderSegment } from './core/render/types';

export interface PaletteEntry {
  readonly name: string;
  readonly color?: string;
  readonly description?: string;
}

export type DisplayScript = 'original' | 'cn' | 't';

/** Strings the webview shows, localized by the host. */
export interface WebviewStrings {
  readonly [key: string]: string;
}

export type HostMessage =
  /**
   * A new document (or display): every line's length in the document (`lens`: offsets, and the height of a line not
   * drawn yet). Line models follow as `models`, for the lines the page asks for.
   */
  | { readonly type: 'reset'; readonly version: number; readonly eol: 1 | 2; readonly lens: readonly number[]; readonly palette: readonly PaletteEntry[]; readonly strings: WebviewStrings; readonly script: DisplayScript }
  /** The models of lines `from`… of this version (answering `want`): the line count does not change. */
  | { readonly type: 'models'; readonly version: number; readonly from: number; readonly lines: readonly RenderLine[] }
  /**
   * An edit: replaces `deleteCount` lines at `from` with lines of lengths `lens`; `lines` are the models of those new
   * lines from `modelsFrom` on (all of them after a small edit; after a big one, those near the page's view only).
   */
  | { readonly type: 'lines'; readonly version: number; readonly from: number; readonly deleteCount: number; readonly lens: readonly number[]; readonly modelsFrom: number; readonly lines: readonly RenderLine[] }
  | { readonly type: 'palette'; readonly palette: readonly PaletteEntry[] }
  | { readonly type: 'reveal'; readonly start: number; readonly end: number; readonly select: boolean }
  | { readonly type: 'notice'; readonly text: string }
  | { readonly type: 'probe'; readonly id: number; readonly action: ProbeAction };

/** Test and automation hooks: each is also something a user can do (select, press a key, click a button). */
export type ProbeAction =
  | { readonly kind: 'state'; readonly line?: number }
  /** One line as drawn (its text, badges, document version), without counting the whole page (benchmarks). */
  | { readonly kind: 'line'; readonly line: number }
  /** A key press; `ctrl` and `shift` held with it when set. */
  | { readonly kind: 'key'; readonly key: string; readonly ctrl?: boolean; readonly shift?: boolean }
  | { readonly kind: 'click'; readonly button: string }
  /** Clicks the n-th tag badge of the page, as a user would. */
  | { readonly kind: 'clickBadge'; readonly index: number }
  /** Makes the page post `message` as it is: checks that the host ignores what it must not apply. */
  | { readonly kind: 'echo'; readonly message: unknown }
  /** Scrolls the page as a user would (to a line's top). */
  | { readonly kind: 'scroll'; readonly line: number }
  /** Extends the selection as Shift+Arrow does (the browser's own caret movement), `count` characters forward. */
  | { readonly kind: 'extend'; readonly count: number }
  /** Copies the selection as Ctrl+C does; answers what the page put on the clipboard ('' when the host writes it). */
  | { readonly kind: 'copy' };

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'rendered'; readonly version: number; readonly lines: number; readonly firstPaintMs: number }
  /** The page needs the models of lines `from`–`to` (inclusive) of this version: the lines near its view. */
  | { readonly type: 'want'; readonly version: number; readonly from: number; readonly to: number }
  /** Copy this range as shown: the page does not hold all of its lines, so the host writes the clipboard. */
  | { readonly type: 'copy'; readonly version: number; readonly start: number; readonly end: number }
  | { readonly type: 'tag'; readonly version: number; readonly start: number; readonly end: number; readonly tag: string }
  | { readonly type: 'removeTag'; readonly version: number; readonly offset: number }
  | { readonly type: 'badge'; readonly version: number; readonly spanStart: number }
  | { readonly type: 'setScript'; readonly script: DisplayScript }
  | { readonly type: 'command'; readonly command: ToolbarCommand }
  | { readonly type: 'selection'; readonly version: number; readonly start: number; readonly end: number };

/** Test builds only: the page's answer to a probe. */
export interface ProbeResultMessage {
  readonly type: 'probeResult';
  readonly id: number;
  readonly result: unknown;
}

export type ToolbarCommand = 'convertFile' | 'removePinyin' | 'collapsePunctuation' | 'normalizePunctuation' | 'openText';

const TOOLBAR_COMMANDS: readonly string[] = ['convertFile', 'removePinyin', 'collapsePunctuation', 'normalizePunctuation', 'openText'];
const SCRIPTS: readonly string[] = ['original', 'cn', 't'];

/** The most lines one `want` may ask for (the page asks for a screen and a margin on each side). */
export const MAX_WANTED_LINES = 5000;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 31;

/**
 * Validates a message from the webview: known type, fields of the right type and size. Offsets are only checked to
 * be non-negative integers here; the host checks them against the document.
 */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'rendered':
      return isInt(m['version']) && isInt(m['lines']) && typeof m['firstPaintMs'] === 'number' && Number.isFinite(m['firstPaintMs'])
        ? { type: 'rendered', version: m['version'], lines: m['lines'], firstPaintMs: m['firstPaintMs'] }
        : undefined;
    case 'tag':
      return isInt(m['version']) && isInt(m['start']) && isInt(m['end']) && m['end'] >= m['start'] && typeof m['tag'] === 'string' && m['tag'].length <= 200
        ? { type: 'tag', version: m['version'], start: m['start'], end: m['end'], tag: m['tag'] }
        : undefined;
    case 'removeTag':
      return isInt(m['version']) && isInt(m['offset']) ? { type: 'removeTag', version: m['version'], offset: m['offset'] } : undefined;
    case 'badge':
      return isInt(m['version']) && isInt(m['spanStart']) ? { type: 'badge', version: m['version'], spanStart: m['spanStart'] } : undefined;
    case 'setScript':
      return typeof m['script'] === 'string' && SCRIPTS.includes(m['script']) ? { type: 'setScript', script: m['script'] as DisplayScript } : undefined;
    case 'command':
      return typeof m['command'] === 'string' && TOOLBAR_COMMANDS.includes(m['command']) ? { type: 'command', command: m['command'] as ToolbarCommand } : undefined;
    case 'want':
      return isInt(m['version']) && isInt(m['from']) && isInt(m['to']) && m['to'] >= m['from'] && m['to'] - m['from'] <= MAX_WANTED_LINES
        ? { type: 'want', version: m['version'], from: m['from'], to: m['to'] }
        : undefined;
    case 'copy':
      return isInt(m['version']) && isInt(m['start']) && isInt(m['end']) && m['end'] >= m['start'] ? { type: 'copy', version: m['version'], start: m['start'], end: m['end'] } : undefined;
    case 'selection':
      return isInt(m['version']) && isInt(m['start']) && isInt(m['end']) && m['end'] >= m['start']
        ? { type: 'selection', version: m['version'], start: m['start'], end: m['end'] }
        : undefined;
    default:
      return undefined;
  }
}

/** Test builds only: a probe's answer from the page (the product never reads one). */
export function parseProbeResult(raw: unknown): ProbeResultMessage | undefined {
  const m = raw as Record<string, unknown> | null;
  return typeof m === 'object' && m !== null && m['type'] === 'probeResult' && isInt(m['id']) ? { type: 'probeResult', id: m['id'], result: m['result'] } : undefined;
}
