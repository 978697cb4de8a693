import * as assert from 'assert';
import * as vscode from 'vscode';
import { inferDirectives } from '../../src/core/directives/infer';
import { parseMarkup } from '../../src/core/markup/parse';
import { api, closeAll, drawnHighlights, openNewFile, openSampleCopy, probeEditor, treeState, waitFor, withSetting, workspaceUri } from './helpers';

/** Our diagnostics on a document, as the Problems panel shows them. */
const problems = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Policy Annotator');

const insertAtEnd = async (editor: vscode.TextEditor, text: string): Promise<void> => {
  const end = editor.document.positionAt(editor.document.getText().length);
  assert.ok(await editor.edit((b) => b.insert(end, text)));
};

/**
 * One live pipeline (auto-save off, as on desktop): every view follows the document after the pause, whoever read
 * the index in between — the API, or a Policy Annotator editor open beside the text editor.
 */
describe('one live pipeline: every view follows the document', () => {
  afterEach(closeAll);

  for (const beside of [false, true]) {
    it(`a markup error typed after another edit shows in Problems and clears when fixed${beside ? ', with the Policy Annotator editor open beside' : ''}, with an API read in between`, async () => {
      const name = `pipeline-${beside ? 'beside' : 'alone'}.txt`;
      const initial = '全会提出,要着力创建全市创新型区县。\n';
      await openNewFile(name, initial);
      const uri = workspaceUri(name);
      if (beside) {
        await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor', vscode.ViewColumn.Beside);
        await waitFor(async () => (await probeEditor<{ renderedLines: number }>({ kind: 'state' })).renderedLines === 2, 'the Policy Annotator editor to render');
      }
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
      const exports = await api();
      await insertAtEnd(editor, '各级党委要切实加强领导。\n');
      await insertAtEnd(editor, '[坏]{.好 坏}\n');
      // Readers in between (the API, as another extension would) must not swallow the update.
      assert.strictEqual(exports.getAnnotations(doc).length, 0);
      exports.getDirectives(doc);
      const [problem] = await waitFor(() => problems(uri).length === 1 && problems(uri), 'the malformed block to be reported', 10_000);
      assert.ok(doc.getText(problem!.range).endsWith('{.好 坏}'), `the diagnostic covers the attribute block: ${doc.getText(problem!.range)}`);
      assert.ok(doc.isDirty, 'auto-save is off');
      // Fix it: the diagnostic clears.
      const block = doc.getText().indexOf('{.好 坏}');
      assert.ok(await editor.edit((b) => b.replace(new vscode.Range(doc.positionAt(block), doc.positionAt(block + '{.好 坏}'.length)), '{.好}')));
      exports.getAnnotations(doc);
      await waitFor(() => problems(uri).length === 0, 'the diagnostic to clear after the fix', 10_000);
      if (beside) {
        const lastLine = doc.lineCount - 2;
        await waitFor(async () => (await probeEditor<{ lineText?: string; badges: number }>({ kind: 'state', line: lastLine })).lineText === '坏', 'the Policy Annotator editor to show the fixed span', 10_000);
      }
    });
  }

  it('a new 要 clause typed in the text editor appears in the tree, the highlights and the Policy Annotator editor', async () => {
    const name = 'pipeline-clause.txt';
    await openNewFile(name, '全会提出,要着力创建全市创新型区县。\n');
    const uri = workspaceUri(name);
    await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor', vscode.ViewColumn.Beside);
    await waitFor(async () => (await probeEditor<{ renderedLines: number }>({ kind: 'state' })).renderedLines === 2, 'the Policy Annotator editor to render');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preview: false });
    await waitFor(async () => (await treeState()).nodes.some((n) => n.label === name), 'the document in the tree');
    const marksBefore = (await probeEditor<{ marks: number }>({ kind: 'state' })).marks;
    const refreshes = (await treeState()).refreshes;
    await insertAtEnd(editor, '各级党委要切实加强领导，确保落实。');
    (await api()).getDirectives(doc);
    await waitFor(async () => (await treeState()).refreshes > refreshes, 'the Directives view to be told to refresh');
    await waitFor(async () => JSON.stringify((await treeState()).nodes).includes('各级党委要切实加强领导，确保落实'), 'the new directive in the tree');
    const anchor = doc.getText().lastIndexOf('要');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
    await waitFor(async () => (await drawnHighlights())?.modals.some(([s]) => s === anchor), 'the new 要 to be highlighted in the text editor');
    await waitFor(async () => (await probeEditor<{ marks: number }>({ kind: 'state' })).marks > marksBefore, 'the Policy Annotator editor to mark the new directive');
  });

  it('the text editor highlights exactly what the tree lists, the user\'s extra exclusions included', async () => {
    const text = '中央财政要加大投入。这次要抓好落实。务必要守住底线。可能要下雨。他强调,要案必须严查,不要松懈。\n';
    const editor = await openNewFile('pipeline-rules.txt', text);
    const doc = editor.document;
    const expected = async (): Promise<number[]> => (await api()).getDirectives(doc).filter((i) => i.kind === 'directive').map((i) => i.anchor);
    const drawn = async (): Promise<number[]> => ((await drawnHighlights())?.modals ?? []).map(([s]) => s);
    await waitFor(async () => JSON.stringify(await drawn()) === JSON.stringify(await expected()) && (await drawn()).length > 0, 'highlights equal to the directives');
    const before = await expected();
    assert.ok(before.includes(text.indexOf('要案')), '要案 is a directive by default');
    await withSetting('policyAnnotator', 'directives.extraExclusions', ['要案'], async () => {
      await waitFor(async () => !(await expected()).includes(text.indexOf('要案')), 'the exclusion to apply to the directives');
      await waitFor(async () => JSON.stringify(await drawn()) === JSON.stringify(await expected()), 'the highlights to follow the exclusion');
    });
    const triggers = (await drawnHighlights())?.triggers ?? [];
    assert.deepStrictEqual(triggers.map(([s, e]) => text.slice(s, e)), ['他强调']);
  });

  it('in a long document the text editor draws the highlights around what is visible, and follows the scrolling', async () => {
    const lines = Array.from({ length: 6000 }, (_, k) => `第${k}条：各级党委要切实加强领导。`);
    const editor = await openNewFile('pipeline-long.txt', lines.join('\n') + '\n');
    const doc = editor.document;
    const anchorOn = (line: number): number => doc.offsetAt(new vscode.Position(line, lines[line]!.indexOf('要')));
    const drawnOn = async (line: number): Promise<boolean> => ((await drawnHighlights())?.modals ?? []).some(([s]) => s === anchorOn(line));
    await waitFor(() => drawnOn(0), 'the first line highlighted');
    const first = (await drawnHighlights())!;
    assert.ok(!(await drawnOn(5000)), `line 5000 is far from view and not drawn (window: lines ${first.window.firstLine}–${first.window.lastLine})`);
    assert.ok(first.modals.length < 3000, `${first.modals.length} highlights drawn for a screen of text`);
    editor.revealRange(new vscode.Range(5000, 0, 5000, 0), vscode.TextEditorRevealType.InCenter);
    await waitFor(() => drawnOn(5000), 'the highlights of line 5000 once it is scrolled into view');
  });

  it('a document of over a million characters is first analysed in slices and then listed whole, with its outline', async () => {
    const lines = Array.from({ length: 60_000 }, (_, k) => `第${k}条：各级党委要切实加强领导。`);
    const editor = await openNewFile('pipeline-huge.txt', '一、总体要求\n' + lines.join('\n') + '\n');
    await waitFor(async () => (await treeState()).nodes.find((n) => n.label === 'pipeline-huge.txt')?.description === '60000 directives · 0 sections', 'the whole document in the tree', 30_000);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.deepStrictEqual(symbols.filter((sym) => sym.name === '总体要求').map((sym) => sym.children.length), [0], 'the outline holds the heading');
  });

  for (const name of ['wulong-district-plenum-2021.txt', 'crlf_000.txt']) {
    it(`after any run of edits (typing, several ranges at once, undo, redo) the directives equal a fresh reading of ${name}`, async () => {
      // The index infers only the lines an edit touched, from the change events: checked against the whole text.
      const editor = await openSampleCopy(name);
      const doc = editor.document;
      const exports = await api();
      let seed = 20261126;
      const random = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % Math.max(1, n));
      const pieces = ['要', '全会提出，', '一、', '\n', '[', ']{.任务}', '各级党委要加强领导。', '（二）', '他强调，', '。', '𠮷'];
      const fresh = (): unknown[] => inferDirectives(parseMarkup(doc.getText())).map(({ kind, anchor, start, end, label, section, heading }) => ({ kind, anchor, start, end, label, section, heading }));
      const indexed = (): unknown[] => exports.getDirectives(doc).map(({ kind, anchor, start, end, label, section, heading }) => ({ kind, anchor, start, end, label, section, heading }));
      for (let step = 0; step < 40; step++) {
        const length = doc.getText().length;
        const kind = random(10);
        if (kind < 4) {
          const at = doc.positionAt(random(length + 1));
          assert.ok(await editor.edit((b) => b.insert(at, pieces[random(pieces.length)]!)));
        } else if (kind < 6) {
          const from = random(length);
          assert.ok(await editor.edit((b) => b.delete(new vscode.Range(doc.positionAt(from), doc.positionAt(from + 1 + random(30))))));
        } else if (kind < 8) {
          // Several ranges in one edit: one change event with several changes.
          const offsets = [random(length), random(length), random(length)].sort((a, b) => a - b);
          const edit = new vscode.WorkspaceEdit();
          offsets.forEach((o, k) => (k === 1 ? edit.delete(doc.uri, new vscode.Range(doc.positionAt(o), doc.positionAt(Math.min(o + 3, offsets[2]!)))) : edit.insert(doc.uri, doc.positionAt(o), pieces[random(pieces.length)]!)));
          assert.ok(await vscode.workspace.applyEdit(edit));
        } else {
          await vscode.commands.executeCommand(kind === 8 ? 'undo' : 'redo');
        }
        // Read now and then, so that the index sees one change at a time or several together.
        if (random(3) !== 0) assert.deepStrictEqual(indexed(), fresh(), `after step ${step}`);
      }
      assert.deepStrictEqual(indexed(), fresh());
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }
});
