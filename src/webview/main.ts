// The custom editor's page. It draws the lines near the view from models the host sends, keeps every line's length
// (offsets, the scrollbar's true length) and maps the user's selection back to exact document offsets; it asks the
// host for every change and never edits anything itself. Document text is only ever inserted as text (textContent).
import { MAX_WANTED_LINES, type DisplayScript, type HostMessage, type PaletteEntry, type ProbeAction, type ProbeResultMessage, type RenderLine, type WebviewMessage, type WebviewStrings } from '../protocol';
import { tagColor } from '../core/markup/tagColors';
import { firstIndexWhere, lastAtOrBefore } from '../core/text/search';
import { shownTextBetween } from '../core/render/shownText';
import { replaceRange } from '../core/text/arrays';

/** Where the reader was: kept by VS Code while the tab is hidden (the page itself is discarded and rebuilt). */
interface PageState {
  /** The first line on screen and how far the screen's top is below that line's top, in pixels. */
  readonly line?: number;
  readonly into?: number;
  readonly scrollTop: number;
  readonly selection?: { readonly start: number; readonly end: number };
}

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage | ProbeResultMessage): void; getState(): PageState | undefined; setState(state: PageState): void };
const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage): void => vscode.postMessage(message);

const content = document.getElementById('content')!;
const toolbar = document.getElementById('toolbar')!;
const statusEl = document.getElementById('status')!;

let version = 0;
let eol = 1;
let palette: readonly PaletteEntry[] = [];
let strings: WebviewStrings = {};
let script: DisplayScript = 'original';
let reportedFirstPaint = false;
const started = performance.now();

const t = (key: string, ...args: (string | number)[]): string =>
  (strings[key] ?? key).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
// ---------- rendering ----------

function renderLine(line: RenderLine): HTMLElement {
  const p = el('div', 'line');
  if (line.md) p.classList.add(`md-${line.md}`);
  // Every kind of mark the paragraph holds, side by side in the margin (a heading, a section, its directives).
  const kinds = new Map<string, string[]>();
  for (const m of line.marks ?? []) {
    const kind = m.kind === 'directive' && m.negative ? 'negative' : m.kind;
    kinds.set(kind, [...(kinds.get(kind) ?? []), m.label]);
  }
  let slot = 0;
  for (const kind of ['heading', 'section', 'directive', 'negative']) {
    const labels = kinds.get(kind);
    if (!labels) continue;
    const mark = el('span', `mark mark-${kind}`);
    mark.contentEditable = 'false';
    mark.style.left = `${2 + slot++ * 9}px`;
    mark.setAttribute('role', 'img');
    mark.setAttribute('aria-label', labels.map((l) => `${t(kind)}: ${l}`).join('; '));
    mark.title = labels.join('\n');
    p.appendChild(mark);
    p.classList.add(`has-${kind}`);
  }
  const badgesAfter = new Map<number, RenderLine['badges']>();
  for (const b of line.badges ?? []) badgesAfter.set(b.after, [...(badgesAfter.get(b.after) ?? []), b]);
  const addBadges = (after: number): void => {
    for (const b of badgesAfter.get(after) ?? []) {
      // A note is readable without hovering: its start follows the tags (the whole note is the tooltip).
      const shortNote = b.note ? ` ✎ ${[...b.note.replace(/\s+/g, ' ')].slice(0, 16).join('')}${[...b.note].length > 16 ? '…' : ''}` : '';
      const button = el('button', 'badge', b.tags.join(' · ') + shortNote);
      button.dataset['sp'] = String(b.sp);
      button.style.setProperty('--tag-color', tagColor(b.tags[0] ?? '', palette));
      button.setAttribute('aria-label', t('badge', b.tags.join(', ') + (b.note ? ` — ${b.note}` : '')));
      if (b.note) button.title = b.note;
      button.contentEditable = 'false';
      p.appendChild(button);
    }
  };
  addBadges(-1);
  line.segs.forEach((s, i) => {
    const span = el('span', 'seg', s.t);
    span.dataset['o'] = String(s.o);
    if (s.g && s.g.length > 0) {
      span.classList.add('tagged');
      span.style.setProperty('--tag-color', tagColor(s.g[0]!, palette));
      span.dataset['tags'] = s.g.join(' ');
    }
    if (s.x === 1) span.dataset['x'] = '1';
    if (s.s === 1) span.classList.add('strong');
    if (s.e === 1) span.classList.add('em');
    if (s.d === 1) span.classList.add('directive');
    if (s.d === 2) span.classList.add('trigger');
    p.appendChild(span);
    addBadges(i);
  });
  if (line.segs.length === 0) p.appendChild(el('br'));
  return p;
}

