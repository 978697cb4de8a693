// Core benchmarks (run by `npm run bench`): throughput on ~5 MB documents made by repeating the sample corpus.
// Every figure comes with a baseline measured in the same run, so the ratios hold on any machine.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLEANUP_KINDS, planCleanup } from '../src/core/clean/cleanup';
import { getConverter, getReferenceConverter } from '../src/core/convert/converter';
import { planConversion } from '../src/core/convert/planConversion';
import { InferenceCache, inferDirectives } from '../src/core/directives/infer';
import { DEFAULT_RULES, extendRules } from '../src/core/directives/rules';
import { parseMarkup } from '../src/core/markup/parse';
import { serializeMarkup } from '../src/core/markup/serialize';
import { fromBrat } from '../src/core/export/brat';
import { buildRenderLines } from '../src/core/render/renderLines';
import { markdownBlocks, updateMarkdownBlocks } from '../src/core/render/markdownBlocks';
import { summarizeDocument } from '../src/core/corpus/summary';
import { lineStarts } from '../src/core/text/lines';

const TARGET_BYTES = 5 * 1024 * 1024;
const ROOT = join(__dirname, '..', '..');
const samples = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt')).sort();
const read = (f: string): string => readFileSync(join(ROOT, 'samples', f), 'utf8');

/**
 * The text repeated to about `bytes`, each line made unique (a number appended at its end): real documents do not
 * repeat their paragraphs, and inference would otherwise profit from its per-line cache.
 */
function repeatTo(text: string, bytes: number): string {
  const unit = Buffer.byteLength(text, 'utf8');
  let n = 0;
  return text.repeat(Math.ceil(bytes / unit)).replace(/\n/g, () => ` ${n++}\n`);
}

const simplified = repeatTo(samples.filter((f) => !['zigong-science-committee-meeting_trad.txt', 'zigong-plenum-communique-2021_trad.txt'].includes(f)).map(read).join('\n'), TARGET_BYTES);
const traditional = repeatTo(['zigong-science-committee-meeting_trad.txt', 'zigong-plenum-communique-2021_trad.txt'].map(read).join('\n'), TARGET_BYTES);
const mixedCorpus = repeatTo(samples.map(read).join('\n'), TARGET_BYTES);
// An annotated document: every 要-clause start of the corpus wrapped in a span, so parsing has real work to do.
const annotated = mixedCorpus.replace(/要[^，。,]{1,12}/g, (m) => `[${m}]{.任务 note="n"}`);
const mb = (s: string): number => Buffer.byteLength(s, 'utf8') / 1024 / 1024;

/** Collects garbage when the run allows it (`--expose-gc`): a timed call does not pay for an earlier call's garbage. */
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Median wall time of `runs` calls, after one warm-up call; each on a collected heap. */
function time(fn: () => unknown, runs = 5): number {
  fn();
  const samplesMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    const t0 = performance.now();
    fn();
    samplesMs.push(performance.now() - t0);
  }
  return samplesMs.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * Medians of two functions timed alternately, each run on a collected heap, after warm-up calls of each (three unless
 * told): the JIT optimises a function over its first calls (the native baselines need none), and the rows compare
 * steady states.
 */
function timePair(a: () => unknown, b: () => unknown, runs: number, warmUps = 3): [number, number] {
  for (let i = 0; i < warmUps; i++) {
    a();
    b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < runs; i++) {
    collect();
    let t0 = performance.now();
    a();
    ta.push(performance.now() - t0);
    collect();
    t0 = performance.now();
    b();
    tb.push(performance.now() - t0);
  }
  const median = (xs: number[]): number => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return [median(ta), median(tb)];
}

interface Row {
  what: string;
  size: number;
  ms: number;
  baseline: string;
  baselineMs: number;
  target: string;
}
const rows: Row[] = [];
const add = (what: string, text: string, ms: number, baseline: string, baselineMs: number, target: string): void => {
  rows.push({ what, size: mb(text), ms, baseline, baselineMs, target });
};

// Baseline for the scanners: one pass over the text doing no work but reading each UTF-16 unit.
const scan = (text: string): number => {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h + text.charCodeAt(i)) | 0;
  return h;
};

/**
 * Adversarial shapes (hostile or merely unusual files): each doubled from 50 KB to 1.6 MB. A linear operation
 * grows about 2× per doubling; the row reports the largest growth factor and the time at 1.6 MB.
 */
