// The custom editor's page. It renders what the host sends (lines of plain text with their annotations and
// directive marks), maps the user's selection back to exact document offsets, and asks the host for every
// change: it never edits anything itself. Document text is only ever inserted as text (textContent).
import type { DisplayScript, HostMessage, PaletteEntry, ProbeAction, ProbeResultMessage, RenderLine, WebviewMessage, WebviewStrings } from '../protocol';
import { tagColor } from '../core/markup/tagColors';
import { firstIndexWhere, lastAtOrBefore } from '../core/text/search';

/** Where the reader was: kept by VS Code while the tab is hidden (the page itself is discarded and rebuilt). */
interface PageState {
  readonly scrollTop: number;
  readonly selection?: { readonly start: number; readonly end: number };
}

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage | ProbeResultMessage): void; getState(): PageState | undefined; setState(state: PageState): void };
const vscode = acquireVsCodeApi();
const post = (message: WebviewMessage): void => vscode.postMessage(message);

const content = document.getElementById('content')!;
const toolbar = document.getElementById('toolbar')!;
const statusEl = document.getElementById('status')!;

let lines: RenderLine[] = [];
let lineEls: HTMLElement[] = [];
let lineStarts: number[] = [];
let startsDirty = true;
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

// ---------- lines far from view are drawn as plain text until they come near ----------

/** The model of each line still drawn as plain text (same text, same height, no markup around it yet). */
const plainLines = new WeakMap<HTMLElement, RenderLine>();
let plainCount = 0;

function plainLine(line: RenderLine): HTMLElement {
  const p = el('div', 'line plain');
  if (line.md) p.classList.add(`md-${line.md}`);
  if (line.segs.length === 0) p.appendChild(el('br'));
  else p.textContent = line.segs.map((s) => s.t).join('');
  plainLines.set(p, line);
  plainCount++;
  return p;
}

/** Lines drawn in full on each side of the screen. */
const NEAR_LINES = 150;
let nearScheduled = false;

/** The index of the first line on screen (binary search on the lines' positions). */
function firstVisibleLine(): number {
  const top = scroller().scrollTop;
  const past = firstIndexWhere(lineEls.length, (i) => lineEls[i]!.offsetTop + lineEls[i]!.offsetHeight >= top);
  return Math.max(0, Math.min(past, lineEls.length - 1));
}

/** The index of the last line on screen (binary search on the lines' positions). */
function lastVisibleLine(): number {
  const bottom = scroller().scrollTop + scroller().clientHeight;
  return Math.max(0, firstIndexWhere(lineEls.length, (i) => lineEls[i]!.offsetTop > bottom) - 1);
}

/**
 * Draws in full the plain lines on and near the screen: the lines in view are found by binary search on their
 * positions, so the cost follows the screen, not the document.
 */
function upgradeNearView(): void {
  nearScheduled = false;
  if (plainCount === 0 || lineEls.length === 0) return;
  // Every position is read before any line changes: a position read after a change makes the browser lay out the
  // whole page again, and doing that per line kept a 5 MB document busy for seconds after it opened.
  const first = firstVisibleLine();
  const last = lastVisibleLine();
  for (let i = Math.max(0, first - NEAR_LINES); i < lineEls.length && i <= last + NEAR_LINES; i++) upgrade(lineEls[i]);
}

function scheduleNearView(): void {
  if (nearScheduled || plainCount === 0) return;
  nearScheduled = true;
  requestAnimationFrame(upgradeNearView);
}

window.addEventListener('scroll', scheduleNearView, { passive: true });

/** Draws a plain line in full, in place (the element stays the same, so nothing else needs to know). */
function upgrade(lineEl: HTMLElement | undefined): void {
  const line = lineEl && plainLines.get(lineEl);
  if (!lineEl || !line) return;
  plainLines.delete(lineEl);
  plainCount--;
  const full = renderLine(line);
  lineEl.className = full.className;
  lineEl.replaceChildren(...full.childNodes);
}