// ---------- the document as the page knows it: every line's length, the models of the lines near the view ----------

/** Each line's length in the document (line break excluded): where each line starts, and its height before it is drawn. */
let lens: number[] = [];
/** Line models near the view, sent by the host on request (undefined elsewhere: the page holds a window). */
let models: (RenderLine | undefined)[] = [];
/** How many models the page holds (counted as they come and go: no pass over every line per frame). */
let heldModels = 0;
/** Each line's height as last measured, in pixels (0: never drawn at this width; an estimate stands in). */
let heights: number[] = [];
/** The element of each drawn line (undefined for lines not drawn). */
let lineEls: (HTMLElement | undefined)[] = [];
/** Indices of the drawn lines, ascending. */
let drawn: number[] = [];
/** Drawn lines whose model has not arrived yet: empty, at their estimated height. */
const placeholders = new WeakSet<HTMLElement>();
/** Each line's offset in the document (rebuilt from `lens` when lines change). */
let lineStarts: number[] = [];
let startsDirty = true;

/** Lines drawn beyond each edge of the screen (scrolling a little never shows an undrawn line). */
const DRAW_MARGIN = 200;
/** Models asked for beyond each edge of the screen when some near it are missing, and how many the page keeps. */
const FETCH_MARGIN = 600;
const KEEP_MODELS = 4000;

function holdModel(i: number, line: RenderLine): void {
  if (!models[i]) heldModels++;
  models[i] = line;
}

function starts(): number[] {
  if (startsDirty) {
    lineStarts = new Array<number>(lens.length);
    let offset = 0;
    for (let i = 0; i < lens.length; i++) {
      lineStarts[i] = offset;
      offset += lens[i]! + eol;
    }
    startsDirty = false;
  }
  return lineStarts;
}

/** The line holding a document offset. */
const lineAt = (offset: number): number => Math.max(0, Math.min(lens.length - 1, lastAtOrBefore(starts(), offset)));
const documentEnd = (): number => starts()[lens.length - 1]! + lens[lens.length - 1]!;

// ---------- heights: measured where drawn, estimated elsewhere ----------

/** Sizes for estimating a line never drawn: the width of one CJK character, one row's height, the text's width. */
const metrics = { charWidth: 16, rowHeight: 30, width: 800 };

function measureMetrics(): void {
  const probeLine = el('div', 'line');
  probeLine.style.cssText = 'position:absolute;visibility:hidden;left:0;right:0';
  const sample = el('span', 'seg', '国'.repeat(40));
  probeLine.appendChild(sample);
  document.body.appendChild(probeLine);
  const width = sample.getBoundingClientRect().width;
  sample.textContent = '国';
  metrics.rowHeight = probeLine.getBoundingClientRect().height || metrics.rowHeight;
  probeLine.remove();
  const style = getComputedStyle(content);
  metrics.charWidth = width / 40 || metrics.charWidth;
  // The line's own left padding holds the margin marks.
  metrics.width = Math.max(metrics.charWidth, content.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 30);
}

const estimate = (i: number): number => heights[i] || metrics.rowHeight * Math.max(1, Math.ceil((lens[i]! * metrics.charWidth) / metrics.width));

/** The top of each line from the content's top, and the content's height at the end (rebuilt when heights change). */
let tops = new Float64Array(1);
let topsDirty = true;

function lineTops(): Float64Array {
  if (topsDirty) {
    if (tops.length !== lens.length + 1) tops = new Float64Array(lens.length + 1);
    for (let i = 0; i < lens.length; i++) tops[i + 1] = tops[i]! + estimate(i);
    topsDirty = false;
  }
  return tops;
}

const scroller = (): Element => document.scrollingElement ?? document.documentElement;
/** Where the lines begin on the page (below the toolbar and the content's padding). */
const contentTop = (): number => content.offsetTop + parseFloat(getComputedStyle(content).paddingTop);

/** The first and last lines on screen (binary search on the lines' tops: the cost follows the screen). */
function visibleLines(): { first: number; last: number } {
  const y = lineTops();
  const top = scroller().scrollTop - contentTop();
  const bottom = top + scroller().clientHeight;
  const n = lens.length;
  const first = Math.min(n - 1, firstIndexWhere(n, (i) => y[i + 1]! > top));
  const last = Math.max(first, Math.min(n - 1, firstIndexWhere(n, (i) => y[i]! >= bottom) - 1));
  return { first: Math.max(0, first), last };
}

// ---------- drawing the window ----------

/** The line of a drawn element (searched among the drawn lines only). */
function drawnIndexOf(lineEl: Element | null | undefined): number {
  if (!lineEl) return -1;
  for (const i of drawn) if (lineEls[i] === lineEl) return i;
  return -1;
}

