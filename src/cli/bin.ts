import { runCli } from './main';
import { isCorpusWorker, runCorpusWorker } from './worker';

declare const PACKAGE_VERSION: string;

if (isCorpusWorker()) {
  runCorpusWorker();
} else {
  // `policy-annotator … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });

  void runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    drained: () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve()),
    workerScript: __filename,
  }, PACKAGE_VERSION).then((code) => {
    process.exitCode = code;
  });
}
