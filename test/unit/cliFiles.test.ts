import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { ROOT } from './helpers';

const BIN = join(ROOT, 'dist', 'cli.js');

/** Runs the built command line as a program. */
function run(...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Runs it in the background (for concurrent writers and signals). */
function start(...args: string[]): { done: Promise<{ code: number | null; err: string }>; kill(signal: NodeJS.Signals): void } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code, err }))), kill: (signal) => child.kill(signal) };
}

const temp = (): string => mkdtempSync(join(tmpdir(), 'policy-annotator-cli-'));
const leftovers = (dir: string): string[] => readdirSync(dir).filter((f) => f.startsWith('.policy-annotator-'));

describe('command line: --write keeps what the user has', function () {
  this.timeout(60_000);

  it('writes through a symbolic link to its target; the link stays a link', () => {
    const dir = temp();
    writeFileSync(join(dir, 'real.txt'), '會議');
    symlinkSync(join(dir, 'real.txt'), join(dir, 'link.txt'));
    const r = run('convert', '--to', 'cn', '--write', join(dir, 'link.txt'));
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(dir, 'real.txt'), 'utf8'), '会议');
    assert.ok(lstatSync(join(dir, 'link.txt')).isSymbolicLink());
  });

  it('keeps the mode (0640, an executable 0755) and hard links', () => {
    const dir = temp();
    for (const [name, mode] of [['private.txt', 0o640], ['script.txt', 0o755]] as const) {
      writeFileSync(join(dir, name), '會議');
      chmodSync(join(dir, name), mode);
    }
    writeFileSync(join(dir, 'a.txt'), '發展');
    linkSync(join(dir, 'a.txt'), join(dir, 'b.txt'));
    const r = run('convert', '--to', 'cn', '--write', join(dir, 'private.txt'), join(dir, 'script.txt'), join(dir, 'a.txt'));
    assert.equal(r.code, 0, r.err);
    assert.equal(statSync(join(dir, 'private.txt')).mode & 0o777, 0o640);
    assert.equal(statSync(join(dir, 'script.txt')).mode & 0o777, 0o755);
    assert.equal(readFileSync(join(dir, 'b.txt'), 'utf8'), '发展', 'the other hard link sees the change');
    assert.equal(statSync(join(dir, 'a.txt')).ino, statSync(join(dir, 'b.txt')).ino);
    assert.deepEqual(leftovers(dir), []);
  });

  it('refuses a read-only file unless --force, and keeps its mode when forced', () => {
    const dir = temp();
    writeFileSync(join(dir, 'ro.txt'), '會議');
    chmodSync(join(dir, 'ro.txt'), 0o444);
    const refused = run('convert', '--to', 'cn', '--write', join(dir, 'ro.txt'));
    assert.equal(refused.code, 1);
    assert.match(refused.err, /read-only/);
    assert.equal(readFileSync(join(dir, 'ro.txt'), 'utf8'), '會議');
    const forced = run('convert', '--to', 'cn', '--write', '--force', join(dir, 'ro.txt'));
    assert.equal(forced.code, 0, forced.err);
    assert.equal(readFileSync(join(dir, 'ro.txt'), 'utf8'), '会议');
    assert.equal(statSync(join(dir, 'ro.txt')).mode & 0o777, 0o444);
  });

  it('the same file named twice is converted once, without error', () => {
    const dir = temp();
    writeFileSync(join(dir, 'x.txt'), '會議');
    const r = spawnSync(process.execPath, [BIN, 'convert', '--to', 'cn', '--write', 'x.txt', './x.txt', join(dir, 'x.txt')], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'x.txt'), 'utf8'), '会议');
  });

  it('reports every file of a multi-file run and exits 1 if any failed (the others are written)', () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), '會議');
    writeFileSync(join(dir, 'b.txt'), '發展');
    chmodSync(join(dir, 'b.txt'), 0o444);
    writeFileSync(join(dir, 'c.txt'), '會議');
    const r = run('convert', '--to', 'cn', '--write', join(dir, 'a.txt'), join(dir, 'b.txt'), join(dir, 'c.txt'));
    assert.equal(r.code, 1);
    assert.match(r.err, /a\.txt: written/);
    assert.match(r.err, /b\.txt: is read-only/);
    assert.match(r.err, /c\.txt: written/);
    assert.match(r.err, /1 of 3 files not written: .*b\.txt/);
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), '会议');
    assert.equal(readFileSync(join(dir, 'b.txt'), 'utf8'), '發展');
  });

  it('two concurrent writers never lose an update silently', async () => {
    const dir = temp();
    const file = join(dir, 'big.txt');
    // Big enough that the two runs overlap: traditional text with injected readings.
    writeFileSync(file, '會(huì)議指出，要加快發(fā)展。\n'.repeat(150_000));
    for (let round = 0; round < 3; round++) {
      writeFileSync(file, '會(huì)議指出，要加快發(fā)展。\n'.repeat(150_000));
      const a = start('convert', '--to', 'cn', '--write', file);
      const b = start('clean', '--only', 'removePinyin', '--write', file);
      const [ra, rb] = await Promise.all([a.done, b.done]);
      const text = readFileSync(file, 'utf8');
      const converted = !text.includes('會');
      const cleaned = !text.includes('(huì)');
      for (const [r, applied] of [[ra, converted], [rb, cleaned]] as const) {
        if (r.code === 0) assert.ok(applied, `a run that succeeded has its change in the file (round ${round})`);
        else assert.match(r.err, /another policy-annotator|changed since it was read/, `a run that lost says why (round ${round})`);
      }
      assert.deepEqual(leftovers(dir), []);
    }
  });

  it('removes what a killed run left behind, and cleans its temporary file on SIGTERM', async () => {
    const dir = temp();
    const file = join(dir, 'doc.txt');
    writeFileSync(file, '會議');
    // As left by a run that SIGKILL stopped (its process no longer exists).
    writeFileSync(join(dir, '.policy-annotator-999999-1-doc.txt.tmp'), 'half');
    writeFileSync(join(dir, '.policy-annotator-999999-doc.txt.lock'), '999999');
    const r = run('convert', '--to', 'cn', '--write', file);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(leftovers(dir), []);
    writeFileSync(file, '會議指出，要加快發展。\n'.repeat(300_000));
    const original = readFileSync(file, 'utf8');
    const job = start('convert', '--to', 'cn', '--write', file);
    await new Promise((resolve) => setTimeout(resolve, 300));
    job.kill('SIGTERM');
    await job.done;
    assert.deepEqual(leftovers(dir), [], 'no temporary file or lock left');
    const after = readFileSync(file, 'utf8');
    assert.ok(after === original || !after.includes('會'), 'the file is the old text or the new, never half');
  });
});

