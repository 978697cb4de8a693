import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * The extension host's heap in bytes after a full collection: what benchmarks read (test builds only; the
 * collection is made callable for the occasion).
 */
export function heapAfterCollection(): number {
  setFlagsFromString('--expose_gc');
  (runInNewContext('gc') as (() => void) | undefined)?.();
  return process.memoryUsage().heapUsed;
}
