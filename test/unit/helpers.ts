import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const SAMPLES = join(ROOT, 'samples');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** The five development documents (unedited copies of the shared corpus). */
export const CORPUS = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort();
/** The thirteen further documents in samples/extra. */
export const EXTRA = readdirSync(join(SAMPLES, 'extra')).filter((f) => f.endsWith('.txt')).sort();

export function sample(name: string): string {
  return readFileSync(join(SAMPLES, /^\d\d_/.test(name) ? 'extra' : '', name), 'utf8');
}

export function fixture(...parts: string[]): string {
  return readFileSync(join(FIXTURES, ...parts), 'utf8');
}
