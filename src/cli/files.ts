import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A problem the user can fix: printed as a message, never as a stack trace. */
export class UserError extends Error {}

export interface ReadFile {
  readonly path: string;
  readonly text: string;
  /** The file started with a UTF-8 byte-order mark (kept when writing back). */
  readonly bom: boolean;
}

/** Reads a UTF-8 text file, refusing directories, binary files and invalid UTF-8 with a clear message. */
export async function readTextFile(file: string): Promise<ReadFile> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw new UserError(`${file}: is a directory, not a text file.`);
    bytes = await fs.readFile(file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: no such file.`);
    if (code === 'EACCES') throw new UserError(`${file}: permission denied.`);
    throw new UserError(`${file}: cannot be read (${code ?? (e as Error).message}).`);
  }
  if (bytes.subarray(0, 8192).includes(0)) throw new UserError(`${file}: looks like a binary file (it contains NUL bytes); only UTF-8 text is supported.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new UserError(`${file}: is not valid UTF-8 text. Convert it to UTF-8 first (e.g. iconv -f GB18030 -t UTF-8).`);
  }
  const bom = text.startsWith('\ufeff');
  return { path: file, text: bom ? text.slice(1) : text, bom };
}

/** Writes atomically: a temporary file in the same folder, then a rename, so a file is never half-written. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, content, 'utf8');
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true });
    throw new UserError(`${file}: cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
}