async function adversarialShapes(): Promise<void> {
  const shapes = await adversarialShapeList();
  const one = process.env.ADVERSARIAL_SHAPE;
  if (one !== undefined) return timeShape(...shapes[Number(one)]!);
  // Each shape in a process of its own: the heap one shape leaves (its young generation grown or shrunk, its old one
  // full) changed the next one's figures (many clauses per line: growth 4.2 after the shapes before it, 2.2 alone).
  // ADVERSARIAL_MATCH=text runs only the shapes whose name holds it (to study one).
  const only = process.env.ADVERSARIAL_MATCH;
  shapes.forEach(([name], k) => {
    if (only && !name.includes(only)) return;
    const child = spawnSync(process.execPath, ['--expose-gc', __filename], { env: { ...process.env, ADVERSARIAL_ONLY: '1', ADVERSARIAL_SHAPE: String(k) }, stdio: 'inherit' });
    if (child.status !== 0) console.error(`adversarial shape "${name}" exited with ${child.status}`);
  });
}

type Shape = [what: string, make: (bytes: number) => string, run: (text: string) => unknown];

const repeatBytes = (unit: string, bytes: number): string => unit.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(unit))));

async function adversarialShapeList(): Promise<Shape[]> {
  const t2s = await getConverter({ from: 't', to: 'cn' });
  // Settings a user could write: 10,000 extra triggers and as many exclusions.
  const userWords = Array.from({ length: 10_000 }, (_, k) => '词' + String.fromCharCode(0x4e00 + ((k * 7919) % 20_000)) + String.fromCharCode(0x4e00 + (k % 20_000)));
  const manyUserWords = extendRules(DEFAULT_RULES, { triggers: userWords, exclusions: userWords.map((w) => w + '要') });
  return [
    ['infer: one huge line of prose', (b) => repeatBytes('全会提出，要加快发展，各级党委要切实加强领导；', b), (t) => inferDirectives(parseMarkup(t))],
    ['infer: many clauses per line (要做，)', (b) => repeatBytes('要做，', b), (t) => inferDirectives(parseMarkup(t))],
    ['infer: many sections per line (他指出，)', (b) => repeatBytes('他指出，', b), (t) => inferDirectives(parseMarkup(t))],
    ['infer: quotations left open on a line (“各级要做，「他指出，)', (b) => repeatBytes('“各级要做，「他指出，', b), (t) => inferDirectives(parseMarkup(t))],
    ['infer: CR-only line breaks', (b) => repeatBytes('全会提出，要加快发展。\r', b), (t) => inferDirectives(parseMarkup(t))],
    ['infer: 10,000 user triggers and exclusions', (b) => repeatTo(samples.map(read).join('\n'), b), (t) => inferDirectives(parseMarkup(t), manyUserWords)],
    ['parse: thousands of failing ]{ on a line', (b) => repeatBytes(']{', b), (t) => parseMarkup(t)],
    ['parse: deep nesting', (b) => { const n = Math.floor(b / 12); return '['.repeat(n) + '要' + ']{.a}'.repeat(n); }, (t) => parseMarkup(t)],
    ['render model: 40,000 spans on a line', (b) => repeatBytes('[要做]{.a}', b), (t) => { const p = parseMarkup(t); return buildRenderLines(p, []); }],
    ['convert: runs of ⿰ (description characters)', (b) => repeatBytes('⿰', b), (t) => t2s.convert(t)],
    ['clean-up: ( without ) on one line', (b) => repeatBytes('(会', b), (t) => planCleanup(parseMarkup(t), 'normalizePunctuation')],
    ['serialize: many paragraphs, each with a span', (b) => repeatBytes('第一段[要做]{.a}好。\n\n', b), (t) => serializeMarkup(parseMarkup(t))],
    ['corpus summary: coded passages on one line', (b) => repeatBytes('[要做]{.a}，', b), (t) => summarizeDocument(parseMarkup(t))],
    ['brat import: many annotations', (b) => { const n = Math.floor(b / 40); return JSON.stringify([n]); }, (t) => { const n = JSON.parse(t)[0] as number; const txt = '甲乙'.repeat(n); let ann = ''; for (let i = 0; i < n; i++) ann += `T${i + 1}\ta ${2 * i} ${2 * i + 1}\t甲\n`; return fromBrat(txt, ann); }],
  ];
}