const lineElOf = (node: Node | null | undefined): HTMLElement | null | undefined =>
  (node instanceof HTMLElement ? node : node?.parentElement)?.closest<HTMLElement>('.line');

/** Lines that stay drawn wherever the view goes: the ends of the selection, and a place being revealed. */
function pinnedLines(): number[] {
  const pinned: number[] = [];
  const sel = document.getSelection();
  if (sel && sel.rangeCount > 0) {
    for (const node of [sel.anchorNode, sel.focusNode]) {
      const i = drawnIndexOf(lineElOf(node));
      if (i >= 0) pinned.push(i);
    }
  }
  if (pendingReveal) pinned.push(lineAt(pendingReveal.start), lineAt(pendingReveal.end));
  return pinned;
}

function drawLine(i: number): HTMLElement {
  const model = models[i];
  if (model) return renderLine(model);
  const p = el('div', 'line pending');
  p.style.height = `${estimate(i)}px`;
  placeholders.add(p);
  return p;
}

function gap(height: number): HTMLElement {
  const g = el('div', 'gap');
  g.contentEditable = 'false';
  g.style.height = `${height}px`;
  return g;
}

/**
 * Makes the page hold exactly the wanted lines (ascending), each in place, with a gap as tall as the lines it
 * stands for between them. Lines already drawn stay the same elements (the selection in them survives).
 */
function reconcile(wanted: readonly number[]): void {
  const keep = new Set(wanted);
  for (const i of drawn) {
    if (keep.has(i)) continue;
    lineEls[i]!.remove();
    lineEls[i] = undefined;
  }
  for (const g of content.querySelectorAll(':scope > .gap')) g.remove();
  const y = lineTops();
  let cursor: ChildNode | null = content.firstChild;
  let next = 0;
  for (const i of wanted) {
    let e = lineEls[i];
    if (e && placeholders.has(e) && models[i]) {
      const fresh = renderLine(models[i]);
      e.replaceWith(fresh);
      e = lineEls[i] = fresh;
    }
    if (!e) {
      e = lineEls[i] = drawLine(i);
      content.insertBefore(e, cursor);
    } else {
      cursor = e.nextSibling;
    }
    if (i > next) content.insertBefore(gap(y[i]! - y[next]!), e);
    next = i + 1;
  }
  if (next < lens.length) content.appendChild(gap(y[lens.length]! - y[next]!));
  drawn = [...wanted];
}

/** Reads the heights of the drawn lines (one layout); true when any differs from what the gaps assumed. */
function measureDrawn(): boolean {
  let changed = false;
  for (const i of drawn) {
    const e = lineEls[i]!;
    if (placeholders.has(e)) continue;
    const h = e.offsetHeight;
    if (h > 0 && h !== heights[i]) {
      heights[i] = h;
      changed = true;
    }
  }
  if (changed) topsDirty = true;
  return changed;
}

function resizeGaps(): void {
  const y = lineTops();
  let next = 0;
  for (const i of drawn) {
    const e = lineEls[i]!;
    if (i > next) (e.previousElementSibling as HTMLElement).style.height = `${y[i]! - y[next]!}px`;
    next = i + 1;
  }
  if (next < lens.length) (content.lastElementChild as HTMLElement).style.height = `${y[lens.length]! - y[next]!}px`;
}

let layoutScheduled = false;

/** The first line on screen and where its top is on the screen: what stays in place when the page changes. */
function screenAnchor(): { line: number; screenY: number } | undefined {
  if (lens.length === 0) return undefined;
  const line = visibleLines().first;
  return { line, screenY: lineTops()[line]! + contentTop() - scroller().scrollTop };
}

function scheduleLayout(): void {
  if (layoutScheduled) return;
  layoutScheduled = true;
  requestAnimationFrame(() => layout());
}

/**
 * Draws the lines on and near the screen and nothing else; asks the host for the models it lacks. The first line
 * on screen stays where it was on the screen, whatever heights changed above it.
 */
function layout(anchor = screenAnchor()): void {
  layoutScheduled = false;
  if (lens.length === 0 || !anchor) return;
  const { first, last } = visibleLines();
  const wanted = new Set<number>();
  for (let i = Math.max(0, first - DRAW_MARGIN); i <= Math.min(lens.length - 1, last + DRAW_MARGIN); i++) wanted.add(i);
  for (const i of pinnedLines()) wanted.add(i);
  reconcile([...wanted].sort((a, b) => a - b));
  if (measureDrawn()) resizeGaps();
  const top = lineTops()[anchor.line]! + contentTop() - anchor.screenY;
  if (Math.abs(scroller().scrollTop - top) >= 1) scroller().scrollTop = top;
  fetchMissing(first, last);
  evictFar(first, last);
  afterDraw();
}