/** A position in a plain line's text, as a document offset relative to the line (segments are laid end to end). */
function plainOffset(line: RenderLine, textOffset: number): number {
  let shown = 0;
  for (const s of line.segs) {
    if (textOffset <= shown + s.t.length) return s.o + (textOffset - shown);
    shown += s.t.length;
  }
  return line.len;
}

/** Lines drawn in full at once: the first screen of a document, and any small update. */
const FULL_LINES = 300;
/** The first line on screen when a big message arrived (its neighbours are drawn in full). */
let onScreen = 0;

/** `lazy`: part of a big message (a whole document): lines beyond the first screen start as plain text. */
function applyLines(from: number, deleteCount: number, added: readonly RenderLine[], lazy = false): void {
  // Lines around the screen are drawn in full even in a big update: what the reader looks at never goes plain.
  const eager = (i: number): boolean => i < FULL_LINES || (i >= onScreen - NEAR_LINES && i <= onScreen + NEAR_LINES * 2);
  const elements = added.map((line, i) => (!lazy || eager(from + i) ? renderLine(line) : plainLine(line)));
  const before = lineEls[from + deleteCount] ?? null;
  for (const old of lineEls.slice(from, from + deleteCount)) {
    if (plainLines.delete(old)) plainCount--;
    old.remove();
  }
  const fragment = document.createDocumentFragment();
  for (const e of elements) fragment.appendChild(e);
  content.insertBefore(fragment, before);
  lines.splice(from, deleteCount, ...added);
  lineEls.splice(from, deleteCount, ...elements);
  startsDirty = true;
}

// ---------- drawing lines without holding up the page ----------

/** Lines received and not drawn yet, in order. A big document arrives in a few large messages. */
const renderQueue: { from: number; deleteCount: number; lines: readonly RenderLine[]; done: boolean; lazy: boolean }[] = [];
let drainScheduled = false;
/** Lines drawn per step, and the time one turn of the page may spend drawing before it yields (typing stays fluid). */
const SLICE_LINES = 250;
const SLICE_BUDGET_MS = 12;
/** Yields a turn to the page without timer clamping (nested timers wait ≥ 4 ms, and more in a busy frame). */
const turn = new MessageChannel();
turn.port1.onmessage = (): void => drain();
const nextTurn = (): void => turn.port2.postMessage(null);

function enqueueLines(from: number, deleteCount: number, added: readonly RenderLine[], done: boolean): void {
  // A small update with nothing queued is drawn at once, as before.
  if (renderQueue.length === 0 && added.length <= SLICE_LINES) {
    applyLines(from, deleteCount, added);
    afterLines(done);
    return;
  }
  if (renderQueue.length === 0) onScreen = lineEls.length > 0 ? firstVisibleLine() : 0;
  renderQueue.push({ from, deleteCount, lines: added, done, lazy: added.length > SLICE_LINES });
  if (!drainScheduled) {
    drainScheduled = true;
    nextTurn();
  }
}

/** Draws one slice of the queue; the rest after the page had its turn. */
function drainSlice(): void {
  const head = renderQueue[0]!;
  const n = Math.min(head.lines.length, SLICE_LINES);
  applyLines(head.from, head.deleteCount, n === head.lines.length ? head.lines : head.lines.slice(0, n), head.lazy);
  if (n === head.lines.length) {
    renderQueue.shift();
    afterLines(head.done);
  } else {
    renderQueue[0] = { from: head.from + n, deleteCount: 0, lines: head.lines.slice(n), done: head.done, lazy: head.lazy };
    afterLines(false);
  }
}

function drain(): void {
  drainScheduled = false;
  const deadline = performance.now() + SLICE_BUDGET_MS;
  while (renderQueue.length > 0 && performance.now() < deadline) drainSlice();
  if (renderQueue.length > 0 && !drainScheduled) {
    drainScheduled = true;
    nextTurn();
  }
}

function drainAll(): void {
  while (renderQueue.length > 0) drainSlice();
}