/**
 * The floor of any operation whose output grows with its input, in V8 on this machine: a pass that keeps, for every
 * 16 characters, one small object holding a 4-character slice. It does no other work and is linear, yet its time per
 * character grows several-fold from 200 KB to 1.6 MB even with a young generation of 64 MB, where nothing is
 * collected: the output no longer fits the processor's cache (L2: 1 MB per core here). Past 1.6 MB the collections
 * add a step of their own.
 */
const outputFloor = (text: string): { at: number; text: string }[] => {
  const out: { at: number; text: string }[] = [];
  for (let i = 0; i + 16 <= text.length; i += 16) out.push({ at: i, text: text.slice(i, i + 4) });
  return out;
};

/** A shape's time per run at each size (a median of 5 samples). */
function timesBySize(make: (bytes: number) => string, run: (text: string) => unknown): number[] {
  // Warmed up at 1.6 MB first: otherwise the smallest sizes time code not yet optimised, and the growth from them
  // says how fast the JIT compiles, not how the work grows.
  const warm = make(SHAPE_SIZES[RANGE_END]!);
  run(warm);
  run(warm);
  // A sample below 1.6 MB runs the shape on the input as many times as make 1.6 MB, back to back: one run of 50 KB
  // takes a fraction of a millisecond, and a median of such runs was noise (the growth was read only from sizes
  // above 5 ms, and one row had none).
  return SHAPE_SIZES.map((bytes) => {
    const input = make(bytes);
    const repeats = Math.max(1, SHAPE_SIZES[RANGE_END]! / bytes);
    return time(() => {
      for (let r = 0; r < repeats; r++) run(input);
    }, 5) / repeats;
  });
}

/** 50 KB doubled to 1.6 MB (the issue's range), then twice more to show where the growth settles. */
const SHAPE_SIZES = [1, 2, 4, 8, 16, 32, 64, 128].map((k) => k * 50 * 1024);
/** The index of 1.6 MB, the last size of the issue's range. */
const RANGE_END = 5;

/** The largest growth from one size to the next, up to 1.6 MB. */
const largestGrowthInRange = (times: number[]): number => Math.max(...times.slice(1, RANGE_END + 1).map((t, i) => t / times[i]!));

const formatTimes = (times: number[]): string => times.map((t) => (t < 1 ? t.toFixed(2) : t < 10 ? t.toFixed(1) : t.toFixed(0))).join(', ');

/**
 * One shape doubled from 50 KB to 1.6 MB, and on to 6.4 MB: its row, with the growth per doubling, beside the output
 * floor timed the same way in the same process.
 */
function timeShape(...[what, make, run]: Shape): void {
  const times = timesBySize(make, run);
  const floor = timesBySize((bytes) => repeatBytes('全会提出，要加快发展，各级党委要切实加强领导；', bytes), outputFloor);
  // The largest step in the issue's range and the mean step over it, the steps beyond it, and the mean step over
  // every size (the growth of a linear operation whose time per character changes with the memory its output takes,
  // a few doublings long).
  const growth = (ts: number[]): string => {
    const meanOver = (to: number): number => (ts[to]! / ts[0]!) ** (1 / to);
    const beyond = ts.slice(RANGE_END + 1).map((t, i) => (t / ts[RANGE_END + i]!).toFixed(2));
    return `≤ ${largestGrowthInRange(ts).toFixed(2)}, ${meanOver(RANGE_END).toFixed(2)} on average (50 KB→1.6 MB: ${formatTimes(ts.slice(0, RANGE_END + 1))} ms), then ${beyond.join(' and ')} to 3.2 and 6.4 MB, ${meanOver(ts.length - 1).toFixed(2)} on average over all`;
  };
  console.log(`BENCH_ROW ${JSON.stringify({ what: `adversarial: ${what}`, ms: times[RANGE_END], note: `growth per doubling ${growth(times)}; target ≤ 2.3. Output floor (a pass keeping an object per 16 characters), timed the same way: ${growth(floor)}` })}`);
}

/**
 * Comparable work for each clean-up, done by one regular-expression replace (the issue's baseline): finding the
 * same kind of runs in one pass, without the checks of context.
 */