// ---------- models from the host ----------

/** The request the host has not answered yet (one at a time; given up after a while: the host drops stale ones). */
let asked: { from: number; to: number; at: number } | undefined;

function fetchMissing(first: number, last: number): void {
  if (asked && performance.now() - asked.at < 2000) return;
  const missing = (from: number, to: number): number => {
    for (let i = Math.max(0, from); i <= Math.min(lens.length - 1, to); i++) if (!models[i]) return i;
    return -1;
  };
  // The screen and its drawn margin first, then the pinned lines (a selection's far end, a place to reveal).
  let at = missing(first - DRAW_MARGIN, last + DRAW_MARGIN);
  if (at < 0) for (const i of drawn) if (!models[i]) at = at < 0 ? i : at;
  if (at < 0) return;
  const near = at >= first - DRAW_MARGIN && at <= last + DRAW_MARGIN;
  askFor(near ? first : at, near ? last : at);
}

/** Asks the host for the models of the lines `first`–`last` and a margin on each side. */
function askFor(first: number, last: number): void {
  const from = Math.max(0, first - FETCH_MARGIN);
  const to = Math.min(lens.length - 1, last + FETCH_MARGIN, from + MAX_WANTED_LINES);
  asked = { from, to, at: performance.now() };
  post({ type: 'want', version, from, to });
}

/** Forgets models far from the view once the page holds many (a 20 MB document is never all here). */
function evictFar(first: number, last: number): void {
  if (heldModels <= KEEP_MODELS) return;
  const keep = new Set(drawn);
  for (let i = 0; i < models.length; i++) {
    if (models[i] && (i < first - KEEP_MODELS / 2 || i > last + KEEP_MODELS / 2) && !keep.has(i)) {
      models[i] = undefined;
      heldModels--;
    }
  }
}

/**
 * Replaces `deleteCount` lines at `from` with lines of lengths `added` (an edit), whose models from `modelsFrom` on
 * are `addedModels`; the others are asked for when they come near the view.
 */
function applyLines(from: number, deleteCount: number, added: readonly number[], modelsFrom: number, addedModels: readonly RenderLine[]): void {
  for (let i = from; i < from + deleteCount; i++) lineEls[i]?.remove();
  const blank = added.map(() => undefined);
  lens = replaceRange(lens, from, deleteCount, added);
  for (let i = from; i < from + deleteCount; i++) if (models[i]) heldModels--;
  models = replaceRange(models, from, deleteCount, blank);
  addedModels.forEach((line, k) => {
    if (modelsFrom + k >= from && modelsFrom + k < from + added.length) holdModel(modelsFrom + k, line);
  });
  // A line edited in place keeps its height until it is measured again (the page does not jump meanwhile).
  heights = replaceRange(heights, from, deleteCount, added.map((_, k) => (k < deleteCount ? heights[from + k]! : 0)));
  lineEls = replaceRange(lineEls, from, deleteCount, blank);
  const shift = added.length - deleteCount;
  drawn = drawn.filter((i) => i < from || i >= from + deleteCount).map((i) => (i >= from + deleteCount ? i + shift : i));
  startsDirty = true;
  topsDirty = true;
}

/** Draws a line anew from its model (an input method changed it on the page). */
function redrawLine(i: number): void {
  lineEls[i]?.remove();
  lineEls[i] = undefined;
  drawn = drawn.filter((d) => d !== i);
  layout();
}

function afterDraw(): void {
  restorePlace();
  if (pendingReveal) completeReveal();
  if (!reportedFirstPaint && drawn.some((i) => models[i])) {
    reportedFirstPaint = true;
    requestAnimationFrame(() => post({ type: 'rendered', version, lines: lens.length, firstPaintMs: performance.now() - started }));
  }
}

window.addEventListener('scroll', scheduleLayout, { passive: true });
window.addEventListener('resize', () => {
  // Lines wrap differently at another width: every height is measured again.
  measureMetrics();
  heights = heights.map(() => 0);
  topsDirty = true;
  scheduleLayout();
});

// ---------- offsets ↔ DOM ----------

/**
 * Document offset of a DOM point inside the content, or undefined when it is not on the text. A point on a badge
 * or marker goes to the text border before it (`end`) or after it (`start`); a point in a gap goes to the border
 * of the lines it stands for.
 */
