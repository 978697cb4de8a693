import { closeSync, constants, createReadStream, fsyncSync, promises as fs, openSync, readFileSync, realpathSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import * as path from 'node:path';

/** A problem the user can fix: printed as a message, never as a stack trace. */
export class UserError extends Error {}

/** Files above this size are refused before reading (documented in the README): 256 MiB. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export interface ReadFile {
  /** The path as the user gave it (for messages and output). */
  readonly path: string;
  /** The file itself: symbolic links resolved, so writes go to it and duplicates are recognised. */
  readonly realPath: string;
  readonly text: string;
  /** The file started with a UTF-8 byte-order mark (kept when writing back, counted in offsets). */
  readonly bom: boolean;
  /** What was read, to notice a change made by someone else before writing back. */
  readonly bytes: Buffer;
}

/** UTF-16 (with a byte-order mark, or text whose every other byte is NUL) is recognised and named. */
function utf16Kind(bytes: Buffer): 'LE' | 'BE' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'LE';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'BE';
  const sample = bytes.subarray(0, 4096);
  if (sample.length >= 8) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < sample.length; i++) {
      if (sample[i] !== 0) continue;
      if (i % 2 === 0) evenNul++;
      else oddNul++;
    }
    const half = sample.length / 2;
    if (oddNul > half * 0.3 && evenNul < half * 0.05) return 'LE';
    if (evenNul > half * 0.3 && oddNul < half * 0.05) return 'BE';
  }
  return undefined;
}

/** Refuses, with a clear message, what is not a readable text file: a folder, a special file, one over the size limit. */
function checkInput(file: string, stat: Stats): void {
  if (stat.isDirectory()) throw new UserError(`${file}: is a directory, not a text file.`);
  if (!stat.isFile()) throw new UserError(`${file}: is not a regular file (a device, pipe or socket); only text files are read.`);
  if (stat.size > MAX_FILE_BYTES) {
    throw new UserError(`${file}: is ${(stat.size / 1024 / 1024).toFixed(0)} MB; files above ${MAX_FILE_BYTES / 1024 / 1024} MB are refused. Split it first.`);
  }
}

/** Opens a file for reading, refused with a clear message: missing, a folder, a special file, over the size limit. */
async function statInput(file: string): Promise<{ realPath: string; size: number }> {
  try {
    const realPath = await fs.realpath(file);
    const stat = await fs.stat(realPath);
    checkInput(file, stat);
    return { realPath, size: stat.size };
  } catch (e) {
    throw readError(file, e);
  }
}

