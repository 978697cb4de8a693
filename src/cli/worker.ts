import { parentPort, workerData } from 'node:worker_threads';
import { summarizeFile, type SummaryNeed } from './corpus';

/** True in a worker thread started by `summarizeCorpus`. */
export function isCorpusWorker(): boolean {
  return parentPort !== null && (workerData as { policyAnnotatorWorker?: boolean } | null)?.policyAnnotatorWorker === true;
}

/** A worker: summarises each file it is sent and posts the result back. */
export function runCorpusWorker(): void {
  const { need } = workerData as { need: SummaryNeed };
  parentPort!.on('message', (m: { index: number; file: string }) => {
    void summarizeFile(m.file, need).then((result) => parentPort!.postMessage({ index: m.index, result }));
  });
}