describe('command line: exports never replace inputs or others\' files', function () {
  this.timeout(30_000);

  it('refuses two inputs with the same name from different folders (one export would be lost)', () => {
    const dir = temp();
    mkdirSync(join(dir, 'b1'));
    mkdirSync(join(dir, 'b2'));
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'b1', 'doc.txt'), '[甲]{.a}');
    writeFileSync(join(dir, 'b2', 'doc.txt'), '[乙]{.b}');
    const r = run('export', '--format', 'brat', '--out', join(dir, 'out'), join(dir, 'b1', 'doc.txt'), join(dir, 'b2', 'doc.txt'));
    assert.equal(r.code, 1);
    assert.match(r.err, /would both export to/);
    assert.deepEqual(readdirSync(join(dir, 'out')), [], 'nothing written');
  });

  it('refuses to overwrite an input (.ann named as input) and an existing file without --force', () => {
    const dir = temp();
    writeFileSync(join(dir, 'doc.ann'), 'T1\ta 0 1\t甲\n');
    const r = run('export', '--format', 'brat', '--out', dir, join(dir, 'doc.ann'));
    assert.equal(r.code, 1);
    assert.match(r.err, /overwrite an input/);
    assert.equal(readFileSync(join(dir, 'doc.ann'), 'utf8'), 'T1\ta 0 1\t甲\n');
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'report.md'), '[甲]{.a}乙');
    writeFileSync(join(dir, 'out', 'report.txt'), 'my own report');
    const mine = run('export', '--format', 'brat', '--out', join(dir, 'out'), join(dir, 'report.md'));
    assert.equal(mine.code, 1);
    assert.match(mine.err, /exists; nothing was written/);
    assert.equal(readFileSync(join(dir, 'out', 'report.txt'), 'utf8'), 'my own report');
    const forced = run('export', '--format', 'brat', '--force', '--out', join(dir, 'out'), join(dir, 'report.md'));
    assert.equal(forced.code, 0, forced.err);
    assert.equal(readFileSync(join(dir, 'out', 'report.txt'), 'utf8'), '甲乙');
  });
});