function offsetOf(node: Node, offset: number, bias: 'start' | 'end'): number | undefined {
  // Between the content's children, or in a gap: the start of the first drawn line from there on.
  const lineStartFrom = (child: Node | null): number => {
    const next = child === null ? undefined : drawn.find((i) => lineEls[i] === child || !!(lineEls[i]!.compareDocumentPosition(child) & Node.DOCUMENT_POSITION_PRECEDING));
    return next === undefined ? documentEnd() : starts()[next]!;
  };
  if (node === content) return lineStartFrom(content.childNodes[offset] ?? null);
  const element = node instanceof HTMLElement ? node : node.parentElement;
  if (element?.classList.contains('gap')) return lineStartFrom(element);
  const lineEl = element?.closest<HTMLElement>('.line');
  const index = drawnIndexOf(lineEl);
  if (!lineEl || index < 0) return undefined;
  const lineStart = starts()[index]!;
  if (placeholders.has(lineEl)) return lineStart;
  const segEl = element?.closest<HTMLElement>('.seg');
  if (segEl) {
    const o = lineStart + Number(segEl.dataset['o']);
    if (node.nodeType === Node.TEXT_NODE) return o + offset;
    return o + (offset > 0 ? (segEl.textContent ?? '').length : 0);
  }
  const onChild = node === lineEl ? undefined : element?.closest<HTMLElement>('.line > *');
  const segAt = (e: Element | null | undefined, step: 'next' | 'previous'): HTMLElement | undefined => {
    while (e && !e.classList.contains('seg')) e = step === 'next' ? e.nextElementSibling : e.previousElementSibling;
    return (e as HTMLElement | null) ?? undefined;
  };
  if (bias === 'end') {
    const before = segAt(onChild ?? (lineEl.childNodes[offset - 1] as Element | undefined), 'previous');
    return lineStart + (before ? Number(before.dataset['o']) + (before.textContent ?? '').length : 0);
  }
  const after = segAt(onChild ? onChild.nextElementSibling : (lineEl.childNodes[offset] as Element | undefined), 'next');
  return lineStart + (after ? Number(after.dataset['o']) : lens[index]!);
}

/** The DOM point of a document offset, when its line is drawn from its model. */
function pointOf(offset: number): { node: Node; offset: number } | undefined {
  const index = lineAt(offset);
  const lineEl = lineEls[index];
  if (!lineEl || placeholders.has(lineEl)) return undefined;
  const rel = offset - starts()[index]!;
  const segs = [...lineEl.querySelectorAll<HTMLElement>('.seg')];
  for (const seg of segs) {
    const o = Number(seg.dataset['o']);
    const len = (seg.textContent ?? '').length;
    if (rel >= o && rel <= o + len && seg.firstChild) return { node: seg.firstChild, offset: rel - o };
  }
  const next = segs.find((seg) => Number(seg.dataset['o']) >= rel);
  if (next?.firstChild) return { node: next.firstChild, offset: 0 };
  return { node: lineEl, offset: lineEl.childNodes.length };
}

/** Selects from one DOM point to another (what a reveal and a restored place both do). */
function selectBetween(a: { node: Node; offset: number }, b: { node: Node; offset: number }): void {
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  document.getSelection()?.removeAllRanges();
  document.getSelection()?.addRange(range);
}

function selectionOffsets(): { start: number; end: number } | undefined {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0) return undefined;
  const range = sel.getRangeAt(0);
  if (!content.contains(range.startContainer) || !content.contains(range.endContainer)) return undefined;
  const start = offsetOf(range.startContainer, range.startOffset, 'start');
  const end = offsetOf(range.endContainer, range.endOffset, 'end');
  if (start === undefined || end === undefined) return undefined;
  return { start: Math.min(start, end), end: Math.max(start, end) };
}

// ---------- actions ----------

function notice(text: string): void {
  statusEl.textContent = text;
  statusEl.classList.add('visible');
  setTimeout(() => statusEl.classList.remove('visible'), 4000);
}

/**
 * In the 简/繁 display, positions are the source's wherever the display has as many characters as the source
 * (almost everywhere): the selection is tagged in the source. Where a converted phrase changed length, refuse.
 */
function displayAligned(): boolean {
  if (script === 'original') return true;
  const range = document.getSelection()?.rangeCount ? document.getSelection()!.getRangeAt(0) : undefined;
  if (!range) return true;
  for (const seg of content.querySelectorAll('.seg[data-x]')) if (range.intersectsNode(seg)) return false;
  return true;
}

function tagSelection(tag: string): void {
  if (!displayAligned()) return notice(t('readOnlyDisplay'));
  const sel = selectionOffsets();
  if (!sel || sel.start === sel.end) return notice(t('selectFirst'));
  post({ type: 'tag', version, start: sel.start, end: sel.end, tag });
}

function removeTag(): void {
  if (!displayAligned()) return notice(t('readOnlyDisplay'));
  const sel = selectionOffsets();
  if (!sel) return notice(t('selectFirst'));
  post({ type: 'removeTag', version, offset: sel.start });
}

