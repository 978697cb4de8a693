import * as assert from 'assert';
import { unzipSync, strFromU8 } from 'fflate';
import * as vscode from 'vscode';
import { api, closeAll, waitFor, workspaceUri } from './helpers';

interface CodebookEntry {
  tag: string;
  count: number;
  parent: string | null;
  documents: { file: string; count: number }[];
  passages: { text: string; file: string; line: number }[];
}
interface RenderedNode {
  label: string;
  description: string;
  tooltip: string;
  contextValue: string;
  children: RenderedNode[];
}
interface CorpusSnapshot {
  retrieved: { message: string; visible: boolean; nodes: RenderedNode[] };
  directives: { message: string; nodes: RenderedNode[] };
  comparison: { counts: Record<string, number>; rows: { kind: string; old: number | null; new: number | null }[]; html: string } | null;
}

const codebook = async (): Promise<CodebookEntry[]> => (await vscode.commands.executeCommand<CodebookEntry[]>('policyAnnotator.test.codebookSnapshot')) ?? [];
/** The corpus views as rendered: every node expanded, but groups of directives only if asked (all, or a document's). */
const corpusState = async (options: { expandGroups?: boolean | string } = {}): Promise<CorpusSnapshot> => await vscode.commands.executeCommand<CorpusSnapshot>('policyAnnotator.test.corpusSnapshot', options);
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Three documents written to disk and never opened (Markdown among them, one without Chinese). */
const RUN = `r${Date.now().toString(36)}`;
const ALPHA = `Alpha${RUN}`;
const BETA = `Beta${RUN}`;
const FILES: Record<string, string> = {
  'a.txt': `[全会]{.${ALPHA}}提出，要[坚持党的领导]{.${BETA} note="核心"}。\n他指出，要扎实推进[共同富裕]{.${ALPHA}}。\n`,
  'sub/b.md': `# 一、总体要求\n\n[区委]{.${ALPHA} .${BETA}}强调，要推进高质量发展。\n`,
  'c.txt': `Minutes: [the committee]{.${BETA}} met.\n`,
};
const folder = (): vscode.Uri => workspaceUri(`corpus-${RUN}`);

