import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAll, openNewFile, openSample, openSampleCopy, screenshot, waitFor } from './helpers';
import { CORPUS, OPENCC_REFERENCE } from './fixtures';

describe('conversion and clean-up in place', () => {
  afterEach(closeAll);

  for (const name of CORPUS) {
    it(`converts ${name} both ways exactly as OpenCC does, each one undo step`, async () => {
      const editor = await openSampleCopy(name);
      const original = editor.document.getText();
      for (const [to, config] of [['cn', 't2s'], ['t', 's2t']] as const) {
        await vscode.commands.executeCommand('policyAnnotator.convert', { to });
        assert.strictEqual(editor.document.getText(), OPENCC_REFERENCE[config][name], `${config} ${name}`);
        await vscode.commands.executeCommand('undo');
        assert.strictEqual(editor.document.getText(), original, `one undo restores ${name}`);
      }
    });
  }

  it('converts the text of annotations but not their tag names or attributes', async () => {
    const editor = await openNewFile('marked.txt', '[会议强调]{.会议 .发展 note="发展"}要发展。');
    await vscode.commands.executeCommand('policyAnnotator.toTraditional');
    assert.strictEqual(editor.document.getText(), '[會議強調]{.会议 .发展 note="发展"}要發展。');
  });

  it('converts across annotation borders exactly as OpenCC does on the plain text, and keeps phrases whole', async () => {
    const editor = await openNewFile('borders.txt', '[内存]{.a}鼠标，[U盘]{.b}方便面，创[新生态不断优]{.x}化');
    await vscode.commands.executeCommand('policyAnnotator.convert', { to: 'twp' });
    assert.strictEqual(editor.document.getText(), '[記憶體]{.a}滑鼠，[隨身碟]{.b}泡麵，創[新生態不斷最佳化]{.x}');
  });

  it('never applies a conversion to a document whose editor was closed meanwhile', async () => {
    // The editor is closed right after the conversion starts, while it plans (the conversion checks with the
    // workbench before it applies anything, so the close is always seen).
    const unit = '會議強調，要加快發展記憶體產業。全會指出，各級黨委要切實加強領導。\n';
    const editor = await openNewFile('closed-midway.txt', unit.repeat(8_000));
    const uri = editor.document.uri;
    const conversion = vscode.commands.executeCommand<{ applied: boolean }>('policyAnnotator.toSimplified');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const result = await conversion;
    assert.strictEqual(result.applied, false, 'the conversion was abandoned');
    const loaded = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(!loaded || !loaded.isDirty, 'no hidden dirty document is left for a later Save All');
    assert.ok(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)).startsWith('會議強調'), 'the file is unchanged');
  });

  it('abandons a conversion when the user types while it runs, and keeps what they typed', async () => {
    const unit = '會議強調，要加快發展記憶體產業。\n';
    const editor = await openNewFile('typed-midway.txt', unit.repeat(8_000));
    const conversion = vscode.commands.executeCommand<{ applied: boolean }>('policyAnnotator.toSimplified');
    const typed = editor.edit((b) => b.insert(new vscode.Position(0, 0), '新'));
    const [result] = await Promise.all([conversion, typed]);
    assert.strictEqual(result.applied, false, 'the conversion was abandoned (and the user told so)');
    assert.ok(editor.document.getText().startsWith('新會議強調'), 'the typing is kept, nothing converted');
  });

  it('converts only the selection when there is one, and keeps the selection', async () => {
    const editor = await openNewFile('selection.txt', '會議指出，會議強調，會議號召。');
    editor.selection = new vscode.Selection(0, 5, 0, 9);
    await vscode.commands.executeCommand('policyAnnotator.toSimplified');
    assert.strictEqual(editor.document.getText(), '會議指出，会议强调，會議號召。');
    assert.deepStrictEqual([editor.selection.start.character, editor.selection.end.character], [5, 9]);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), '會議指出，會議強調，會議號召。');
  });

  it('applies a conversion of thousands of separate changes (CRLF) in one step, keeping the cursors on their text', async () => {
    // 1,500 changes more than 16 characters apart: planned as 1,500 edits, which the extension sends as one (VS Code
    // makes 1,000 or more into one anyway); the text between them must come through unchanged, CRLF included.
    const unit = (han: string, k: number): string => `${han}會議 line ${String(k).padStart(5, '0')} abcdefghij\r\n`;
    const original = Array.from({ length: 1500 }, (_, k) => unit('發', k)).join('');
    const expected = Array.from({ length: 1500 }, (_, k) => unit('发', k)).join('').replace(/會議/g, '会议');
    const editor = await openNewFile('many-changes.txt', original);
    // Cursors, not selections (a selection would be converted alone): in unchanged text, and inside 發會議.
    editor.selections = [new vscode.Selection(700, 9, 700, 9), new vscode.Selection(20, 3, 20, 3), new vscode.Selection(900, 2, 900, 2)];
    await vscode.commands.executeCommand('policyAnnotator.toSimplified');
    assert.strictEqual(editor.document.getText(), expected);
    assert.deepStrictEqual(
      editor.selections.map((s) => [s.start.line, s.start.character, s.end.line, s.end.character]),
      [[700, 9, 700, 9], [20, 3, 20, 3], [900, 2, 900, 2]],
    );
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), original, 'one undo restores the document');
  });

  it('leaves documents without Chinese text and untitled documents unchanged', async () => {
    const english = await openNewFile('english.txt', 'No Chinese here.');
    await vscode.commands.executeCommand('policyAnnotator.toTraditional');
    assert.strictEqual(english.document.getText(), 'No Chinese here.');
    assert.strictEqual(english.document.isDirty, false);
    const untitled = await vscode.workspace.openTextDocument({ content: '會議', language: 'plaintext' });
    await vscode.window.showTextDocument(untitled);
    await vscode.commands.executeCommand('policyAnnotator.toSimplified');
    assert.strictEqual(untitled.getText(), '會議');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('removePinyin removes every injected reading of 001 and 003 and keeps real parentheses', async () => {
    const expected: Record<string, string[]> = {
      'zigong-science-committee-meeting_trad.txt': ['(B區)'],
      'zigong-plenum-communique-2021_trad.txt': ['(2021年7月15日中國共產黨自貢市第十二屆委員會第十二次全體會議通過)', '(院所)'],
    };
    for (const [name, parentheses] of Object.entries(expected)) {
      const editor = await openSampleCopy(name);
      const original = editor.document.getText();
      await vscode.commands.executeCommand('policyAnnotator.removePinyin', { preview: false });
      const cleaned = editor.document.getText();
      assert.deepStrictEqual(cleaned.match(/\([^)]*\)/g), parentheses, name);
      assert.ok(!/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[)）]/.test(cleaned), `${name} has no reading left`);
      await vscode.commands.executeCommand('undo');
      assert.strictEqual(editor.document.getText(), original);
    }
  });

  it('collapses doubled punctuation and normalizes width, one undo step each', async () => {
    const editor = await openNewFile('punct.txt', '會議召開,,要(市、区)落實,。');
    await vscode.commands.executeCommand('policyAnnotator.collapsePunctuation', { preview: false });
    assert.strictEqual(editor.document.getText(), '會議召開,要(市、区)落實。');
    await vscode.commands.executeCommand('policyAnnotator.normalizePunctuation', { preview: false });
    assert.strictEqual(editor.document.getText(), '會議召開，要（市、区）落實。');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), '會議召開,要(市、区)落實。');
  });

  it('the status bar shows 繁 for 003 and 简 for 000', async () => {
    const status = async (): Promise<string> => (await vscode.commands.executeCommand<{ scriptStatus: string }>('policyAnnotator.test.facts')).scriptStatus;
    await openSample('zigong-plenum-communique-2021_trad.txt');
    await waitFor(async () => (await status()) === '繁', 'the status bar to show 繁');
    await screenshot('status-traditional');
    await openSample('wulong-district-plenum-2021.txt');
    await waitFor(async () => (await status()) === '简', 'the status bar to show 简');
    await openNewFile('english2.txt', 'English only.');
    await waitFor(async () => (await status()) === '', 'the status bar to hide');
  });
});