function button(label: string, title: string, action: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'tool', label);
  b.title = title;
  b.setAttribute('aria-label', title);
  b.dataset['action'] = action;
  // Keep the text selection when a toolbar button is clicked with the mouse.
  b.addEventListener('mousedown', (e) => e.preventDefault());
  b.addEventListener('click', onClick);
  return b;
}

function renderToolbar(): void {
  toolbar.replaceChildren();
  toolbar.setAttribute('aria-label', t('toolbar'));
  const tags = el('div', 'group');
  tags.setAttribute('role', 'group');
  tags.setAttribute('aria-label', t('tags'));
  palette.slice(0, 9).forEach((entry, i) => {
    const b = button(`${i + 1} ${entry.name}`, t('tagHint', entry.name, i + 1) + (entry.description ? ` — ${entry.description}` : ''), `tag:${entry.name}`, () => tagSelection(entry.name));
    b.classList.add('tag-button');
    b.style.setProperty('--tag-color', tagColor(entry.name, palette));
    tags.appendChild(b);
  });
  tags.appendChild(button(t('removeTag'), t('removeTagHint'), 'removeTag', removeTag));
  const display = el('div', 'group');
  display.setAttribute('role', 'group');
  display.setAttribute('aria-label', t('script'));
  for (const [value, label, hint] of [['original', 'original', 'originalHint'], ['cn', 'simplified', 'simplifiedHint'], ['t', 'traditional', 'traditionalHint']] as const) {
    const b = button(t(label), t(hint), `script:${value}`, () => post({ type: 'setScript', script: value }));
    b.setAttribute('aria-pressed', String(script === value));
    display.appendChild(b);
  }
  const file = el('div', 'group');
  file.setAttribute('role', 'group');
  file.setAttribute('aria-label', t('clean'));
  file.appendChild(button(t('convert'), t('convertHint'), 'convertFile', () => post({ type: 'command', command: 'convertFile' })));
  file.appendChild(button(t('removePinyin'), t('removePinyin'), 'removePinyin', () => post({ type: 'command', command: 'removePinyin' })));
  file.appendChild(button(t('collapsePunctuation'), t('collapsePunctuation'), 'collapsePunctuation', () => post({ type: 'command', command: 'collapsePunctuation' })));
  file.appendChild(button(t('normalizePunctuation'), t('normalizePunctuation'), 'normalizePunctuation', () => post({ type: 'command', command: 'normalizePunctuation' })));
  file.appendChild(button(t('openText'), t('openTextHint'), 'openText', () => post({ type: 'command', command: 'openText' })));
  toolbar.append(tags, display, file);
}


// ---------- revealing a place (the tree, Next Directive, Ctrl+Home/End) ----------

/** A place asked for whose lines are not drawn yet: done once their models are here. */
let pendingReveal: { start: number; end: number; how: 'select' | 'show' | 'extend' } | undefined;

function reveal(start: number, end: number, how: 'select' | 'show' | 'extend'): void {
  pendingReveal = { start, end, how };
  const line = lineAt(start);
  // Bring the place on screen first (its height may be an estimate: it is centred again once drawn).
  if (!lineEls[line] || placeholders.has(lineEls[line])) scroller().scrollTop = lineTops()[line]! + contentTop() - scroller().clientHeight / 2;
  layout();
}

function completeReveal(): void {
  const r = pendingReveal!;
  const a = pointOf(r.how === 'extend' ? r.end : r.start);
  const b = pointOf(r.end);
  if (!a || !b) return;
  pendingReveal = undefined;
  const target = lineElOf(a.node);
  target?.scrollIntoView({ block: r.how === 'extend' ? 'nearest' : 'center' });
  if (r.how === 'select') selectBetween(a, b);
  else if (r.how === 'extend') document.getSelection()?.extend(b.node, b.offset);
  if (target && r.how !== 'extend') {
    target.classList.remove('flash');
    void target.offsetWidth;
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 1600);
  }
}

function handleKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, preventDefault?: () => void): void {
  if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'Home' || e.key === 'End')) {
    // The document's ends, not the ends of the lines drawn now.
    preventDefault?.();
    const to = e.key === 'Home' ? 0 : documentEnd();
    const hasSelection = (document.getSelection()?.rangeCount ?? 0) > 0 && selectionOffsets() !== undefined;
    reveal(to, to, e.shiftKey && hasSelection ? 'extend' : 'select');
    return;
  }
  if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key === 'a') {
    // The whole document, not the lines drawn now.
    preventDefault?.();
    reveal(0, documentEnd(), 'select');
    return;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (/^[1-9]$/.test(e.key)) {
    const entry = palette[Number(e.key) - 1];
    if (entry) {
      preventDefault?.();
      tagSelection(entry.name);
    }
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    preventDefault?.();
    removeTag();
  }
}

