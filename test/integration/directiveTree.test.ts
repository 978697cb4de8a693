import * as assert from 'assert';
import * as vscode from 'vscode';
import { parseMarkup } from '../../src/core/markup/parse';
import { inferDirectives } from '../../src/core/directives/infer';
import { api, closeAll, openNewFile, openSample, openSampleCopy, screenshot, sleep, treeState, waitFor, withSetting, type TreeNode } from './helpers';

const selectedIds = (nodes: TreeNode[]): string[] => nodes.flatMap((n) => [...(n.selected ? [n.id] : []), ...selectedIds(n.children)]);

const snapshot = async (): Promise<TreeNode[]> => (await treeState()).nodes;
const docNode = async (name: string): Promise<TreeNode | undefined> => (await snapshot()).find((n) => n.label === name);
const selectionOffsets = (e: vscode.TextEditor): [number, number] => [e.document.offsetAt(e.selection.start), e.document.offsetAt(e.selection.end)];

const SIMPLIFIED = 'wulong-district-plenum-2021.txt';
const TRADITIONAL_PINYIN = 'zigong-science-committee-meeting_trad.txt';
const CRLF = 'crlf_000.txt';

describe('directive tree and navigation', () => {
  afterEach(closeAll);

  for (const name of [SIMPLIFIED, TRADITIONAL_PINYIN, CRLF]) {
    it(`the API returns the core's items for ${name}`, async () => {
      const exports = await api();
      const editor = await openSample(name);
      const text = editor.document.getText();
      if (name === CRLF) assert.strictEqual(editor.document.eol, vscode.EndOfLine.CRLF);
      const expected = inferDirectives(parseMarkup(text)).map(({ kind, anchor, start, end, label, section, heading, level, force }) => ({
        kind, anchor, start, end, label,
        ...(section !== undefined ? { section } : {}),
        ...(heading !== undefined ? { heading } : {}),
        ...(level !== undefined ? { level } : {}),
        ...(force !== undefined ? { force } : {}),
      }));
      assert.ok(expected.length > 5);
      assert.deepStrictEqual(exports.getDirectives(editor.document), expected);
      for (const item of expected.filter((i) => i.kind === 'directive')) assert.strictEqual(text[item.anchor], '要');
    });
  }

  it('shows each open Chinese document with its sections and directives, and counts', async () => {
    const editor = await openSample(SIMPLIFIED);
    const items = (await api()).getDirectives(editor.document);
    const node = await waitFor(() => docNode(SIMPLIFIED), 'the document in the tree');
    const sections = items.filter((i) => i.kind === 'section');
    const directives = items.filter((i) => i.kind === 'directive');
    assert.strictEqual(node.description, `${directives.length} directives · ${sections.length} sections`);
    const topSections = node.children.filter((c) => c.id.includes('#section-'));
    assert.strictEqual(topSections.length, sections.length);
    const nested = node.children.reduce((n, c) => n + c.children.length, 0);
    const loose = node.children.filter((c) => c.id.includes('#directive-')).length;
    assert.strictEqual(nested + loose, directives.length);
    assert.ok(topSections[0]!.label.startsWith('全会指出：'), topSections[0]!.label);
    await vscode.commands.executeCommand('policyAnnotator.directives.focus');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    await vscode.commands.executeCommand('notifications.clearAll');
    await sleep(1500);
    await screenshot('directive-tree');
  });

  it('revealing an item selects its range in the editor', async () => {
    const editor = await openSample(TRADITIONAL_PINYIN);
    const item = (await api()).getDirectives(editor.document).filter((i) => i.kind === 'directive')[3]!;
    await vscode.commands.executeCommand('policyAnnotator.revealDirective', { uri: editor.document.uri.toString(), start: item.start, end: item.end });
    const active = vscode.window.activeTextEditor!;
    assert.deepStrictEqual(selectionOffsets(active), [item.start, item.end]);
    assert.ok(active.document.getText(active.selection).includes('要'));
  });

  it('next and previous move the selection through the directives in order, wrapping around', async () => {
    const editor = await openSample(CRLF);
    const directives = (await api()).getDirectives(editor.document).filter((i) => i.kind === 'directive');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    for (const d of directives) {
      await vscode.commands.executeCommand('policyAnnotator.nextDirective');
      assert.deepStrictEqual(selectionOffsets(editor), [d.start, d.end]);
    }
    await vscode.commands.executeCommand('policyAnnotator.nextDirective');
    assert.deepStrictEqual(selectionOffsets(editor), [directives[0]!.start, directives[0]!.end], 'wraps to the first');
    await vscode.commands.executeCommand('policyAnnotator.previousDirective');
    const last = directives[directives.length - 1]!;
    assert.deepStrictEqual(selectionOffsets(editor), [last.start, last.end], 'wraps to the last');
    await vscode.commands.executeCommand('policyAnnotator.previousDirective');
    const beforeLast = directives[directives.length - 2]!;
    assert.deepStrictEqual(selectionOffsets(editor), [beforeLast.start, beforeLast.end]);
  });

  it('follows the cursor: the directive under it is revealed and selected in the tree', async () => {
    const editor = await openSample(SIMPLIFIED);
    await waitFor(() => docNode(SIMPLIFIED), 'the document in the tree');
    await vscode.commands.executeCommand('policyAnnotator.directives.focus');
    await vscode.window.showTextDocument(editor.document);
    const directives = (await api()).getDirectives(editor.document).filter((i) => i.kind === 'directive');
    for (const d of [directives[7]!, directives[2]!]) {
      const at = editor.document.positionAt(d.anchor + 2);
      editor.selection = new vscode.Selection(at, at);
      const id = `${editor.document.uri.toString()}#directive-${d.anchor}`;
      await waitFor(async () => selectedIds(await snapshot()).includes(id), `the tree to select ${d.label}`);
    }
  });

  it('a group of sections counts the directives its sections hold', async () => {
    const sample = (await openSampleCopy('zigong-plenum-communique-2021_trad.txt', 'groups-src.txt')).document.getText();
    await openNewFile('sections-report.txt', Array.from({ length: 45 }, () => sample).join('\n'));
    await vscode.commands.executeCommand('policyAnnotator.directives.focus');
    const doc = await waitFor(async () => {
      const node = await docNode('sections-report.txt');
      return node && node.children[0]?.label.startsWith('lines ') && node;
    }, 'the document listed in groups');
    const count = (description: string): number => Number(/^(\d+) directives?/.exec(description)?.[1] ?? (description.startsWith('line ') ? 1 : 0));
    for (const group of doc!.children.slice(0, 3)) {
      const listed = group.children.reduce((n, c) => n + count(c.description), 0);
      assert.ok(listed > 0, `${group.label}: its sections hold directives`);
      assert.strictEqual(count(group.description), listed, `${group.label} says "${group.description}"`);
    }
  });

  it('a long document lists its many directives in groups of lines, follows the cursor into them, and keeps the outline to its headings', async () => {
    const part = (title: string, from: number): string => `${title}\n` + Array.from({ length: 2000 }, (_, k) => `第${from + k}条：各级党委要切实加强领导。`).join('\n') + '\n';
    const editor = await openNewFile('long-report.txt', part('一、总体要求', 0) + part('二、重点任务', 2000) + part('三、保障措施', 4000));
    const name = 'long-report.txt';
    await vscode.commands.executeCommand('policyAnnotator.directives.focus');
    const doc = await waitFor(async () => (await docNode(name))?.children.length === 3 && docNode(name), 'the three headings in the tree');
    const second = doc!.children[1]!;
    assert.strictEqual(second.description, '2000 directives', 'the heading counts every directive under it');
    assert.ok(second.children.length >= 2 && second.children.length <= 250, `${second.children.length} groups`);
    assert.match(second.children[0]!.label, /^lines 2003–/, JSON.stringify(second.children[0]).slice(0, 300));
    assert.strictEqual(second.children.reduce((n, g) => n + g.children.length, 0), 2000, 'the groups hold every directive once');
    assert.ok(second.children.every((g) => g.children.length <= 500));
    // The cursor on a directive deep inside: the tree opens its group and selects it.
    const directives = (await api()).getDirectives(editor.document).filter((i) => i.kind === 'directive');
    const target = directives[3456]!;
    await vscode.window.showTextDocument(editor.document);
    const at = editor.document.positionAt(target.anchor + 1);
    editor.selection = new vscode.Selection(at, at);
    const id = `${editor.document.uri.toString()}#directive-${target.anchor}`;
    await waitFor(async () => selectedIds(await snapshot()).includes(id), 'the tree to select the directive inside its group');
    await screenshot('directive-tree-groups');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const ours = symbols.filter((sym) => ['总体要求', '重点任务', '保障措施'].includes(sym.name));
    assert.strictEqual(ours.length, 3, 'the outline lists the headings');
    assert.ok(ours.every((sym) => sym.children.length === 0), 'the outline of a document with 6,000 directives leaves them to the Directives view');
  });

  it('editing the document (a new 要 clause) updates the items, and the view is told to refresh', async () => {
    const editor = await openSampleCopy(SIMPLIFIED, 'edited.txt');
    const exports = await api();
    const before = exports.getDirectives(editor.document).filter((i) => i.kind === 'directive').length;
    await waitFor(() => docNode('edited.txt'), 'the document in the tree');
    const refreshesBefore = (await treeState()).refreshes;
    const end = editor.document.positionAt(editor.document.getText().length);
    await editor.edit((b) => b.insert(end, '\n各级党委要切实加强领导，确保落实。\n'));
    // An API read right after the edit must not swallow the view's update.
    const after = exports.getDirectives(editor.document).filter((i) => i.kind === 'directive');
    assert.strictEqual(after.length, before + 1);
    assert.strictEqual(after[after.length - 1]!.label, '各级党委要切实加强领导，确保落实');
    await waitFor(async () => (await treeState()).refreshes > refreshesBefore, 'the Directives view to be told to refresh');
    const refreshed = (await docNode('edited.txt'))!;
    assert.ok(refreshed.children.some((c) => c.label === '各级党委要切实加强领导，确保落实'), 'the new directive is in the tree');
    assert.ok(editor.document.isDirty, 'auto-save is off: the edit is not saved');
  });

  it('closing the document removes it from the tree', async () => {
    const editor = await openSample(TRADITIONAL_PINYIN);
    await waitFor(() => docNode(TRADITIONAL_PINYIN), 'the document in the tree');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor(async () => (await docNode(TRADITIONAL_PINYIN)) === undefined, 'the document to leave the tree', 30_000);
  });

  it('exports the directives of a document as CSV and Markdown', async () => {
    const editor = await openSample(SIMPLIFIED);
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const csvTarget = vscode.Uri.joinPath(folder, 'out-directives.csv');
    const mdTarget = vscode.Uri.joinPath(folder, 'out-directives.md');
    await vscode.commands.executeCommand('policyAnnotator.exportDirectives', { format: 'csv', target: csvTarget });
    await vscode.commands.executeCommand('policyAnnotator.exportDirectives', { format: 'markdown', target: mdTarget });
    const csv = new TextDecoder().decode(await vscode.workspace.fs.readFile(csvTarget));
    const md = new TextDecoder().decode(await vscode.workspace.fs.readFile(mdTarget));
    const directives = (await api()).getDirectives(editor.document).filter((i) => i.kind === 'directive');
    assert.strictEqual(csv.split('\r\n').filter((l) => l.startsWith('directive,')).length, directives.length);
    assert.ok(md.startsWith(`# ${SIMPLIFIED.replace(/_/g, '\\_')}`), md.slice(0, 80));
    assert.strictEqual(md.split('\n').filter((l) => l.startsWith('- ')).length, directives.length);
  });

  it('shows a government work report as an outline: headings hold their sections and directives; the Outline view too', async () => {
    const name = 'report-outline.txt';
    const text = '政府工作报告\n一、过去一年的工作\n全会指出，要加快发展。\n二、2026年重点工作\n（一）全力维护社会大局和谐稳定。各级党委要加强领导。\n（二）推动高质量发展。要加快转型。\n';
    const editor = await openNewFile(name, text);
    const node = await waitFor(async () => (await docNode(name))?.children.length ? docNode(name) : undefined, 'the document in the tree');
    assert.deepEqual(node.children.map((c) => c.label), ['过去一年的工作', '2026年重点工作']);
    const second = node.children[1]!;
    assert.deepEqual(second.children.map((c) => c.label), ['全力维护社会大局和谐稳定', '推动高质量发展']);
    assert.deepEqual(second.children[0]!.children.map((c) => c.label), ['各级党委要加强领导']);
    assert.strictEqual(second.description, '2 directives');
    assert.strictEqual(node.children[0]!.description, '1 directive', 'counts read as English does');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const ours = symbols.filter((sym) => sym.name === '过去一年的工作' || sym.name === '2026年重点工作');
    assert.strictEqual(ours.length, 2, 'the Outline view lists the top headings');
    assert.deepEqual(ours[1]!.children.map((c) => c.name), ['全力维护社会大局和谐稳定', '推动高质量发展']);
    await vscode.commands.executeCommand('policyAnnotator.nextHeading');
    assert.strictEqual(editor.document.getText(editor.selection), '一、过去一年的工作');
  });

  it('reads Markdown as Markdown: a quoted speaker is a section, labels carry no syntax', async () => {
    const editor = await openNewFile('speech.md', '# 讲话\n\n> 他表示，要**加快**发展。\n\n- 各级党委要切实加强领导。\n');
    assert.strictEqual(editor.document.languageId, 'markdown');
    const items = (await api()).getDirectives(editor.document);
    assert.deepEqual(items.map((i) => [i.kind, i.label]), [['heading', '讲话'], ['section', '要加快发展。'], ['directive', '要加快发展'], ['directive', '各级党委要切实加强领导']]);
  });

  it('in Markdown, a fence typed above a heading makes the lines below it code: the tree drops them, and undo brings them back', async () => {
    const name = 'fence-tree.md';
    const text = '# 讲话\n\n各级党委要切实加强领导。\n\n## 附则\n\n要抓好落实。\n';
    const editor = await openNewFile(name, text);
    const labels = async (): Promise<string[] | undefined> => {
      const node = await docNode(name);
      const all = (n: TreeNode): string[] => [n.label, ...n.children.flatMap(all)];
      return node?.children.flatMap(all);
    };
    const listed = ['讲话', '各级党委要切实加强领导', '附则', '要抓好落实'];
    await waitFor(async () => JSON.stringify(await labels()) === JSON.stringify(listed), 'the headings and directives in the tree');
    let refreshes = (await treeState()).refreshes;
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), '```\n'));
    await waitFor(async () => (await treeState()).refreshes > refreshes && JSON.stringify(await labels()) === JSON.stringify(['讲话']), 'the tree to drop what the fence made code');
    refreshes = (await treeState()).refreshes;
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await waitFor(() => editor.document.getText() === text, 'undo');
    await waitFor(async () => (await treeState()).refreshes > refreshes && JSON.stringify(await labels()) === JSON.stringify(listed), 'the tree to list them again');
  });

  it('with the modal-families setting, 必须 / 不得 / 鼓励 clauses appear with their force, and the tree filters by force', async () => {
    const editor = await openNewFile('families.txt', '各级党委必须加强领导。任何单位不得截留资金。鼓励企业加大投入。要加快发展。\n');
    const forces = async (): Promise<string[]> => (await api()).getDirectives(editor.document).filter((i) => i.kind === 'directive').map((i) => i.force ?? '');
    assert.deepEqual(await forces(), ['must']);
    await withSetting('policyAnnotator', 'directives.modalFamilies', true, async () => {
      await waitFor(async () => (await forces()).length === 4, 'the modal families to be listed');
      assert.deepEqual(await forces(), ['must', 'mustNot', 'encourage', 'must']);
      await waitFor(async () => (await docNode('families.txt'))?.children.length === 4, 'the tree to list them');
      await vscode.commands.executeCommand('policyAnnotator.filterDirectives', { forces: ['mustNot'] });
      await waitFor(async () => (await docNode('families.txt'))?.children.map((c) => c.label).join() === '任何单位不得截留资金', 'the tree to show only must-not directives');
      await vscode.commands.executeCommand('policyAnnotator.filterDirectives', { forces: [] });
    });
  });
});