function readError(file: string, e: unknown): UserError {
  if (e instanceof UserError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new UserError(`${file}: no such file.`);
  if (code === 'EACCES') return new UserError(`${file}: permission denied.`);
  if (code === 'ELOOP') return new UserError(`${file}: a loop of symbolic links.`);
  return new UserError(`${file}: cannot be read (${code ?? (e as Error).message}).`);
}

/** The first bytes tell UTF-16 and binary files apart from text. */
function checkStart(file: string, start: Buffer): void {
  const utf16 = utf16Kind(start);
  if (utf16) throw new UserError(`${file}: is UTF-16 (${utf16}) text; convert it to UTF-8 first (e.g. iconv -f UTF-16${utf16} -t UTF-8).`);
  if (start.subarray(0, 8192).includes(0)) throw new UserError(`${file}: looks like a binary file (it contains NUL bytes); only UTF-8 text is supported.`);
}

function notUtf8(file: string): UserError {
  return new UserError(`${file}: is not valid UTF-8 text. Convert it to UTF-8 first (e.g. iconv -f GB18030 -t UTF-8).`);
}

/** Decodes what was read, with the same refusals: UTF-16, binary, invalid UTF-8. */
function decodeTextFile(file: string, realPath: string, bytes: Buffer): ReadFile {
  checkStart(file, bytes);
  // isUtf8 + toString: the same strict check as a fatal TextDecoder, several times faster in Node.
  if (!isUtf8(bytes)) throw notUtf8(file);
  const text = bytes.toString('utf8');
  const bom = text.startsWith('\ufeff');
  return { path: file, realPath, text: bom ? text.slice(1) : text, bom, bytes };
}

/**
 * Reads a UTF-8 text file. Refused with a clear message, before anything is written: a missing file, a folder, a
 * special file (`/dev/zero`, a pipe), a file over the size limit, UTF-16, a binary file, invalid UTF-8.
 */
export async function readTextFile(file: string): Promise<ReadFile> {
  const { realPath } = await statInput(file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(realPath);
  } catch (e) {
    throw readError(file, e);
  }
  return decodeTextFile(file, realPath, bytes);
}

/**
 * `readTextFile` without waiting on the I/O thread pool: for corpus workers, which read many small files one
 * after another and have nothing else to do meanwhile.
 */
export function readTextFileSync(file: string): ReadFile {
  let realPath: string;
  let bytes: Buffer;
  try {
    realPath = realpathSync(file);
    checkInput(file, statSync(realPath));
    bytes = readFileSync(realPath);
  } catch (e) {
    throw readError(file, e);
  }
  return decodeTextFile(file, realPath, bytes);
}

/** A text file read piece by piece: see `streamTextFile`. */
export interface TextStream {
  readonly path: string;
  readonly realPath: string;
  readonly bom: boolean;
  /** The text (without a BOM) in pieces of about `pieceChars`, each ending just after a line break chosen by `cut`. */
  readonly pieces: AsyncIterable<string>;
}

const READ_CHUNK = 1 << 20;

/**
 * Opens a UTF-8 text file to be read line by line with bounded memory. The same refusals as `readTextFile`, all
 * before the first piece: the whole file is first checked to be valid UTF-8 (a pass that holds one chunk at a
 * time), so a bad byte near the end never leaves half an output behind. `cut(text)` says where a pending text may
 * be split (the end of a line where no span is open, or 0 for nowhere yet).
 */
export async function streamTextFile(file: string, pieceChars: number, cut: (text: string) => number): Promise<TextStream> {
  const { realPath } = await statInput(file);
  let bom = false;
  try {
    const check = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let first = true;
    for await (const chunk of createReadStream(realPath, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
      if (first) {
        checkStart(file, chunk);
        bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
        first = false;
      }
      try {
        check.decode(chunk, { stream: true });
      } catch {
        throw notUtf8(file);
      }
    }
    try {
      check.decode();
    } catch {
      throw notUtf8(file);
    }
  } catch (e) {
    throw readError(file, e);
  }
  async function* pieces(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let pending = '';
    // Where no cut is found yet (a span open over many lines), wait for twice as much: linear, not quadratic.
    let threshold = pieceChars;
    for await (const chunk of createReadStream(realPath, { highWaterMark: READ_CHUNK }) as AsyncIterable<Buffer>) {
      pending += decoder.decode(chunk, { stream: true });
      if (pending.length < threshold) continue;
      const at = cut(pending);
      if (at === 0) {
        threshold = pending.length * 2;
        continue;
      }
      threshold = pieceChars;
      yield pending.slice(0, at);
      pending = pending.slice(at);
    }
    pending += decoder.decode();
    yield pending;
  }
  return { path: file, realPath, bom, pieces: pieces() };
}

/** Temporary files and locks of this process, removed on exit and on SIGINT/SIGTERM/SIGHUP. */
const leftovers = new Set<string>();
let cleanupInstalled = false;

function removeLeftovers(): void {
  for (const file of leftovers) {
    try {
      rmSync(file, { force: true });
    } catch {
      // nothing more to do on the way out
    }
  }
  leftovers.clear();
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', removeLeftovers);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      removeLeftovers();
      process.exit(code);
    });
  }
}

const TEMP_PREFIX = '.policy-annotator-';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files and locks that a killed run (SIGKILL cannot be caught) left beside `file`: they carry
 * the process id of their run, which is no longer alive.
 */
async function removeStaleLeftovers(file: string): Promise<void> {
  const dir = path.dirname(file);
  const base = path.basename(file);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = new RegExp(`^${TEMP_PREFIX.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\d+)-`).exec(name);
    if (m && name.includes(base) && !isAlive(Number(m[1]))) await fs.rm(path.join(dir, name), { force: true });
  }
}

/**
 * A lock beside the file (created exclusively, holding this process's id): a second run writing the same file at
 * the same time fails instead of silently losing one update. A lock left by a killed run is taken over.
 */
async function lock(file: string): Promise<string> {
  const lockFile = path.join(path.dirname(file), `${TEMP_PREFIX}${process.pid}-${path.basename(file)}.lock`);
  const others = (await fs.readdir(path.dirname(file))).filter((n) => n.startsWith(TEMP_PREFIX) && n.endsWith(`-${path.basename(file)}.lock`));
  for (const other of others) {
    const pid = Number(/^\.policy-annotator-(\d+)-/.exec(other)?.[1]);
    if (pid !== process.pid && isAlive(pid)) throw new UserError(`${file}: another policy-annotator (process ${pid}) is writing it; nothing was written. Try again when it has finished.`);
  }
  await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' }).catch((e: NodeJS.ErrnoException) => {
    throw new UserError(`${file}: cannot lock it for writing (${e.code ?? e.message}).`);
  });
  leftovers.add(lockFile);
  return lockFile;
}