/** The text a line shows (its segments, without badges and marks). */
function shownText(lineEl: HTMLElement): string {
  return [...lineEl.querySelectorAll('.seg')].map((s) => s.textContent).join('');
}

/**
 * A line as the page draws it: its element when drawn, else drawn from its model off the page; undefined (and
 * asked for) when the page does not hold its model.
 */
function lineAsDrawn(i: number): { element: HTMLElement; drawn: boolean } | undefined {
  const e = lineEls[i];
  if (e && !placeholders.has(e)) return { element: e, drawn: true };
  const model = models[i];
  if (model) return { element: renderLine(model), drawn: false };
  if (i >= 0 && i < lens.length && !asked) askFor(i, i);
  return undefined;
}

/** Test builds only: answers the host's probes (state, key press, click) as a user would see and do them. */
function probe(id: number, action: ProbeAction): void {
  let result: unknown;
  if (action.kind === 'state') {
    const line = action.line !== undefined ? lineAsDrawn(action.line) : undefined;
    result = {
      lines: lens.length,
      renderedLines: drawn.filter((i) => !placeholders.has(lineEls[i]!)).length,
      heldModels,
      version,
      script,
      lineText: line ? shownText(line.element) : undefined,
      lineTagged: line ? line.element.querySelectorAll('.seg.tagged').length : undefined,
      badges: content.querySelectorAll('.badge').length,
      marks: content.querySelectorAll('.mark').length,
      images: content.querySelectorAll('img, script, iframe').length,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned === true,
      notice: statusEl.textContent ?? '',
      selection: selectionOffsets(),
      scrollTop: Math.round(scroller().scrollTop),
      scrollHeight: scroller().scrollHeight,
      topLine: lens.length > 0 ? visibleLines().first : 0,
    };
  } else if (action.kind === 'line') {
    const line = lineAsDrawn(action.line);
    result = line ? { version, text: shownText(line.element), badges: line.element.querySelectorAll('.badge').length, drawn: line.drawn } : undefined;
  } else if (action.kind === 'clickBadge') {
    const badge = content.querySelectorAll<HTMLButtonElement>('.badge')[action.index];
    badge?.click();
    result = !!badge;
  } else if (action.kind === 'echo') {
    vscode.postMessage(action.message as WebviewMessage);
    result = true;
  } else if (action.kind === 'extend') {
    for (let i = 0; i < action.count; i++) document.getSelection()?.modify('extend', 'forward', 'character');
    result = selectionOffsets();
  } else if (action.kind === 'copy') {
    const clipboard = new DataTransfer();
    content.dispatchEvent(new ClipboardEvent('copy', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    result = clipboard.getData('text/plain');
  } else if (action.kind === 'scroll') {
    scroller().scrollTop = lineTops()[Math.min(action.line, lens.length)]! + contentTop();
    layout();
    result = Math.round(scroller().scrollTop);
  } else if (action.kind === 'key') {
    handleKey({ key: action.key, ctrlKey: action.ctrl === true, metaKey: false, altKey: false, shiftKey: action.shift === true });
    result = true;
  } else {
    const b = toolbar.querySelector<HTMLButtonElement>(`button[data-action="${CSS.escape(action.button)}"]`);
    b?.click();
    result = !!b;
  }
  vscode.postMessage({ type: 'probeResult', id, result });
}

// ---------- events ----------

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  switch (m.type) {
    case 'reset':
      version = m.version;
      eol = m.eol;
      palette = m.palette;
      strings = m.strings;
      script = m.script;
      content.setAttribute('aria-label', t('document'));
      content.classList.toggle('converted', script !== 'original');
      content.replaceChildren();
      lens = [...m.lens];
      models = lens.map(() => undefined);
      heldModels = 0;
      heights = lens.map(() => 0);
      lineEls = lens.map(() => undefined);
      drawn = [];
      asked = undefined;
      startsDirty = true;
      topsDirty = true;
      measureMetrics();
      renderToolbar();
      // The page is as tall as the document before any line is drawn: the saved place can be scrolled to.
      content.appendChild(gap(lineTops()[lens.length]!));
      placeFromState();
      layout();
      break;
    case 'models':
      if (m.version !== version) break;
      m.lines.forEach((line, k) => {
        if (m.from + k < lens.length && line.len === lens[m.from + k]) holdModel(m.from + k, line);
      });
      asked = undefined;
      layout();
      break;
    case 'lines': {
      // The reader's line stays where it is on the screen, even when lines above it or it itself changed.
      const anchor = screenAnchor();
      version = m.version;
      applyLines(m.from, m.deleteCount, m.lens, m.modelsFrom, m.lines);
      asked = undefined;
      if (anchor && anchor.line >= m.from) anchor.line = anchor.line >= m.from + m.deleteCount ? anchor.line + m.lens.length - m.deleteCount : Math.min(anchor.line, m.from + Math.max(0, m.lens.length - 1));
      layout(anchor && anchor.line < lens.length ? anchor : undefined);
      break;
    }
    case 'palette':
      palette = m.palette;
      renderToolbar();
      break;
    case 'reveal':
      reveal(m.start, m.end, m.select ? 'select' : 'show');
      break;
    case 'notice':
      notice(m.text);
      break;
    case 'probe':
      if (TEST_HOOKS) probe(m.id, m.action);
      break;
  }
});

