import { promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { summarizeDocument, type DocumentSummary } from '../core/corpus/summary';
import { parseMarkup } from '../core/markup/parse';
import { readTextFile, UserError } from './files';

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

/** Summarises one file (in a worker or in this thread). Unreadable files are reported, not fatal to the corpus. */
export async function summarizeFile(file: string, withPlain: boolean): Promise<FileSummary> {
  try {
    const f = await readTextFile(file);
    const parsed = parseMarkup(f.text);
    const summary = summarizeDocument(parsed, { markdown: /\.(md|markdown)$/i.test(file) });
    return { file, summary, ...(withPlain ? { plain: parsed.plain } : {}) };
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
export async function summarizeCorpus(files: readonly string[], options: { withPlain: boolean; workerScript?: string }, onResult: (r: FileSummary) => Promise<void> | void): Promise<void> {
  const threads = Math.min(files.length, Math.max(1, availableParallelism()));
  if (!options.workerScript || threads <= 1) {
    for (const file of files) await onResult(await summarizeFile(file, options.withPlain));
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
      const worker = new Worker(options.workerScript!, { workerData: { policyAnnotatorWorker: true, withPlain: options.withPlain } });
      running++;
      const send = (): void => {
        if (nextToSend >= files.length || failure) {
          void worker.terminate();
          return;
        }
        const i = nextToSend++;
        worker.postMessage({ index: i, file: files[i] });
      };
      worker.on('message', (m: { index: number; result: FileSummary }) => {
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
      send();
    }
  });
  await handing;
}