export interface WriteOptions {
  /** Write read-only files too (their mode is kept). */
  readonly force?: boolean;
}

/**
 * Writes new text into a file that was read with `readTextFile`, so that nothing is lost:
 * - through a symbolic link to its target (the link stays a link);
 * - a read-only file (no write bit) only with `force`;
 * - never over a change someone else made since it was read (checked under a lock that concurrent runs respect);
 * - never half-written: the new text goes to a temporary file beside it first, complete and flushed. Then, for a
 *   file with one link, the temporary file gets the original's mode and owner (where permitted) and is renamed
 *   over it (atomic); for a file with several hard links, whose other links must see the change, it is copied
 *   into the original in place and the temporary copy removed only once that succeeded.
 * Temporary files and locks are removed on exit and on SIGINT/SIGTERM/SIGHUP; ones left by a killed run are
 * removed by the next run.
 */
export async function writeBack(original: ReadFile, content: string, options: WriteOptions = {}): Promise<void> {
  installCleanup();
  const file = original.realPath;
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat) throw new UserError(`${original.path}: was removed after it was read; nothing was written.`);
  if ((stat.mode & 0o222) === 0 && !options.force) throw new UserError(`${original.path}: is read-only; nothing was written (add --force to write it anyway).`);
  await removeStaleLeftovers(file);
  const lockFile = await lock(file);
  const temp = path.join(path.dirname(file), `${TEMP_PREFIX}${process.pid}-${Date.now()}-${path.basename(file)}.tmp`);
  try {
    const now = await fs.readFile(file);
    if (!now.equals(original.bytes)) throw new UserError(`${original.path}: changed since it was read (another program wrote it); nothing was written. Run again.`);
    leftovers.add(temp);
    const bytes = Buffer.from(content, 'utf8');
    const handle = await fs.open(temp, 'wx', stat.mode & 0o7777);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if ((await fs.stat(temp)).size !== bytes.length) throw new UserError(`${original.path}: the temporary copy is incomplete; nothing was written.`);
    if (stat.nlink > 1) {
      // Hard links share the file: write the complete new text into it (its other names see the change).
      await fs.copyFile(temp, file);
      await fs.rm(temp, { force: true });
    } else {
      await fs.chmod(temp, stat.mode & 0o7777);
      await fs.chown(temp, stat.uid, stat.gid).catch(() => undefined); // only permitted to root or the owner
      await fs.rename(temp, file);
    }
    leftovers.delete(temp);
  } catch (e) {
    await fs.rm(temp, { force: true });
    leftovers.delete(temp);
    if (e instanceof UserError) throw e;
    throw new UserError(`${original.path}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); the file is unchanged.`);
  } finally {
    await fs.rm(lockFile, { force: true });
    leftovers.delete(lockFile);
  }
}

/** True when `file` exists (any kind). */
export async function exists(file: string): Promise<boolean> {
  return fs.access(file, constants.F_OK).then(
    () => true,
    () => false,
  );
}

/** The real path of a file that may not exist yet: its folder resolved, its name kept. */
export async function realPathOfTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    try {
      return path.join(await fs.realpath(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

/**
 * Writes a new output file produced piece by piece (a corpus export), atomically: the pieces go to a temporary
 * file beside it, which is renamed over the target only once complete. It never replaces an existing file unless
 * `force` is given.
 */
export async function writeNewFileStreamed(file: string, produce: (write: (chunk: Uint8Array) => void) => Promise<void>, options: WriteOptions = {}): Promise<void> {
  installCleanup();
  if (!options.force && (await exists(file))) throw new UserError(`${file}: exists; nothing was written (add --force to replace it, or choose another --out).`);
  const temp = path.join(path.dirname(file), `${TEMP_PREFIX}${process.pid}-${Date.now()}-${path.basename(file)}.tmp`);
  leftovers.add(temp);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx');
    const out = fd;
    await produce((chunk) => {
      for (let at = 0; at < chunk.length; ) at += writeSync(out, chunk, at);
    });
    fsyncSync(out);
    closeSync(out);
    fd = undefined;
    await fs.rename(temp, file);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    await fs.rm(temp, { force: true });
    if (e instanceof UserError) throw e;
    throw new UserError(`${file}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  } finally {
    leftovers.delete(temp);
  }
}

/**
 * Writes a new output file (an export) atomically: a temporary file, then a rename. It never replaces an existing
 * file unless `force` is given.
 */
export async function writeNewFile(file: string, content: string | Uint8Array, options: WriteOptions = {}): Promise<void> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  await writeNewFileStreamed(file, async (write) => write(bytes), options);
}
