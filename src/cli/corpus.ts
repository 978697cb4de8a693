import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { summarizeDocument, type DocumentSummary } from '../core/corpus/summary';
import { parseMarkup } from '../core/markup/parse';
import { readTextFileSync, UserError } from './files';

/** What a worker sends back for one file: its summary, and its plain text when asked (for REFI-QDA sources). */
export interface FileSummary {
  readonly file: string;
  readonly summary?: DocumentSummary;
  readonly plain?: string;
  readonly error?: string;
}

const DOCUMENT = /\.(txt|md|markdown)$/i;

/**
 * The documents named on the command line: files as given, folders walked for `.txt` and `.md` files (hidden
 * folders and node_modules skipped), in a stable order; the same file reached twice is listed once.
 */
export async function corpusFiles(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = async (file: string): Promise<void> => {
    const real = await fs.realpath(file);
    if (seen.has(real)) return;
    seen.add(real);
    out.push(file);
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules') await walk(full);
      } else if (e.isFile() && DOCUMENT.test(e.name)) await add(full);
    }
  };
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => undefined);
    if (!stat) throw new UserError(`${input}: no such file or folder.`);
    if (stat.isDirectory()) await walk(input);
    else await add(input);
  }
  return out;
}

/**
 * What a command needs of each file: `tags` only the codes of each passage (codebook), `passages` the passages
 * with their context (retrieve), `summary` passages and directives, `source` the passages and the plain text
 * (REFI-QDA export). Less to copy from the workers.
 */
export type SummaryNeed = 'tags' | 'passages' | 'summary' | 'source';

/** Summarises one file (in a worker or in this thread). Unreadable files are reported, not fatal to the corpus. */
export async function summarizeFile(file: string, need: SummaryNeed): Promise<FileSummary> {
  try {
    const f = readTextFileSync(file);
    const parsed = parseMarkup(f.text);
    if (need === 'tags') {
      // No inference and no context: the codebook counts tags.
      const segments = parsed.spans.map((s) => ({ tags: s.tags })) as unknown as DocumentSummary['segments'];
      return { file, summary: { length: parsed.text.length, segments, directives: [], markupProblems: parsed.problems.length } };
    }
    const summary = summarizeDocument(parsed, { markdown: /\.(md|markdown)$/i.test(file) });
    return { file, summary: need === 'summary' ? summary : { ...summary, directives: [] }, ...(need === 'source' ? { plain: parsed.plain } : {}) };
  } catch (e) {
    if (e instanceof UserError) return { file, error: e.message };
    throw e;
  }
}

/**
 * Summarises files on every core (worker threads running `workerScript`, the bundled command line) and hands the
 * results over in input order as soon as each is ready, so output streams and only the summaries not yet handed
 * over are held. Without a worker script (the CLI run in-process by tests) it works in this thread.
 */
export async function summarizeCorpus(files: readonly string[], options: { need: SummaryNeed; workerScript?: string }, onResult: (r: FileSummary) => Promise<void> | void): Promise<void> {
  const threads = Math.min(files.length, Math.max(1, availableParallelism()));
  if (!options.workerScript || threads <= 1) {
    for (const file of files) await onResult(await summarizeFile(file, options.need));
    return;
  }
  const ready = new Map<number, FileSummary>();
  let nextToHand = 0;
  let nextToSend = 0;
  let failure: unknown;
  let handing = Promise.resolve();
  const handOver = (): void => {
    handing = handing.then(async () => {
      while (ready.has(nextToHand)) {
        const r = ready.get(nextToHand)!;
        ready.delete(nextToHand++);
        await onResult(r);
      }
    });
  };
  await new Promise<void>((resolve, reject) => {
    let running = 0;
    for (let t = 0; t < threads; t++) {
      const worker = new Worker(options.workerScript!, { workerData: { policyAnnotatorWorker: true, need: options.need } });
      running++;
      let inFlight = 0;
      const send = (): void => {
        if (nextToSend >= files.length || failure) {
          if (inFlight === 0) void worker.terminate();
          return;
        }
        inFlight++;
        const i = nextToSend++;
        worker.postMessage({ index: i, file: files[i] });
      };
      worker.on('message', (m: { index: number; result: FileSummary }) => {
        inFlight--;
        ready.set(m.index, m.result);
        handOver();
        send();
      });
      worker.on('error', (e) => {
        failure = e;
        reject(e);
      });
      worker.on('exit', () => {
        if (--running === 0) resolve();
      });
      // Two files in flight per worker: it never waits for the main thread between files.
      send();
      send();
    }
  });
  await handing;
}