describe('the workspace as a project: corpus codebook, retrieval, comparison, REFI-QDA', function () {
  before(async () => {
    await api();
    for (const [name, text] of Object.entries(FILES)) {
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder(), name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : ''));
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder(), name), encode(text));
    }
  });
  afterEach(closeAll);

  it('the Codebook counts annotations in files that were never opened, per document', async () => {
    const entries = await waitFor(async () => {
      const all = await codebook();
      return all.find((e) => e.tag === ALPHA)?.count === 3 && all.find((e) => e.tag === BETA)?.count === 3 ? all : undefined;
    }, 'the codebook to count the closed files', 20_000);
    const alpha = entries.find((e) => e.tag === ALPHA)!;
    assert.deepStrictEqual(alpha.documents, [{ file: `corpus-${RUN}/a.txt`, count: 2 }, { file: `corpus-${RUN}/sub/b.md`, count: 1 }]);
    assert.deepStrictEqual(entries.find((e) => e.tag === BETA)!.passages.map((p) => p.text), ['坚持党的领导', 'the committee', '区委']);
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.path.includes(`corpus-${RUN}`));
    assert.deepStrictEqual(open.map((d) => d.uri.path), [], 'no corpus file was opened to count it');
  });

  it('retrieval lists the passages of two codes across three documents with their context, and exports them', async () => {
    await waitFor(async () => (await codebook()).find((e) => e.tag === BETA)?.count === 3, 'the corpus', 20_000);
    const count = await vscode.commands.executeCommand<number>('policyAnnotator.retrieveSegments', { codes: [ALPHA, BETA], mode: 'any' });
    assert.strictEqual(count, 5);
    const state = await waitFor(async () => {
      const s = await corpusState();
      return s.retrieved.visible ? s : undefined;
    }, 'the Retrieved Segments view to show');
    const mine = state.retrieved.nodes.filter((n) => n.label.startsWith(`corpus-${RUN}/`));
    assert.deepStrictEqual(mine.map((n) => [n.label, n.description]), [[`corpus-${RUN}/a.txt`, '3'], [`corpus-${RUN}/c.txt`, '1'], [`corpus-${RUN}/sub/b.md`, '1']]);
    const passage = mine[0]!.children[1]!;
    assert.strictEqual(passage.label, '坚持党的领导');
    assert.match(passage.description, new RegExp(`^1 · ${BETA}`));
    assert.ok(passage.tooltip.includes('全会提出，要') && passage.tooltip.includes('核心'), passage.tooltip);
    assert.match(state.retrieved.message, /^5 /);
    const all = await vscode.commands.executeCommand<number>('policyAnnotator.retrieveSegments', { codes: [ALPHA, BETA], mode: 'all' });
    assert.strictEqual(all, 1, 'only 区委 has both codes');
    assert.match((await corpusState()).retrieved.message, /^1 segment of /, 'the count reads as English does');
    const target = workspaceUri(`retrieved-${RUN}.csv`);
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.exportRetrieved', { format: 'csv', target }));
    const csv = decode(await vscode.workspace.fs.readFile(target)).replace(/^\ufeff/, '').split('\r\n');
    assert.strictEqual(csv[0], 'document,line,codes,text,before,after,section,directive,note,start,end');
    // 区委强调 opens a section: the passage's section column is that section's label.
    assert.match(csv[1]!, new RegExp(`^corpus-${RUN}/sub/b\\.md,3,${ALPHA} ${BETA},区委,,强调，要推进高质量发展。,要推进高质量发展。,`));
  });

  it('renaming a code changes every file, open or not, in one edit that one undo takes back', async () => {
    await waitFor(async () => (await codebook()).find((e) => e.tag === ALPHA)?.count === 3, 'the corpus', 20_000);
    const opened = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'a.txt')));
    const GAMMA = `Gamma${RUN}`;
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.renameTag', { from: ALPHA, to: GAMMA }));
    const a = opened.document;
    const b = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'sub/b.md'));
    assert.ok(a.getText().includes(`{.${GAMMA}}提出`) && !a.getText().includes(ALPHA), a.getText());
    assert.ok(b.getText().includes(`{.${GAMMA} .${BETA}}`), b.getText());
    assert.ok(b.isDirty, 'the closed file is changed, not saved behind the user\'s back');
    assert.ok(decode(await vscode.workspace.fs.readFile(b.uri)).includes(ALPHA), 'the file on disk is unchanged until saved');
    await waitFor(async () => (await codebook()).find((e) => e.tag === GAMMA)?.count === 3, 'the codebook to show the new name');
    await vscode.window.showTextDocument(a);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => a.getText() === FILES['a.txt'] && b.getText() === FILES['sub/b.md'], 'one undo to restore both files');
    await waitFor(async () => (await codebook()).find((e) => e.tag === ALPHA)?.count === 3, 'the codebook to show the old name again');
  });

  it('the project codebook file gives codes a hierarchy and a colour; a .qdc codebook round-trips through it', async () => {
    const file = workspaceUri('.policy-annotator/codebook.json');
    const parent = `Actor${RUN}`;
    await vscode.workspace.fs.writeFile(file, encode(JSON.stringify({ codes: [{ name: parent, color: '#aa3300', description: '行为者' }, { name: ALPHA, parent }] })));
    try {
      const entries = await waitFor(async () => {
        const all = await codebook();
        return all.find((e) => e.tag === ALPHA)?.parent === parent ? all : undefined;
      }, 'the codebook file to be read', 20_000);
      assert.strictEqual(entries.find((e) => e.tag === parent)!.count, 0);
      const qdc = workspaceUri(`codebook-${RUN}.qdc`);
      assert.ok(await vscode.commands.executeCommand('policyAnnotator.exportCodebook', { target: qdc }));
      const xml = decode(await vscode.workspace.fs.readFile(qdc));
      assert.ok(xml.includes('xmlns="urn:QDA-XML:codebook:1.0"'), xml.slice(0, 200));
      assert.match(xml, new RegExp(`<Code guid="[0-9A-F-]{36}" name="${parent}" isCodable="true" color="#aa3300">\\s*<Description>行为者</Description>\\s*<Code guid="[0-9A-F-]{36}" name="${ALPHA}"`));
      // Imported into an empty project codebook, the .qdc brings the hierarchy back.
      await vscode.workspace.fs.writeFile(file, encode('{"codes": []}\n'));
      await waitFor(async () => (await codebook()).find((e) => e.tag === ALPHA)?.parent === null, 'the emptied codebook');
      assert.ok((await vscode.commands.executeCommand<number>('policyAnnotator.importCodebook', { source: qdc }))! >= 2);
      await waitFor(async () => (await codebook()).find((e) => e.tag === ALPHA)?.parent === parent, 'the imported hierarchy');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });

  it('comparing two plenum communiqués lists new and dropped directives side by side', async () => {
    const older = workspaceUri('communiques/02_plenum-19cc4-2019-communique_xwlb.txt');
    const newer = workspaceUri('communiques/03_plenum-20cc3-2024-communique_xwlb.txt');
    await waitFor(async () => (await corpusState()).directives.nodes.some((n) => n.label === 'communiques/02_plenum-19cc4-2019-communique_xwlb.txt'), 'the corpus directives', 20_000);
    const counts = await vscode.commands.executeCommand<Record<string, number>>('policyAnnotator.compareDocuments', { old: older, new: newer });
    assert.ok(counts.new! > 0 && counts.dropped! > 0, JSON.stringify(counts));
    const state = await corpusState();
    assert.ok(state.comparison);
    assert.deepStrictEqual(state.comparison.counts, counts);
    assert.ok(state.comparison.rows.some((r) => r.kind === 'new' && r.old === null && r.new !== null));
    assert.ok(state.comparison.rows.some((r) => r.kind === 'dropped' && r.new === null && r.old !== null));
    // The page: strict CSP, no script, formulations as text.
    assert.match(state.comparison.html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src [^"]+">/);
    assert.ok(!/<script/i.test(state.comparison.html));
    assert.ok(state.comparison.html.includes('<tr class="new">') && state.comparison.html.includes('<tr class="dropped">'));
    const md = workspaceUri(`comparison-${RUN}.md`);
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.exportComparison', { format: 'markdown', target: md }));
    assert.match(decode(await vscode.workspace.fs.readFile(md)), /^# communiques\/02\\_plenum.*→ communiques\/03\\_plenum.*\n\n\d+ new, \d+ dropped/);
    await vscode.commands.executeCommand('policyAnnotator.filterCorpusDirectives', '全会');
    try {
      const filtered = await corpusState({ expandGroups: true });
      assert.match(filtered.directives.message, /全会/);
      // A document with many matches lists them in groups of lines (expanded here): every directive shown matches.
      const shown = filtered.directives.nodes.flatMap((doc) => doc.children.flatMap((c) => (c.contextValue === 'group' ? c.children : [c])));
      assert.ok(shown.length > 0);
      for (const d of shown) assert.ok(d.tooltip.includes('全会'), `${d.label}: ${d.tooltip}`);
    } finally {
      // Not left filtered for the tests after this one, even when it fails.
      await vscode.commands.executeCommand('policyAnnotator.filterCorpusDirectives', '');
    }
  });

  it('a document of thousands of directives and passages lists them in groups of lines, each opening on its rows', async () => {
    const many = vscode.Uri.joinPath(folder(), 'many.txt');
    const name = `corpus-${RUN}/many.txt`;
    const code = `Many${RUN}`;
    await vscode.workspace.fs.writeFile(many, encode(Array.from({ length: 1200 }, (_, i) => `[第${i + 1}行]{.${code}}要做`).join('\n') + '\n'));
    try {
      const node = await waitFor(async () => (await corpusState()).directives.nodes.find((n) => n.label === name), 'the big closed file in the corpus directives', 20_000);
      assert.strictEqual(node.description, '1200');
      // Collapsed groups of 200 lines: their 1,200 rows are not made until a group is opened.
      const groups = [1, 201, 401, 601, 801, 1001].map((from) => [`lines ${from}–${from + 199}`, '200', 'group', 0]);
      assert.deepStrictEqual(node.children.map((g) => [g.label, g.description, g.contextValue, g.children.length]), groups);
      const opened = (await corpusState({ expandGroups: name })).directives.nodes.find((n) => n.label === name)!;
      assert.deepStrictEqual(opened.children[1]!.children.slice(0, 2).map((d) => [d.label, d.description]), [['第201行要做', '201'], ['第202行要做', '202']]);
      assert.strictEqual(opened.children[5]!.children.length, 200);
      // Retrieved Segments likewise: 1,200 passages of one code in one document.
      assert.strictEqual(await vscode.commands.executeCommand('policyAnnotator.retrieveSegments', { codes: [code] }), 1200);
      const retrieved = (await corpusState({ expandGroups: name })).retrieved.nodes;
      assert.deepStrictEqual(retrieved.map((d) => [d.label, d.description, d.children.length]), [[name, '1200', 6]]);
      assert.deepStrictEqual(retrieved[0]!.children.map((g) => [g.label, g.description, g.contextValue, g.children.length]), groups.map(([label]) => [label, '200', 'group', 200]));
      assert.match(retrieved[0]!.children[1]!.children[0]!.label, /^第201行/);
    } finally {
      await vscode.workspace.fs.delete(many);
    }
    await waitFor(async () => !(await corpusState()).directives.nodes.some((n) => n.label === name), 'the deleted file to leave the corpus directives', 20_000);
  });

  it('exports the corpus as a REFI-QDA project whose selections are the coded text', async () => {
    await waitFor(async () => (await codebook()).find((e) => e.tag === BETA)?.count === 3, 'the corpus', 20_000);
    const target = workspaceUri(`project-${RUN}.qdpx`);
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.exportQdpx', { target }));
    const zip = unzipSync(await vscode.workspace.fs.readFile(target));
    const xml = strFromU8(zip['project.qde']!);
    assert.ok(xml.includes('<Project xmlns="urn:QDA-XML:project:1.0"'));
    const source = new RegExp(`<TextSource guid="([0-9A-F-]{36})" name="corpus-${RUN}/a.txt" plainTextPath="internal://([0-9A-F-]{36}).txt"[^>]*>([\\s\\S]*?)</TextSource>`).exec(xml);
    assert.ok(source, 'the source of a.txt');
    const plain = [...strFromU8(zip[`sources/${source[2]}.txt`]!)];
    const texts = [...source[3]!.matchAll(/startPosition="(\d+)" endPosition="(\d+)"/g)].map((m) => plain.slice(Number(m[1]), Number(m[2])).join(''));
    assert.deepStrictEqual(texts, ['全会', '坚持党的领导', '共同富裕']);
  });
});
