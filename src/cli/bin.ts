import { runCli } from './main';

declare const PACKAGE_VERSION: string;

void runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}, PACKAGE_VERSION).then((code) => {
  process.exitCode = code;
});