const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };
const CLEANUP_BASELINES: Record<string, (text: string) => string> = {
  removePinyin: (text) => text.replace(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/g, ''),
  collapsePunctuation: (text) => text.replace(/[,，。、;；]{2,}/g, (run) => run[run.length - 1]!),
  // Each half-width mark made full-width, as the clean-up does (the baseline deleted them until 0.2: less work).
  normalizePunctuation: (text) => text.replace(/[,;:!?()]/g, (mark) => FULL_WIDTH[mark]!),
};

/**
 * How cost grows with size: inference, conversion with edit planning and the clean-ups at 1, 5, 20 and 50 MB, each
 * beside its baseline at the same size (a bare /要/g scan, opencc-js converting the same text, one regex replace);
 * and the memory an analysed 20 MB document holds.
 */
async function scaling(): Promise<void> {
  const t2s = await getConverter({ from: 't', to: 'cn' });
  const reference = await getReferenceConverter({ from: 't', to: 'cn' });
  const row = (what: string, ms: number, baseline: string, baselineMs: number, note: string): void =>
    console.log(`BENCH_ROW ${JSON.stringify({ what, ms, baseline, baselineMs, note })}`);
  const bareScan = (text: string): number => {
    let n = 0;
    const re = /要/g;
    while (re.exec(text)) n++;
    return n;
  };
  for (const size of [1, 5, 20, 50]) {
    // Big sizes run on code warmed up by the smaller ones: one warm-up call, and five runs (three left the median
    // of 50 MB at the mercy of one collection).
    const runs = size >= 20 ? 5 : size >= 5 ? 7 : 15;
    const warmUps = size >= 20 ? 1 : 3;
    const mixed = repeatTo(samples.map(read).join('\n'), size * 1024 * 1024);
    const [inferMs, scanMs] = timePair(() => inferDirectives(parseMarkup(mixed)), () => bareScan(mixed), runs, warmUps);
    row(`scaling: infer directives, ${size} MB`, inferMs, 'bare /要/g scan', scanMs, `target ≤ 30×`);
    const trad = repeatTo(['zigong-science-committee-meeting_trad.txt', 'zigong-plenum-communique-2021_trad.txt'].map(read).join('\n'), size * 1024 * 1024);
    // The document is parsed already when the extension plans (the index's analysis), so parsing is not timed.
    const parsedTrad = parseMarkup(trad);
    const [convertMs, refMs] = timePair(() => planConversion(parsedTrad, t2s).edits.length, () => reference(trad), runs, warmUps);
    row(`scaling: convert t2s with edit planning, ${size} MB`, convertMs, 'opencc-js converter', refMs, 'target ≤ 1.2×');
    if (size === 5 || size === 50) {
      for (const kind of CLEANUP_KINDS) {
        const text = kind === 'removePinyin' ? trad : mixed;
        const baseline = CLEANUP_BASELINES[kind]!;
        const parsed = kind === 'removePinyin' ? parsedTrad : parseMarkup(text);
        const [cleanMs, regexMs] = timePair(() => planCleanup(parsed, kind).edits.length, () => baseline(text), runs, warmUps);
        row(`scaling: clean-up ${kind}, ${size} MB`, cleanMs, 'one regex replace', regexMs, 'target ≤ 3×');
      }
    }
  }
  // Markdown: the block structure of a 20 MB Markdown document after a one-line edit in its middle (what the Policy
  // Annotator editor finds per pause), beside a whole parse of it.
  {
    const unit = '## 一、加快发展\n\n> 他表示，要**加快**发展。\n\n- 各级[党委]{.主体}要*切实*加强领导。\n- 第二项工作要做好。\n\n正文段落，全会提出，要坚持稳中求进。\n\n';
    const md = unit.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(unit)));
    const lines = md.split('\n');
    const middle = Math.floor(lines.length / 2);
    const edited = [...lines.slice(0, middle), '新增一段，要做好。', ...lines.slice(middle)].join('\n');
    const starts = lineStarts(edited);
    const before = markdownBlocks(md);
    const [updateMs, wholeMs] = timePair(() => updateMarkdownBlocks(before, edited, (l) => starts[l]!, starts.length, { from: middle, to: middle }), () => markdownBlocks(edited), 3, 1);
    row('Markdown block structure after a one-line edit, 20 MB', updateMs, 'whole parse (markdown-it, block rules)', wholeMs, `${lines.length} lines; target: the edit, not the document`);
  }
  // Memory: what an analysed 20 MB document keeps (text, markup, directives, the editor's render model), measured
  // as the heap's growth after a full collection, against the document's own size in memory (UTF-16).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    const doc = repeatTo(samples.map(read).join('\n'), 20 * 1024 * 1024);
    gc();
    const before = process.memoryUsage().heapUsed;
    const parsed = parseMarkup(doc);
    const items = inferDirectives(parsed);
    const lines = buildRenderLines(parsed, items);
    gc();
    const held = process.memoryUsage().heapUsed - before;
    const docBytes = doc.length * 2;
    console.log(`BENCH_ROW ${JSON.stringify({ what: 'memory: an analysed 20 MB document with its render model (heap growth)', note: `${(held / 1024 / 1024).toFixed(0)} MB held beside the text's ${(docBytes / 1024 / 1024).toFixed(0)} MB (UTF-16): ${((held + docBytes) / docBytes).toFixed(1)}× the text in all (${items.length} items, ${lines.length} lines); target ≤ 4×` })}`);
  }
}