describe('command line: offsets, encodings and limits', function () {
  this.timeout(30_000);

  it('directives --json offsets index the file as read, BOM included: checked from Node and from Python', () => {
    const dir = temp();
    const file = join(dir, 'bom.txt');
    writeFileSync(file, '\ufeff𠮷全会提出,要加快发展。𠮷各级党委要切实加强领导。');
    const utf16 = JSON.parse(run('directives', '--json', file).out) as { kind: string; anchor: number }[];
    const asRead = readFileSync(file, 'utf8');
    assert.ok(asRead.startsWith('\ufeff'), 'Node keeps the BOM as the first character');
    for (const d of utf16.filter((i) => i.kind === 'directive')) assert.equal(asRead[d.anchor], '要');
    const cps = run('directives', '--json', '--offsets', 'code-points', file).out.trim();
    const py = spawnSync('python3', ['-c', 'import json,sys; t=open(sys.argv[1],encoding="utf-8").read(); items=json.loads(sys.argv[2]); print("".join(t[i["anchor"]] for i in items if i["kind"]=="directive"))', file, cps], { encoding: 'utf8' });
    assert.equal(py.status, 0, py.stderr);
    assert.equal(py.stdout.trim(), '要要');
  });

  it('names UTF-16 files, refuses special files and files over the size limit before reading them', () => {
    const dir = temp();
    writeFileSync(join(dir, 'le.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('會議', 'utf16le')]));
    writeFileSync(join(dir, 'nobom.txt'), Buffer.from('会议 meeting text', 'utf16le'));
    assert.match(run('directives', join(dir, 'le.txt')).err, /UTF-16 \(LE\)/);
    assert.match(run('directives', join(dir, 'nobom.txt')).err, /UTF-16 \(LE\)/);
    const dev = run('directives', '/dev/zero');
    assert.equal(dev.code, 1);
    assert.match(dev.err, /not a regular file/);
    writeFileSync(join(dir, 'huge.txt'), '');
    truncateSync(join(dir, 'huge.txt'), 300 * 1024 * 1024); // sparse: no disk used
    const huge = run('directives', join(dir, 'huge.txt'));
    assert.equal(huge.code, 1);
    assert.match(huge.err, /files above 256 MB are refused/);
  });
});

describe('command line: flags', () => {
  it('unknown, conflicting and irrelevant flags and an empty --only are usage errors (exit 2)', () => {
    const file = join(ROOT, 'samples', 'wulong-district-plenum-2021.txt');
    for (const args of [
      ['convert', '--to', 'cn', '--frobnicate', file],
      ['convert', '--to', 'cn', '--to', 't', file],
      ['convert', '--to', 'cn', '--json', file],
      ['directives', '--write', file],
      ['clean', '--only=', file],
      ['export', '--format', 'csv', '--out', '/tmp', file],
      ['directives', '--offsets', 'bytes', '--json', file],
    ]) {
      const r = run(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
    }
  });

  it('--help per command and --version', () => {
    const help = run('convert', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Usage: policy-annotator convert --to/);
    assert.match(help.out, /--force/);
    assert.match(run('--version').out, /^\d+\.\d+\.\d+\n$/);
  });
});

describe('command line: JSON output follows its schema', () => {
  const ajv = new Ajv2020({ allErrors: true });
  const schema = (name: string): object => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;

  it('directives --json (every sample) and export --format json', () => {
    const validateDirectives = ajv.compile(schema('directives.schema.json'));
    const samples = readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt')).map((f) => join(ROOT, 'samples', f));
    const lines = run('directives', '--json', ...samples).out.trim().split('\n');
    assert.equal(lines.length, samples.length);
    for (const line of lines) assert.ok(validateDirectives(JSON.parse(line)), JSON.stringify(validateDirectives.errors));
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), '[全会]{.主体}提出,[要甲]{.任务 note="n"}\n𠮷[乙]{.a .b}');
    const validateAnnotations = ajv.compile(schema('annotations.schema.json'));
    const exported = JSON.parse(run('export', '--format', 'json', join(dir, 'a.txt')).out) as unknown;
    assert.ok(validateAnnotations(exported), JSON.stringify(validateAnnotations.errors));
    assert.ok(!validateAnnotations([{ tags: [], text: 'x', start: 0, end: 1, line: 1, file: 'f' }]), 'the schema rejects what it must');
    assert.ok(existsSync(BIN));
  });

  it('the corpus commands: codebook --json, retrieve --json (JSON Lines), compare --json', () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), '[全会]{.主体}提出，[要甲]{.任务 note="n"}。\n他指出，要[乙]{.主体 .任务}。');
    writeFileSync(join(dir, 'b.md'), '# 一、总则\n[区委]{.主体}要做好工作。');
    const codebook = ajv.compile(schema('codebook.schema.json'));
    assert.ok(codebook(JSON.parse(run('codebook', '--json', dir).out)), JSON.stringify(codebook.errors));
    assert.ok(!codebook([{ tag: 'x', count: 0 }]), 'the schema rejects what it must');
    const retrieve = ajv.compile(schema('retrieve.schema.json'));
    const lines = run('retrieve', '--tag', '主体,任务', '--json', dir).out.trim().split('\n');
    assert.equal(lines.length, 4);
    for (const line of lines) assert.ok(retrieve(JSON.parse(line)), JSON.stringify(retrieve.errors));
    const compare = ajv.compile(schema('compare.schema.json'));
    const samples = ['02_plenum-19cc4-2019-communique_xwlb.txt', '03_plenum-20cc3-2024-communique_xwlb.txt'].map((f) => join(ROOT, 'samples', 'extra', f));
    const rows = JSON.parse(run('compare', '--json', ...samples).out) as { kind: string }[];
    assert.ok(compare(rows), JSON.stringify(compare.errors));
    assert.deepEqual([...new Set(rows.map((r) => r.kind))].sort(), ['dropped', 'new', 'reworded']);
  });
});
