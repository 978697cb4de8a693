import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseCodebookFile, type CodeDefinition } from '../core/corpus/codebook';
import { comparisonCounts, comparisonToCsv, comparisonToMarkdown, compareFormulations, type Formulation } from '../core/corpus/compare';
import { retrievedToJson, retrieveSegments } from '../core/corpus/retrieve';
import { tagCounts, type DocumentSummary } from '../core/corpus/summary';
import { ProjectArchiveWriter } from '../core/export/qdpx';
import { corpusFiles, summarizeCorpus, summarizeFile, type FileSummary, type SummaryNeed } from './corpus';
import { CLEANUP_KINDS, planCleanup, type CleanupKind } from '../core/clean/cleanup';
import { getConverter } from '../core/convert/converter';
import { planConversion } from '../core/convert/planConversion';
import { defaultSource, isScriptVariant, SCRIPT_VARIANTS } from '../core/convert/targets';
import { DirectiveStream } from '../core/directives/infer';
import { annotationsToCsv, annotationsToJson, collectAnnotations, type AnnotationRecord } from '../core/export/annotations';
import { CodePointIndex, toBrat } from '../core/export/brat';
import { directiveToJson, type DirectiveJson } from '../core/export/directives';
import { lastBalancedLineEnd, parseMarkup } from '../core/markup/parse';
import { applyEdits } from '../core/text/edits';
import { MAX_FILE_BYTES, readTextFile, realPathOfTarget, streamTextFile, UserError, writeBack, writeNewFile, writeNewFileStreamed, type ReadFile, type TextStream } from './files';

/** What each command takes: its flags, which of them need a value, and one line of help each. */
interface CommandSpec {
  readonly synopsis: string;
  readonly help: string;
  readonly flags: Readonly<Record<string, { readonly value?: string; readonly help: string }>>;
  readonly run: (o: Options, io: Io) => Promise<void>;
}

interface Options {
  readonly command: string;
  readonly files: string[];
  readonly flags: Map<string, string | true>;
}

class UsageError extends Error {}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Resolves when what was written has been taken by the reader, so streamed output never piles up in memory. */
  drained?(): Promise<void>;
  /** The bundled command line, run in worker threads for corpus commands (absent when run in-process). */
  readonly workerScript?: string;
}

const OFFSETS_HELP = 'utf16 (default: UTF-16 code units, as JavaScript and VS Code index text) or code-points (as Python indexes a str)';