function afterLines(done: boolean): void {
  restorePlace(done);
  // Not while a big update is still arriving: its lines near the screen are drawn in full already, and finding the
  // screen's lines lays the page out (a layout per slice slowed the loading of a 5 MB document).
  if (renderQueue.length === 0) scheduleNearView();
  if (!reportedFirstPaint) {
    reportedFirstPaint = true;
    requestAnimationFrame(() => post({ type: 'rendered', version, lines: lines.length, firstPaintMs: performance.now() - started }));
  }
}

function starts(): number[] {
  if (startsDirty) {
    lineStarts = new Array<number>(lines.length);
    let offset = 0;
    for (let i = 0; i < lines.length; i++) {
      lineStarts[i] = offset;
      offset += lines[i]!.len + eol;
    }
    startsDirty = false;
  }
  return lineStarts;
}

// ---------- offsets ↔ DOM ----------

/**
 * Document offset of a DOM point inside the content, or undefined when it is not on the text. A point on a badge
 * or marker goes to the text border before it (`end`) or after it (`start`).
 */
function offsetOf(node: Node, offset: number, bias: 'start' | 'end'): number | undefined {
  const element = node instanceof HTMLElement ? node : node.parentElement;
  const lineEl = element?.closest<HTMLElement>('.line');
  if (!lineEl) return undefined;
  const index = lineEls.indexOf(lineEl);
  if (index < 0) return undefined;
  const lineStart = starts()[index]!;
  const plain = plainLines.get(lineEl);
  if (plain) {
    // A point in a line still drawn as plain text: its one text node holds the segments end to end.
    if (node.nodeType === Node.TEXT_NODE) return lineStart + plainOffset(plain, offset);
    return lineStart + (offset > 0 ? plain.len : 0);
  }
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
  return lineStart + (after ? Number(after.dataset['o']) : lines[index]!.len);
}

function pointOf(offset: number): { node: Node; offset: number } | undefined {
  const s = starts();
  const lo = Math.max(0, lastAtOrBefore(s, offset));
  const lineEl = lineEls[lo];
  if (!lineEl) return undefined;
  upgrade(lineEl);
  const rel = offset - s[lo]!;
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

function reveal(start: number, end: number, select: boolean): void {
  // The user asked for a place: every line up to it is drawn now.
  drainAll();
  const a = pointOf(start);
  const b = pointOf(end);
  if (!a || !b) return;
  const range = document.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  const target = (a.node instanceof HTMLElement ? a.node : a.node.parentElement)?.closest('.line') as HTMLElement | null;
  target?.scrollIntoView({ block: 'center' });
  if (select) {
    const sel = document.getSelection();
    sel?.removeAllRanges();
    sel?.addRange(range);
  }
  const lineEl = target;
  if (lineEl) {
    lineEl.classList.remove('flash');
    void lineEl.offsetWidth;
    lineEl.classList.add('flash');
    setTimeout(() => lineEl.classList.remove('flash'), 1600);
  }
}

function handleKey(key: string, preventDefault?: () => void): void {
  if (/^[1-9]$/.test(key)) {
    const entry = palette[Number(key) - 1];
    if (entry) {
      preventDefault?.();
      tagSelection(entry.name);
    }
  } else if (key === 'Delete' || key === 'Backspace') {
    preventDefault?.();
    removeTag();
  }
}

/** The text a line shows (its segments, without badges and marks). */
function shownText(lineEl: HTMLElement): string {
  return [...lineEl.querySelectorAll('.seg')].map((s) => s.textContent).join('');
}

/** Test builds only: answers the host's probes (state, key press, click) as a user would see and do them. */
function probe(id: number, action: ProbeAction): void {
  let result: unknown;
  if (action.kind === 'state') {
    const lineEl = action.line !== undefined ? lineEls[action.line] : undefined;
    upgrade(lineEl);
    result = {
      lines: lines.length,
      renderedLines: content.querySelectorAll('.line').length,
      version,
      script,
      lineText: lineEl ? shownText(lineEl) : undefined,
      lineTagged: lineEl ? lineEl.querySelectorAll('.seg.tagged').length : undefined,
      badges: content.querySelectorAll('.badge').length,
      marks: content.querySelectorAll('.mark').length,
      images: content.querySelectorAll('img, script, iframe').length,
      pwned: (window as unknown as { __pwned?: unknown }).__pwned === true,
      notice: statusEl.textContent ?? '',
      selection: selectionOffsets(),
      scrollTop: Math.round(scroller().scrollTop),
    };
  } else if (action.kind === 'line') {
    const lineEl = lineEls[action.line];
    upgrade(lineEl);
    result = lineEl ? { version, text: shownText(lineEl), badges: lineEl.querySelectorAll('.badge').length } : undefined;
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
  } else if (action.kind === 'scroll') {
    upgrade(lineEls[action.line]);
    lineEls[action.line]?.scrollIntoView({ block: 'start' });
    result = Math.round(scroller().scrollTop);
  } else if (action.kind === 'key') {
    handleKey(action.key);
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
      renderQueue.length = 0;
      plainCount = 0;
      version = m.version;
      eol = m.eol;
      palette = m.palette;
      strings = m.strings;
      script = m.script;
      content.setAttribute('aria-label', t('document'));
      content.classList.toggle('converted', script !== 'original');
      lines = [];
      lineEls = [];
      content.replaceChildren();
      renderToolbar();
      break;
    case 'lines':
      version = m.version;
      enqueueLines(m.from, m.deleteCount, m.lines, m.done);
      break;
    case 'palette':
      palette = m.palette;
      renderToolbar();
      break;
    case 'reveal':
      reveal(m.start, m.end, m.select);
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
  const node = document.getSelection()?.anchorNode;
  const lineEl = (node instanceof HTMLElement ? node : node?.parentElement)?.closest<HTMLElement>('.line');
  const index = lineEl ? lineEls.indexOf(lineEl) : -1;
  if (index >= 0) applyLines(index, 1, [lines[index]!]);
});

content.addEventListener('click', (e) => {
  const badge = (e.target as HTMLElement).closest('.badge') as HTMLElement | null;
  if (!badge) return;
  const lineEl = badge.closest('.line') as HTMLElement;
  const index = lineEls.indexOf(lineEl);
  if (index < 0) return;
  post({ type: 'badge', version, spanStart: starts()[index]! + Number(badge.dataset['sp']) });
});

document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if ((e.target as HTMLElement).closest('input, textarea')) return;
  handleKey(e.key, () => e.preventDefault());
});