// A caret the keyboard moves (arrows, Shift+arrows, Shift+Home/End select, as in any editor), while the page
// itself never changes the text: every input is refused here and the document changes only through the host.
content.contentEditable = 'true';
content.spellcheck = false;
for (const type of ['beforeinput', 'paste', 'cut', 'drop', 'dragstart']) content.addEventListener(type, (e) => e.preventDefault());
// An input method's composition cannot be refused beforehand: put the line back as the model has it.
content.addEventListener('input', () => {
  const index = drawnIndexOf(lineElOf(document.getSelection()?.anchorNode));
  if (index >= 0) redrawLine(index);
});

content.addEventListener('click', (e) => {
  const badge = (e.target as HTMLElement).closest('.badge') as HTMLElement | null;
  if (!badge) return;
  const index = drawnIndexOf(badge.closest('.line'));
  if (index < 0) return;
  post({ type: 'badge', version, spanStart: starts()[index]! + Number(badge.dataset['sp']) });
});

document.addEventListener('keydown', (e) => {
  if ((e.target as HTMLElement).closest('input, textarea')) return;
  handleKey(e, () => e.preventDefault());
});

/**
 * Copy gives the selection's text as shown, whole: from the models when the page holds every line of it, else the
 * host writes the clipboard (the browser's own copy would leave out the lines not drawn).
 */
function copySelection(clipboard: DataTransfer): void {
  const sel = selectionOffsets();
  if (!sel || sel.start === sel.end) return;
  const first = lineAt(sel.start);
  const last = lineAt(sel.end);
  const held: RenderLine[] = [];
  for (let i = first; i <= last && models[i]; i++) held.push(models[i]!);
  if (held.length === last - first + 1) clipboard.setData('text/plain', shownTextBetween(held, sel.start - starts()[first]!, sel.end - starts()[last]!));
  else post({ type: 'copy', version, start: sel.start, end: sel.end });
}

content.addEventListener('copy', (e) => {
  if (!e.clipboardData) return;
  e.preventDefault();
  copySelection(e.clipboardData);
});

document.addEventListener('selectionchange', () => {
  const sel = selectionOffsets();
  if (sel) post({ type: 'selection', version, start: sel.start, end: sel.end });
  savePlace();
});

// ---------- keeping the reader's place across tab switches (the webview state API) ----------

let pendingPlace: PageState | undefined = vscode.getState();
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function savePlace(): void {
  if (pendingPlace) return; // not restored yet: keep what was saved
  if (saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    if (lens.length === 0) return;
    const selection = selectionOffsets();
    const line = visibleLines().first;
    const into = scroller().scrollTop - contentTop() - lineTops()[line]!;
    vscode.setState({ line, into, scrollTop: scroller().scrollTop, ...(selection ? { selection } : {}) });
  }, 150);
}

/** On a fresh page: scrolls to the saved line (its height may still be an estimate; `layout` keeps it in place). */
function placeFromState(): void {
  const place = pendingPlace;
  if (!place) return;
  const line = place.line !== undefined && place.line < lens.length ? place.line : undefined;
  scroller().scrollTop = line !== undefined ? lineTops()[line]! + contentTop() + (place.into ?? 0) : place.scrollTop;
}

/** Once the saved place is drawn from its models, selects what was selected there. */
function restorePlace(): void {
  const place = pendingPlace;
  if (!place) return;
  const { first, last } = visibleLines();
  for (let i = first; i <= last; i++) if (!models[i]) return;
  pendingPlace = undefined;
  const top = scroller().scrollTop;
  if (place.selection && place.selection.end <= documentEnd()) {
    const a = pointOf(place.selection.start);
    const b = pointOf(place.selection.end);
    if (a && b) selectBetween(a, b);
  }
  // Selecting may scroll the page to the selection: the place comes first.
  scroller().scrollTop = top;
}

window.addEventListener('scroll', savePlace, { passive: true });

post({ type: 'ready' });
