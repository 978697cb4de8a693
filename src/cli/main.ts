import * as path from 'node:path';
import { CLEANUP_KINDS, planCleanup, type CleanupKind } from '../core/clean/cleanup';
import { getConverter } from '../core/convert/converter';
import { planConversion } from '../core/convert/planConversion';
import { defaultSource, isScriptVariant, SCRIPT_VARIANTS } from '../core/convert/targets';
import { parseMarkup } from '../core/markup/parse';
import { inferDirectives } from '../core/directives/infer';
import { annotationsToCsv, annotationsToJson, collectAnnotations } from '../core/export/annotations';
import { toBrat } from '../core/export/brat';
import { directiveToJson } from '../core/export/directives';
import { applyEdits } from '../core/text/edits';
import { readTextFile, UserError, writeFileAtomic, type ReadFile } from './files';

const USAGE = `Usage: policy-annotator <command> [options] FILE…

Commands:
  directives FILE… [--json]          list sections and directives (--json: one array per file, one per line)
  convert --to cn|t|tw|twp|hk FILE…  convert characters (OpenCC); --from to override the source variant,
                                     --protect 乾安县,… for terms never to convert
  clean FILE… [--only KINDS]         remove injected pinyin, collapse doubled punctuation, normalize width;
                                     KINDS: ${CLEANUP_KINDS.join(',')}
  export --format csv|json|brat FILE…  export annotations (brat needs --out DIR; csv: --bom for Excel)

convert and clean print the result of a single file; --write changes the files in place (atomically).
Offsets are UTF-16 code units of the file's text (brat: code points, as brat counts).`;