function stringFlag(o: Options, name: string): string | undefined {
  const v = o.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Reads every file once: the same file named twice (x.txt ./x.txt, or through a link) is read once. */
async function readInputs(files: readonly string[]): Promise<ReadFile[]> {
  if (files.length === 0) throw new UsageError('Give at least one FILE.');
  const seen = new Set<string>();
  const read: ReadFile[] = [];
  for (const file of files) {
    const f = await readTextFile(file);
    if (seen.has(f.realPath)) continue;
    seen.add(f.realPath);
    read.push(f);
  }
  return read;
}

function offsetsKind(o: Options): string | undefined {
  const kind = stringFlag(o, '--offsets');
  if (kind !== undefined && kind !== 'utf16' && kind !== 'code-points') throw new UsageError(`--offsets must be utf16 or code-points, not "${kind}".`);
  return kind;
}

/**
 * convert and clean: print the result of one file, or with --write change every file in place. With several
 * files, every file's outcome is reported and the exit code is 1 if any failed (the others are still written).
 */
async function emitTransformed(o: Options, io: Io, files: readonly ReadFile[], transform: (f: ReadFile) => { text: string; note?: string }): Promise<void> {
  if (!o.flags.has('--write')) {
    if (o.flags.has('--force')) throw new UsageError('--force goes with --write.');
    if (files.length > 1) throw new UsageError('Several files: add --write to change them in place (stdout takes one file).');
    const { text, note } = transform(files[0]!);
    if (note) io.stderr(`${files[0]!.path}: ${note}\n`);
    io.stdout((files[0]!.bom ? '\ufeff' : '') + text);
    return;
  }
  const failures: string[] = [];
  for (const f of files) {
    try {
      const { text, note } = transform(f);
      const content = (f.bom ? '\ufeff' : '') + text;
      if (content === (f.bom ? '\ufeff' : '') + f.text) {
        io.stderr(`${f.path}: unchanged\n`);
        continue;
      }
      await writeBack(f, content, { force: o.flags.has('--force') });
      io.stderr(`${f.path}: written${note ? ` (${note})` : ''}\n`);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      failures.push(f.path);
      io.stderr(`policy-annotator: ${e.message}\n`);
    }
  }
  if (failures.length > 0) throw new UserError(`${failures.length} of ${files.length} files not written: ${failures.join(', ')}.`);
}

/** Pieces of about this many characters are read, parsed and inferred at a time by the commands that stream. */
const PIECE_CHARS = 1 << 18;

/**
 * Opens every input for reading piece by piece (each checked whole first, so nothing is printed for a bad set of
 * inputs); the same file named twice is read once.
 */
async function streamInputs(files: readonly string[]): Promise<TextStream[]> {
  if (files.length === 0) throw new UsageError('Give at least one FILE.');
  const seen = new Set<string>();
  const streams: TextStream[] = [];
  for (const file of files) {
    const s = await streamTextFile(file, PIECE_CHARS, lastBalancedLineEnd);
    if (seen.has(s.realPath)) continue;
    seen.add(s.realPath);
    streams.push(s);
  }
  return streams;
}

/** Directives are inferred piece by piece (every rule works inside a line), so a file is never held whole. */
async function runDirectives(o: Options, io: Io): Promise<void> {
  const kind = offsetsKind(o);
  const json = o.flags.has('--json');
  if (kind !== undefined && !json) throw new UsageError('--offsets goes with --json.');
  for (const f of await streamInputs(o.files)) {
    // Markdown files are read as Markdown: syntax is not text, `#` headings are outline.
    const stream = new DirectiveStream(undefined, { markdown: /\.(md|markdown)$/i.test(f.path) });
    // Offsets index the file's text as read: a BOM is its first character.
    let base = 0;
    let codePointBase = f.bom ? 1 : 0;
    let first = true;
    let sections = 0;
    const outline: string[] = [];
    if (json) io.stdout('[');
    for await (const piece of f.pieces) {
      const items = stream.next(parseMarkup(piece), base);
      const cp = kind === 'code-points' ? new CodePointIndex(piece) : undefined;
      const at = cp ? (x: number): number => codePointBase + cp.toCodePoints(x - base) : (x: number): number => x + (f.bom ? 1 : 0);
      const batch: string[] = [];
      for (const item of items) {
        if (json) {
          const d = directiveToJson(item);
          const moved: DirectiveJson = { ...d, anchor: at(d.anchor), start: at(d.start), end: at(d.end), section: d.section === null ? null : at(d.section) };
          batch.push((first ? '' : ',') + JSON.stringify(moved));
          first = false;
          continue;
        }
        if (item.kind === 'section') sections++;
        const indent = item.kind === 'section' ? '  § ' : item.section !== undefined ? '      · ' : '    · ';
        outline.push(`${indent}${item.label}  [${item.start}–${item.end}]\n`);
      }
      if (batch.length > 0) io.stdout(batch.join(''));
      base += piece.length;
      if (cp) codePointBase += cp.toCodePoints(piece.length);
      await io.drained?.();
    }
    if (json) {
      io.stdout(']\n');
      continue;
    }
    io.stdout(`${f.path}: ${sections} sections, ${outline.length - sections} directives\n`);
    for (const line of outline) io.stdout(line);
  }
}

async function runConvert(o: Options, io: Io): Promise<void> {
  const to = stringFlag(o, '--to');
  if (!isScriptVariant(to)) throw new UsageError(`--to must be one of ${SCRIPT_VARIANTS.join(', ')}.`);
  const fromFlag = stringFlag(o, '--from');
  if (fromFlag !== undefined && !isScriptVariant(fromFlag)) throw new UsageError(`--from must be one of ${SCRIPT_VARIANTS.join(', ')}.`);
  const from = fromFlag ?? defaultSource(to);
  const protectedTerms = (stringFlag(o, '--protect') ?? '').split(/[,，]/).filter(Boolean);
  let converter;
  try {
    converter = await getConverter({ from, to });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const files = await readInputs(o.files);
  await emitTransformed(o, io, files, (f) => {
    const plan = planConversion(parseMarkup(f.text), converter, { protectedTerms });
    // The plain text is exactly OpenCC's; say when an annotation border moved to keep a phrase whole.
    const note = plan.movedBorders > 0 ? `${plan.movedBorders} annotation border${plan.movedBorders === 1 ? '' : 's'} moved so that converted phrases stay whole` : undefined;
    return { text: applyEdits(f.text, plan.edits), ...(note ? { note } : {}) };
  });
}

async function runClean(o: Options, io: Io): Promise<void> {
  const only = stringFlag(o, '--only');
  if (only !== undefined && only.trim() === '') throw new UsageError(`--only needs a list of clean-ups: ${CLEANUP_KINDS.join(',')}.`);
  const kinds = only !== undefined ? only.split(',').map((k) => k.trim()) : [...CLEANUP_KINDS];
  const unknown = kinds.find((k) => !(CLEANUP_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined) throw new UsageError(`Unknown clean-up "${unknown}"; use ${CLEANUP_KINDS.join(', ')}.`);
  const clean = (text: string): string => (kinds as CleanupKind[]).reduce((t, kind) => applyEdits(t, planCleanup(parseMarkup(t), kind).edits), text);
  if (!o.flags.has('--write')) {
    // To stdout, piece by piece: every clean-up works inside a line, so a file is never held whole.
    if (o.flags.has('--force')) throw new UsageError('--force goes with --write.');
    const [f, ...more] = await streamInputs(o.files);
    if (more.length > 0) throw new UsageError('Several files: add --write to change them in place (stdout takes one file).');
    if (f!.bom) io.stdout('\ufeff');
    for await (const piece of f!.pieces) {
      io.stdout(clean(piece));
      await io.drained?.();
    }
    return;
  }
  await emitTransformed(o, io, await readInputs(o.files), (f) => ({ text: clean(f.text) }));
}

async function runExport(o: Options, io: Io): Promise<void> {
  const format = stringFlag(o, '--format');
  if (format === 'qdpx') return exportQdpx(o, io);
  if (format !== 'csv' && format !== 'json' && format !== 'brat') throw new UsageError('--format must be csv, json, brat or qdpx.');
  if (format !== 'brat' && o.flags.has('--out')) throw new UsageError('--out goes with --format brat or qdpx (csv and json print to stdout).');
  if (format !== 'brat' && o.flags.has('--force')) throw new UsageError('--force goes with --format brat or qdpx.');
  if (format !== 'csv' && (o.flags.has('--bom') || o.flags.has('--allow-formulas'))) throw new UsageError('--bom and --allow-formulas go with --format csv.');
  const kind = offsetsKind(o);
  const files = await readInputs(o.files);
  if (format === 'brat') {
    const out = stringFlag(o, '--out');
    if (!out) throw new UsageError('brat export writes two files per document: give --out DIR.');
    const inputs = new Set(files.map((f) => f.realPath));
    const planned = new Map<string, string>();
    const writes: { file: string; content: string }[] = [];
    for (const f of files) {
      const base = path.join(out, path.basename(f.path).replace(/\.[^.]*$/, ''));
      for (const file of [base + '.txt', base + '.ann']) {
        const real = await realPathOfTarget(file);
        if (inputs.has(real)) throw new UserError(`${f.path}: exporting to ${file} would overwrite an input; nothing was written. Choose another --out.`);
        const other = planned.get(real);
        if (other !== undefined) throw new UserError(`${other} and ${f.path} would both export to ${file}; nothing was written. Export them to different folders.`);
        planned.set(real, f.path);
      }
      const brat = toBrat(parseMarkup(f.text));
      writes.push({ file: base + '.txt', content: brat.txt }, { file: base + '.ann', content: brat.ann });
    }
    for (const w of writes) await writeNewFile(w.file, w.content, { force: o.flags.has('--force') });
    return;
  }
  const records: AnnotationRecord[] = files.flatMap((f) => {
    const at = kind === 'code-points' ? new CodePointIndex(parseMarkup(f.text).plain) : undefined;
    return collectAnnotations(parseMarkup(f.text), f.path).map((r) => (at ? { ...r, start: at.toCodePoints(r.start), end: at.toCodePoints(r.end) } : r));
  });
  io.stdout(format === 'csv' ? annotationsToCsv(records, { bom: o.flags.has('--bom'), neutralizeFormulas: !o.flags.has('--allow-formulas') }) : annotationsToJson(records));
}


/** Summaries of the corpus named by FILE/DIR arguments; unreadable files are reported and counted. */
async function forEachDocument(o: Options, io: Io, need: SummaryNeed, each: (r: FileSummary & { summary: DocumentSummary }) => Promise<void> | void): Promise<void> {
  if (o.files.length === 0) throw new UsageError('Give at least one FILE or DIR.');
  const files = await corpusFiles(o.files);
  if (files.length === 0) throw new UserError('No .txt or .md files found.');
  let failed = 0;
  await summarizeCorpus(files, { need, ...(io.workerScript ? { workerScript: io.workerScript } : {}) }, async (r) => {
    if (r.error !== undefined || !r.summary) {
      failed++;
      io.stderr(`policy-annotator: ${r.error ?? `${r.file}: not read`} (skipped)\n`);
      return;
    }
    await each(r as FileSummary & { summary: DocumentSummary });
    await io.drained?.();
  });
  if (failed > 0) io.stderr(`policy-annotator: ${failed} of ${files.length} files skipped.\n`);
}

async function runCodebook(o: Options, io: Io): Promise<void> {
  const counts = new Map<string, number>();
  let documents = 0;
  await forEachDocument(o, io, 'tags', ({ summary }) => {
    documents++;
    for (const [tag, n] of tagCounts([summary])) counts.set(tag, (counts.get(tag) ?? 0) + n);
  });
  const rows = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (o.flags.has('--json')) {
    io.stdout(JSON.stringify(rows.map(([tag, count]) => ({ tag, count }))) + '\n');
    return;
  }
  io.stdout(`${rows.length} codes in ${documents} documents\n`);
  for (const [tag, count] of rows) io.stdout(`${String(count).padStart(7)}  ${tag}\n`);
}

async function runRetrieve(o: Options, io: Io): Promise<void> {
  const codes = (stringFlag(o, '--tag') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  if (codes.length === 0) throw new UsageError('retrieve needs --tag T (several: --tag T1,T2).');
  const query = { codes, mode: o.flags.has('--all') ? ('all' as const) : ('any' as const), ...(stringFlag(o, '--text') ? { text: stringFlag(o, '--text')! } : {}) };
  let total = 0;
  await forEachDocument(o, io, 'passages', ({ file, summary }) => {
    const found = retrieveSegments([{ name: file, summary }], query);
    total += found.length;
    if (o.flags.has('--json')) {
      if (found.length > 0) io.stdout(retrievedToJson(found).map((r) => JSON.stringify(r)).join('\n') + '\n');
      return;
    }
    for (const s of found) io.stdout(`${s.document}:${s.line}  [${s.tags.join(' ')}]  …${s.before}【${s.text}】${s.after}…\n`);
  });
  if (!o.flags.has('--json')) io.stdout(`${total} segments\n`);
}

async function runCompare(o: Options, io: Io): Promise<void> {
  if (o.files.length !== 2) throw new UsageError('compare takes two files: the older and the newer document.');
  const summaries: DocumentSummary[] = [];
  for (const file of o.files) {
    const r = await summarizeFile(file, 'summary');
    if (r.error !== undefined || !r.summary) throw new UserError(r.error ?? `${file}: not read`);
    summaries.push(r.summary);
  }
  const formulations = (s: DocumentSummary): Formulation[] => s.directives.filter((d) => d.kind === 'directive').map((d) => ({ text: d.text, line: d.line }));
  const rows = compareFormulations(formulations(summaries[0]!), formulations(summaries[1]!));
  const format = stringFlag(o, '--format');
  if (o.flags.has('--json')) {
    if (format !== undefined) throw new UsageError('--json and --format exclude each other.');
    io.stdout(JSON.stringify(rows) + '\n');
    return;
  }
  if (format === 'csv') return io.stdout(comparisonToCsv(rows));
  if (format === 'markdown') return io.stdout(comparisonToMarkdown(rows, { old: o.files[0]!, new: o.files[1]! }));
  if (format !== undefined) throw new UsageError('--format must be csv or markdown.');
  const counts = comparisonCounts(rows);
  io.stdout(`${counts.new} new, ${counts.dropped} dropped, ${counts.reworded} reworded, ${counts.same} unchanged\n`);
  const sign: Record<string, string> = { new: '+', dropped: '-', reworded: '~', same: '=' };
  for (const r of rows) {
    if (r.kind === 'same') continue;
    const show = (f: Formulation | undefined): string => (f ? `${parseMarkup(f.text).plain} (${f.line})` : '');
    io.stdout(r.kind === 'reworded' ? `~ ${show(r.old)}\n  → ${show(r.new)}\n` : `${sign[r.kind]} ${show(r.old ?? r.new)}\n`);
  }
}

/**
 * A REFI-QDA project of the corpus, streamed: each document's plain text goes into the archive as its worker
 * hands it over and is not kept; `project.qde` (selections only) comes last.
 */
async function exportQdpx(o: Options, io: Io): Promise<void> {
  const out = stringFlag(o, '--out');
  if (!out || !/\.qdpx$/i.test(out)) throw new UsageError('--format qdpx writes one project file: give --out FILE.qdpx.');
  for (const flag of ['--bom', '--allow-formulas', '--offsets']) if (o.flags.has(flag)) throw new UsageError(`${flag} does not go with --format qdpx.`);
  const target = await realPathOfTarget(out);
  for (const file of await corpusFiles(o.files)) {
    if ((await realPathOfTarget(file)) === target) throw new UserError(`${out}: is an input; nothing was written.`);
  }
  const codes = await readCodebookNear(o.files);
  let sources = 0;
  let segments = 0;
  await writeNewFileStreamed(
    out,
    async (write) => {
      const writer = new ProjectArchiveWriter((chunk) => write(chunk));
      await forEachDocument(o, io, 'source', ({ file, summary, plain }) => {
        writer.add({ name: path.basename(file), plain: plain ?? '', segments: summary.segments.map((s) => ({ plainStart: s.plainStart, plainEnd: s.plainEnd, tags: s.tags, ...(s.note !== undefined ? { note: s.note } : {}) })) });
        sources++;
        segments += summary.segments.length;
      });
      writer.finish({ name: path.basename(out).replace(/\.qdpx$/i, ''), origin: 'Policy Annotator', user: 'policy-annotator', created: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), codes });
    },
    { force: o.flags.has('--force') },
  );
  io.stderr(`${out}: ${sources} sources, ${segments} coded segments\n`);
}

/** The project codebook (`.policy-annotator/codebook.json`) of the first folder argument that has one. */
async function readCodebookNear(inputs: readonly string[]): Promise<CodeDefinition[]> {
  for (const input of inputs) {
    const file = path.join(input, '.policy-annotator', 'codebook.json');
    const text = await fsp.readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return [...parseCodebookFile(text).codes];
  }
  return [];
}

const WRITE = { help: 'change the files in place (atomically; through symbolic links; mode, owner and hard links kept)' };
const FORCE = { help: 'with --write: also write read-only files' };

const COMMANDS: Record<string, CommandSpec> = {
  directives: {
    synopsis: 'directives FILE… [--json [--offsets utf16|code-points]]',
    help: 'Lists sections and directives. --json prints one JSON array per file, one per line (schemas/directives.schema.json); offsets index the file\'s text as read, a byte-order mark included.',
    flags: { '--json': { help: 'JSON output' }, '--offsets': { value: 'KIND', help: OFFSETS_HELP } },
    run: runDirectives,
  },
  convert: {
    synopsis: 'convert --to cn|t|tw|twp|hk [--from VARIANT] [--protect TERMS] FILE… [--write [--force]]',
    help: 'Converts Chinese characters with OpenCC. Prints the result of one file, or changes the files with --write.',
    flags: {
      '--to': { value: 'VARIANT', help: 'cn, t, tw, twp or hk' },
      '--from': { value: 'VARIANT', help: 'the source variant (default: t for --to cn, cn otherwise)' },
      '--protect': { value: 'TERMS', help: 'comma-separated terms never to convert (乾安县,…)' },
      '--write': WRITE,
      '--force': FORCE,
    },
    run: runConvert,
  },
  clean: {
    synopsis: `clean FILE… [--only ${CLEANUP_KINDS.join(',')}] [--write [--force]]`,
    help: 'Removes injected pinyin, collapses doubled punctuation, normalizes punctuation width.',
    flags: { '--only': { value: 'KINDS', help: `a comma-separated list of ${CLEANUP_KINDS.join(', ')}` }, '--write': WRITE, '--force': FORCE },
    run: runClean,
  },
  export: {
    synopsis: 'export --format csv|json|brat|qdpx FILE… [--out DIR|FILE.qdpx [--force]] [--bom] [--allow-formulas] [--offsets utf16|code-points]',
    help: 'Exports annotations: CSV or JSON (schemas/annotations.schema.json) to stdout, brat standoff (.txt + .ann per file) into --out DIR, a REFI-QDA project (--format qdpx, folders walked) into --out FILE.qdpx. Offsets are in the plain text (markup removed); brat and REFI-QDA count code points. Existing files are never replaced without --force.',
    flags: {
      '--format': { value: 'FORMAT', help: 'csv, json, brat or qdpx' },
      '--out': { value: 'DIR|FILE', help: 'brat: the folder for the .txt and .ann files; qdpx: the project file' },
      '--force': { help: 'brat, qdpx: replace existing files' },
      '--bom': { help: 'csv: start with a byte-order mark, for Excel' },
      '--allow-formulas': { help: "csv: keep cells starting with = + - @ as they are (by default they get a leading ', against CSV injection)" },
      '--offsets': { value: 'KIND', help: OFFSETS_HELP },
    },
    run: runExport,
  },
  codebook: {
    synopsis: 'codebook FILE|DIR… [--json]',
    help: 'Counts each code (tag) over a corpus: folders are walked for .txt and .md files. --json prints [{"tag", "count"}] (schemas/codebook.schema.json). Files are read on every core.',
    flags: { '--json': { help: 'JSON output' } },
    run: runCodebook,
  },
  retrieve: {
    synopsis: 'retrieve --tag T[,T2…] [--all] [--text S] FILE|DIR… [--json]',
    help: 'Lists every passage coded with the tags, with its document, line, section, directive and context. --json prints one JSON object per line (JSON Lines, schemas/retrieve.schema.json), as documents are read.',
    flags: {
      '--tag': { value: 'TAGS', help: 'the codes to retrieve, comma-separated' },
      '--all': { help: 'only passages with all the codes (default: any)' },
      '--text': { value: 'TEXT', help: 'only passages whose text or note contains TEXT' },
      '--json': { help: 'JSON Lines output' },
    },
    run: runRetrieve,
  },
  compare: {
    synopsis: 'compare OLD NEW [--json | --format csv|markdown]',
    help: "Compares two documents' directives (e.g. two years' plenum communiqués): new, dropped and reworded formulations (aligned by similarity). --json: schemas/compare.schema.json.",
    flags: { '--json': { help: 'JSON output' }, '--format': { value: 'FORMAT', help: 'csv or markdown' } },
    run: runCompare,
  },
};

function usage(): string {
  const lines = ['Usage: policy-annotator <command> [options] FILE…', '', 'Commands:'];
  for (const spec of Object.values(COMMANDS)) lines.push(`  ${spec.synopsis}`);
  lines.push('', '`policy-annotator <command> --help` describes a command; `--version` prints the version.');
  lines.push(`Files must be UTF-8 text of at most ${MAX_FILE_BYTES / 1024 / 1024} MB. Exit codes: 0 ok, 1 bad input (nothing written for it), 2 bad usage.`);
  return lines.join('\n');
}

function commandHelp(spec: CommandSpec): string {
  const lines = [`Usage: policy-annotator ${spec.synopsis}`, '', spec.help, '', 'Options:'];
  for (const [flag, f] of Object.entries(spec.flags)) lines.push(`  ${(flag + (f.value ? ` ${f.value}` : '')).padEnd(24)} ${f.help}`);
  lines.push(`  ${'--help'.padEnd(24)} this help`);
  return lines.join('\n');
}

/** Parses the arguments of a command: unknown, repeated and (for the command) irrelevant flags are usage errors. */
function parseArgs(spec: CommandSpec, command: string, rest: readonly string[]): Options {
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    if (name === '--help') {
      flags.set(name, true);
      continue;
    }
    const flag = spec.flags[name];
    if (!flag) throw new UsageError(`${command} has no option ${name}.`);
    let value: string | true = true;
    if (flag.value) {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value (${flag.value}).`);
      value = v;
    } else if (inline !== undefined) {
      throw new UsageError(`${name} takes no value.`);
    }
    const before = flags.get(name);
    if (before !== undefined && before !== value) throw new UsageError(`${name} is given twice with different values.`);
    flags.set(name, value);
  }
  return { command, files, flags };
}

/** Runs the command line; returns the exit code (0 ok, 1 bad input, 2 bad usage). */
export async function runCli(argv: readonly string[], io: Io, version = '0.0.0'): Promise<number> {
  try {
    const [command = '', ...rest] = argv;
    if (command === '--version' || command === '-V') {
      io.stdout(version + '\n');
      return 0;
    }
    if (command === '' || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(usage() + '\n');
      return 0;
    }
    const spec = COMMANDS[command];
    if (!spec) throw new UsageError(`Unknown command "${command}".`);
    const o = parseArgs(spec, command, rest);
    if (o.flags.has('--help')) {
      io.stdout(commandHelp(spec) + '\n');
      return 0;
    }
    await spec.run(o, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`policy-annotator: ${e.message}\n\n${usage()}\n`);
      return 2;
    }
    if (e instanceof UserError) {
      io.stderr(`policy-annotator: ${e.message}\n`);
      return 1;
    }
    if (e instanceof RangeError && /string length|allocation/i.test(e.message)) {
      io.stderr('policy-annotator: the input is too large to process in memory; split it first.\n');
      return 1;
    }
    io.stderr(`policy-annotator: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}