/**
 * Corpus scale: 2,000 documents / ~100 MB (slices of the samples, with annotations) in a folder. The command line
 * reads them on every core; its peak memory (resident set of the whole process, workers included) is reported
 * beside the corpus size. Baseline: reading and decoding every file, nothing else.
 */
async function corpusScale(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-annotator-corpus-'));
  try {
    const DOCS = 2000;
    // A coded corpus as researchers make one: about one clause in eight tagged (the 5 MB `annotated` text tags all).
    let k = 0;
    const coded = mixedCorpus.replace(/要[^，。,]{1,12}/g, (m) => (k++ % 8 === 0 ? `[${m}]{.${k % 16 === 0 ? '主体' : '任务'}}` : m));
    const per = Math.floor(coded.length / 100);
    let bytes = 0;
    for (let i = 0; i < DOCS; i++) {
      const start = (i * 7919) % (coded.length - per);
      const cut = coded.lastIndexOf('\n', start) + 1;
      const text = coded.slice(cut, cut + per);
      if (i % 100 === 0) mkdirSync(join(dir, `d${i / 100}`));
      writeFileSync(join(dir, `d${Math.floor(i / 100)}`, `doc${i}.txt`), text);
      bytes += Buffer.byteLength(text);
    }
    const corpusMb = bytes / 1024 / 1024;
    const files = readdirSync(dir).flatMap((d) => readdirSync(join(dir, d)).map((f) => join(dir, d, f)));
    const readAll = (): number => files.reduce((n, f) => n + new TextDecoder().decode(readFileSync(f)).length, 0);
    const baseline = time(readAll, 3);
    const rssProbe = join(dir, 'rss.js');
    writeFileSync(rssProbe, "const { isMainThread } = require('node:worker_threads'); if (isMainThread) process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n");
    const outFile = join(dir, 'out.json');
    const cli = (args: string[]): { ms: number; rssMb: number; out: number } => {
      const t0 = performance.now();
      const out = openSync(outFile, 'w');
      const r = spawnSync(process.execPath, ['-r', rssProbe, join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', stdio: ['ignore', out, 'pipe'] });
      closeSync(out);
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`cli ${args.join(' ')}: ${r.stderr}`);
      const rss = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024;
      return { ms, rssMb: rss, out: statSync(outFile).size };
    };
    const threads = availableParallelism();
    const codebook = [cli(['codebook', '--json', dir]), cli(['codebook', '--json', dir]), cli(['codebook', '--json', dir])].sort((a, b) => a.ms - b.ms)[1]!;
    const row = (what: string, ms: number, note: string): void =>
      console.log(`BENCH_ROW ${JSON.stringify({ what, ms, baseline: 'read + decode every file', baselineMs: baseline, note })}`);
    row(`corpus: codebook, ${DOCS} documents / ${corpusMb.toFixed(0)} MB (command line, ${threads} threads)`, codebook.ms, `${(corpusMb / (codebook.ms / 1000)).toFixed(0)} MB/s; peak memory ${codebook.rssMb.toFixed(0)} MB for a ${corpusMb.toFixed(0)} MB corpus`);
    const retrieve = cli(['retrieve', '--tag', '任务', '--json', dir]);
    row(`corpus: retrieve --json, ${DOCS} documents (JSON Lines streamed)`, retrieve.ms, `${(retrieve.out / 1024 / 1024).toFixed(1)} MB of output; peak memory ${retrieve.rssMb.toFixed(0)} MB`);
    // One thread, in this process: what the workers spread over the cores.
    const single = time(() => files.reduce((n, f) => n + summarizeDocument(parseMarkup(new TextDecoder().decode(readFileSync(f)))).segments.length, 0), 1);
    row(`corpus: the same summaries on one thread (in-process)`, single, `${(corpusMb / (single / 1000)).toFixed(0)} MB/s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.env.ADVERSARIAL_ONLY === '1') return adversarialShapes();
  if (process.env.CORPUS_ONLY === '1') return corpusScale();
  if (process.env.SCALING_ONLY === '1') return scaling();
  const scanAnnotated = time(() => scan(annotated));
  add('parse markup (annotated, 5 MB)', annotated, time(() => parseMarkup(annotated)), 'charCodeAt scan', scanAnnotated, '≥ 50 MB/s');
  add('parse markup (no markup, 5 MB)', mixedCorpus, time(() => parseMarkup(mixedCorpus)), 'charCodeAt scan', time(() => scan(mixedCorpus)), '≥ 50 MB/s');
  const scanMixed = time(() => scan(mixedCorpus));
  add('infer directives (5 MB)', mixedCorpus, time(() => inferDirectives(parseMarkup(mixedCorpus))), 'charCodeAt scan', scanMixed, '< 300 ms');
  add('infer directives (annotated, 5 MB)', annotated, time(() => inferDirectives(parseMarkup(annotated))), 'charCodeAt scan', scanAnnotated, '< 300 ms');
  // After a one-line edit, with the per-line cache of the previous version: what the editor pays per pause.
  const cache = new InferenceCache();
  inferDirectives(parseMarkup(mixedCorpus), undefined, cache);
  let edits = 0;
  const reinfer = time(() => {
    const edited = mixedCorpus.slice(0, 1000) + `要做好第${edits++}项工作。` + mixedCorpus.slice(1000);
    inferDirectives(parseMarkup(edited), undefined, cache);
  });
  add('re-infer after a one-line edit (5 MB, cached lines)', mixedCorpus, reinfer, 'full inference (above)', rows.find((r) => r.what === 'infer directives (5 MB)')!.ms, '');

  for (const [label, text, pair] of [
    ['convert t2s (traditional 5 MB)', traditional, { from: 't', to: 'cn' }],
    ['convert s2t (simplified 5 MB)', simplified, { from: 'cn', to: 't' }],
    ['convert s2twp (simplified 5 MB)', simplified, { from: 'cn', to: 'twp' }],
  ] as const) {
    const t0 = performance.now();
    const ours = await getConverter(pair);
    const buildMs = performance.now() - t0;
    const reference = await getReferenceConverter(pair);
    // Interleaved, so both see the same heap and GC conditions.
    const [oursMs, refMs] = timePair(() => planConversion(parseMarkup(text), ours).edits.length, () => reference(text), 5);
    add(`${label}, edits planned`, text, oursMs, 'opencc-js converter', refMs, '≤ 1.5× baseline');
    console.log(`BENCH_ROW ${JSON.stringify({ what: `build the ${pair.from}→${pair.to} converter (once per configuration)`, ms: buildMs })}`);
  }
  for (const kind of CLEANUP_KINDS) {
    const text = kind === 'removePinyin' ? traditional : mixedCorpus;
    add(`clean-up ${kind} (5 MB)`, text, time(() => planCleanup(parseMarkup(text), kind).edits.length, 3), 'charCodeAt scan', time(() => scan(text)), '');
  }

  // The other sections run in processes of their own under `npm run bench` (see scripts/bench.mjs).
  if (process.env.BASIC_ONLY !== '1') {
    await adversarialShapes();
    await scaling();
    await corpusScale();
  }
  for (const r of rows) {
    console.log(`BENCH_ROW ${JSON.stringify({ what: r.what, ms: r.ms, baseline: r.baseline, baselineMs: r.baselineMs, note: `${r.size.toFixed(1)} MB, ${(r.size / (r.ms / 1000)).toFixed(0)} MB/s${r.target ? `; target ${r.target}` : ''}` })}`);
  }
}

void main();