document.addEventListener('selectionchange', () => {
  const sel = selectionOffsets();
  if (sel) post({ type: 'selection', version, start: sel.start, end: sel.end });
  savePlace();
});

// ---------- keeping the reader's place across tab switches (the webview state API) ----------

const scroller = (): Element => document.scrollingElement ?? document.documentElement;
let pendingPlace: PageState | undefined = vscode.getState();
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function savePlace(): void {
  if (pendingPlace) return; // not restored yet: keep what was saved
  if (saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    const selection = selectionOffsets();
    vscode.setState({ scrollTop: scroller().scrollTop, ...(selection ? { selection } : {}) });
  }, 150);
}

/** Once enough of the document is rendered to reach the saved position (or all of it is), go back there. */
function restorePlace(done: boolean): void {
  const place = pendingPlace;
  if (!place) return;
  const reachable = scroller().scrollHeight - scroller().clientHeight >= place.scrollTop;
  if (!reachable && !done) return;
  pendingPlace = undefined;
  // After layout (the page may still be sizing itself as it is shown), and once more should it have moved.
  const apply = (): void => {
    if (Math.abs(scroller().scrollTop - place.scrollTop) > 2) scroller().scrollTop = place.scrollTop;
    const current = selectionOffsets();
    if (place.selection && (current?.start !== place.selection.start || current.end !== place.selection.end)) {
      const a = pointOf(place.selection.start);
      const b = pointOf(place.selection.end);
      if (a && b) {
        const range = document.createRange();
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        document.getSelection()?.removeAllRanges();
        document.getSelection()?.addRange(range);
      }
    }
  };
  requestAnimationFrame(() => {
    apply();
    setTimeout(apply, 100);
  });
}

window.addEventListener('scroll', savePlace, { passive: true });

post({ type: 'ready' });
