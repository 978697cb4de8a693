import * as assert from 'node:assert/strict';
import { parseMarkup } from '../../src/core/markup/parse';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { inferDirectives } from '../../src/core/directives/infer';
import { ROOT, SAMPLES, fixture, sample } from './helpers';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

const temp = (): string => mkdtempSync(join(tmpdir(), 'policy-annotator-'));

describe('command line', () => {
  it('directives --json prints one array per file with offsets of the file as read', async () => {
    const files = ['wulong-district-plenum-2021.txt', 'zigong-science-committee-meeting_trad.txt'].map((f) => join(SAMPLES, f));
    const r = await cli('directives', '--json', ...files);
    assert.equal(r.code, 0);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>[]);
    assert.equal(lines.length, 2);
    const text = sample('zigong-science-committee-meeting_trad.txt');
    assert.equal(lines[1]!.length, inferDirectives(parseMarkup(text)).length);
    for (const item of lines[1]!) {
      assert.deepEqual(Object.keys(item).slice(0, 7), ['kind', 'anchor', 'start', 'end', 'label', 'section', 'heading']);
      if (item['kind'] === 'directive') assert.equal(text[item['anchor'] as number], '要');
    }
  });

  it('directives prints a readable outline', async () => {
    const r = await cli('directives', join(SAMPLES, 'yunyang-county-innovation-conference-2023.txt'));
    assert.equal(r.code, 0);
    assert.match(r.out, /sections, \d+ directives/);
    assert.match(r.out, /§ 要牢牢把握目标任务/);
  });

  it('convert --to cn prints exactly what OpenCC t2s prints', async () => {
    const r = await cli('convert', '--to', 'cn', join(SAMPLES, 'zigong-science-committee-meeting_trad.txt'));
    assert.equal(r.code, 0);
    assert.equal(r.out, fixture('opencc', 't2s', 'zigong-science-committee-meeting_trad.txt'));
  });

  it('convert --write changes every file in place and keeps a BOM', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), '\ufeff會議');
    writeFileSync(join(dir, 'b.txt'), '發展');
    const r = await cli('convert', '--to', 'cn', '--write', join(dir, 'a.txt'), join(dir, 'b.txt'));
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), '\ufeff会议');
    assert.equal(readFileSync(join(dir, 'b.txt'), 'utf8'), '发展');
    assert.deepEqual(readdirSync(dir).sort(), ['a.txt', 'b.txt'], 'no temporary files left');
  });

  it('clean removes pinyin, doubled punctuation and fixes width', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'a.txt'), '會(huì)議指出,,要(市、区)');
    const r = await cli('clean', join(dir, 'a.txt'));
    assert.equal(r.out, '會議指出，要（市、区）');
    const only = await cli('clean', '--only', 'removePinyin', join(dir, 'a.txt'));
    assert.equal(only.out, '會議指出,,要(市、区)');
  });

  it('export writes CSV, JSON and brat files', async () => {
    const dir = temp();
    const doc = join(dir, 'doc.txt');
    writeFileSync(doc, '[全会]{.主体}提出,[要甲]{.任务 note="n"}');
    const csv = await cli('export', '--format', 'csv', doc);
    assert.equal(csv.out.split('\r\n')[1], `主体,全会,0,2,1,,${doc}`);
    const json = await cli('export', '--format', 'json', doc);
    assert.equal((JSON.parse(json.out) as unknown[]).length, 2);
    mkdirSync(join(dir, 'brat'));
    const brat = await cli('export', '--format', 'brat', '--out', join(dir, 'brat'), doc);
    assert.equal(brat.code, 0, brat.err);
    assert.equal(readFileSync(join(dir, 'brat', 'doc.txt'), 'utf8'), '全会提出,要甲');
    assert.equal(readFileSync(join(dir, 'brat', 'doc.ann'), 'utf8'), 'T1\t主体 0 2\t全会\nT2\t任务 5 7\t要甲\n#1\tAnnotatorNotes T2\tn\n');
    const clash = await cli('export', '--format', 'brat', '--out', dir, doc);
    assert.equal(clash.code, 1, 'refuses to overwrite its input');
    assert.match(clash.err, /would overwrite an input/);
  });

  it('rejects a missing file, a directory, a binary file and invalid UTF-8 with a message and no output', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'bin.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]));
    writeFileSync(join(dir, 'gbk.txt'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]));
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.txt'), /no such file/],
      [dir, /is a directory/],
      [join(dir, 'bin.txt'), /binary/],
      [join(dir, 'gbk.txt'), /not valid UTF-8/],
    ];
    for (const [file, message] of cases) {
      const r = await cli('convert', '--to', 'cn', '--write', file);
      assert.equal(r.code, 1, file);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    }
    assert.equal(readFileSync(join(dir, 'gbk.txt')).length, 4, 'bad file untouched');
  });

  it('reports usage errors with exit code 2', async () => {
    assert.equal((await cli('convert', '--to', 'xx', 'a.txt')).code, 2);
    assert.equal((await cli('frobnicate')).code, 2);
    assert.equal((await cli('convert', '--to', 'cn', join(SAMPLES, 'wulong-district-plenum-2021.txt'), join(SAMPLES, 'zigong-science-committee-meeting_trad.txt'))).code, 2);
  });

  it('the bundled bin runs as a program (exit codes and stderr)', () => {
    const bin = join(ROOT, 'dist', 'cli.js');
    assert.ok(existsSync(bin), 'dist/cli.js is built by `npm run build` before the tests run');
    const ok = spawnSync(process.execPath, [bin, 'directives', '--json', join(SAMPLES, 'wulong-district-plenum-2021.txt')], { encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.ok(Array.isArray(JSON.parse(ok.stdout)));
    const bad = spawnSync(process.execPath, [bin, 'directives', join(SAMPLES, 'nope.txt')], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /no such file/);
    assert.equal(bad.stdout, '');
  });
});