interface Options {
  command: string;
  files: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--to', '--from', '--format', '--out', '--only', '--protect']);
const BOOLEAN_FLAGS = new Set(['--json', '--write', '--bom', '--help', '--version']);

function parseArgs(argv: readonly string[]): Options {
  const [command = '', ...rest] = argv;
  const files: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--') {
      files.push(...rest.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? rest[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value.`);
        flags.set(name, value);
      } else if (BOOLEAN_FLAGS.has(name)) {
        flags.set(name, true);
      } else {
        throw new UsageError(`Unknown option ${name}.`);
      }
    } else {
      files.push(arg);
    }
  }
  return { command, files, flags };
}

class UsageError extends Error {}

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

async function readAll(files: readonly string[]): Promise<ReadFile[]> {
  if (files.length === 0) throw new UsageError('Give at least one FILE.');
  return Promise.all(files.map(readTextFile));
}

function stringFlag(o: Options, name: string): string | undefined {
  const v = o.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Prints the single result or writes every file back, as SPEC §7 asks of convert and clean. */
async function emitTransformed(o: Options, io: Io, files: readonly ReadFile[], results: readonly string[]): Promise<void> {
  if (o.flags.has('--write')) {
    await Promise.all(files.map((f, i) => writeFileAtomic(f.path, (f.bom ? '\ufeff' : '') + results[i]!)));
    return;
  }
  if (files.length > 1) throw new UsageError('Several files: add --write to change them in place (stdout takes one file).');
  io.stdout(results[0]!);
}

async function runDirectives(o: Options, io: Io): Promise<void> {
  const files = await readAll(o.files);
  for (const f of files) {
    const items = inferDirectives(parseMarkup(f.text));
    if (o.flags.has('--json')) {
      io.stdout(JSON.stringify(items.map(directiveToJson)) + '\n');
      continue;
    }
    const sections = items.filter((i) => i.kind === 'section').length;
    io.stdout(`${f.path}: ${sections} sections, ${items.length - sections} directives\n`);
    for (const item of items) {
      const indent = item.kind === 'section' ? '  § ' : item.section !== undefined ? '      · ' : '    · ';
      io.stdout(`${indent}${item.label}  [${item.start}–${item.end}]\n`);
    }
  }
}

async function runConvert(o: Options, io: Io): Promise<void> {
  const to = stringFlag(o, '--to');
  if (!isScriptVariant(to)) throw new UsageError(`--to must be one of ${SCRIPT_VARIANTS.join(', ')}.`);
  const fromFlag = stringFlag(o, '--from');
  if (fromFlag !== undefined && !isScriptVariant(fromFlag)) throw new UsageError(`--from must be one of ${SCRIPT_VARIANTS.join(', ')}.`);
  const from = fromFlag ?? defaultSource(to);
  const protectedTerms = (stringFlag(o, '--protect') ?? '').split(/[,，]/).filter(Boolean);
  const files = await readAll(o.files);
  let converter;
  try {
    converter = await getConverter({ from, to });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const results = files.map((f) => {
    const plan = planConversion(parseMarkup(f.text), converter, { protectedTerms });
    // The plain text is exactly OpenCC's; say when an annotation border moved to keep a phrase whole.
    if (plan.movedBorders > 0) io.stderr(`${f.path}: ${plan.movedBorders} annotation border${plan.movedBorders === 1 ? '' : 's'} moved so that converted phrases stay whole.\n`);
    return applyEdits(f.text, plan.edits);
  });
  await emitTransformed(o, io, files, results);
}

async function runClean(o: Options, io: Io): Promise<void> {
  const only = stringFlag(o, '--only');
  const kinds = only ? only.split(',').map((k) => k.trim()) : [...CLEANUP_KINDS];
  const unknown = kinds.find((k) => !(CLEANUP_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined) throw new UsageError(`Unknown clean-up "${unknown}"; use ${CLEANUP_KINDS.join(', ')}.`);
  const files = await readAll(o.files);
  const results = files.map((f) =>
    (kinds as CleanupKind[]).reduce((text, kind) => applyEdits(text, planCleanup(parseMarkup(text), kind).edits), f.text),
  );
  await emitTransformed(o, io, files, results);
}

async function runExport(o: Options, io: Io): Promise<void> {
  const format = stringFlag(o, '--format');
  if (format !== 'csv' && format !== 'json' && format !== 'brat') throw new UsageError('--format must be csv, json or brat.');
  const files = await readAll(o.files);
  if (format === 'brat') {
    const out = stringFlag(o, '--out');
    if (!out) throw new UsageError('brat export writes two files per document: give --out DIR.');
    const writes: Promise<void>[] = [];
    for (const f of files) {
      const base = path.join(out, path.basename(f.path).replace(/\.[^.]*$/, ''));
      if (path.resolve(base + '.txt') === path.resolve(f.path)) throw new UsageError(`${f.path}: --out would overwrite the input; choose another folder.`);
      const brat = toBrat(parseMarkup(f.text));
      writes.push(writeFileAtomic(base + '.txt', brat.txt), writeFileAtomic(base + '.ann', brat.ann));
    }
    await Promise.all(writes);
    return;
  }
  const records = files.flatMap((f) => collectAnnotations(parseMarkup(f.text), f.path));
  io.stdout(format === 'csv' ? annotationsToCsv(records, { bom: o.flags.has('--bom') }) : annotationsToJson(records));
}

const COMMANDS: Record<string, (o: Options, io: Io) => Promise<void>> = {
  directives: runDirectives,
  convert: runConvert,
  clean: runClean,
  export: runExport,
};

/** Runs the command line; returns the exit code (0 ok, 1 bad input, 2 bad usage). */
export async function runCli(argv: readonly string[], io: Io, version = '0.0.0'): Promise<number> {
  try {
    const o = parseArgs(argv);
    if (o.command === '--version') {
      io.stdout(version + '\n');
      return 0;
    }
    if (o.command === '' || o.command === '--help' || o.command === 'help' || o.flags.has('--help')) {
      io.stdout(USAGE + '\n');
      return 0;
    }
    const command = COMMANDS[o.command];
    if (!command) throw new UsageError(`Unknown command "${o.command}".`);
    await command(o, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`policy-annotator: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof UserError) {
      io.stderr(`policy-annotator: ${e.message}\n`);
      return 1;
    }
    io.stderr(`policy-annotator: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}
