import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, closeAll, openNewFile, openSampleCopy, screenshot, sleep, waitFor, withSetting } from './helpers';

describe('annotating in the text editor', () => {
  afterEach(closeAll);

  it('tags the selection with the given tag: exact markup, one undo step', async () => {
    const text = '全会提出,要着力创建全市创新型区县，加快打造。';
    const editor = await openNewFile('tag.txt', text);
    editor.selection = new vscode.Selection(0, 5, 0, 17);
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '目标' });
    assert.strictEqual(editor.document.getText(), '全会提出,[要着力创建全市创新型区县]{.目标}，加快打造。');
    const spans = (await api()).getAnnotations(editor.document);
    assert.deepStrictEqual(spans, [{ tags: ['目标'], start: 6, end: 18, text: '要着力创建全市创新型区县' }]);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), text);
  });

  it('tags every selection of a multi-selection in one undo step', async () => {
    const text = '区委要抓落实，区政府要抓保障。';
    const editor = await openNewFile('multi.txt', text);
    editor.selections = [new vscode.Selection(0, 0, 0, 2), new vscode.Selection(0, 7, 0, 10)];
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '主体' }));
    assert.strictEqual(editor.document.getText(), '[区委]{.主体}要抓落实，[区政府]{.主体}要抓保障。');
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), text);
  });

  it('removes the tag at the cursor and keeps the text', async () => {
    const editor = await openNewFile('untag.txt', '[区委、区政府]{.主体 note="牵头"}要发挥作用');
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    await vscode.commands.executeCommand('policyAnnotator.removeTag');
    assert.strictEqual(editor.document.getText(), '区委、区政府要发挥作用');
  });

  it('refuses a selection that crosses an annotation border and leaves the document unchanged', async () => {
    const text = '[区委]{.主体}、区政府要发挥作用';
    const editor = await openNewFile('cross.txt', text);
    editor.selection = new vscode.Selection(0, 2, 0, 13);
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '任务' });
    assert.strictEqual(editor.document.getText(), text);
    assert.strictEqual(editor.document.isDirty, false);
  });

  it('writes only what Pandoc reads: refuses a selection across a blank line and tag names Pandoc reads as text, escapes literal brackets', async () => {
    const text = '甲乙[打印]\n\n丙丁';
    const editor = await openNewFile('pandoc.txt', text);
    editor.selection = new vscode.Selection(0, 0, 2, 2);
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '任务' });
    assert.strictEqual(editor.document.getText(), text, 'across a blank line: refused');
    editor.selection = new vscode.Selection(0, 0, 0, 2);
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '目标（一）' });
    assert.strictEqual(editor.document.getText(), text, 'a tag Pandoc reads as text: refused');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '目标-一' });
    assert.strictEqual(editor.document.getText(), '[甲乙]{.目标-一}\\[打印\\]\n\n丙丁', 'the literal brackets of the paragraph are escaped');
    assert.strictEqual((await api()).getAnnotations(editor.document).length, 1);
  });

  it('warns about existing tags Pandoc would read as text, with a quick fix that renames them', async () => {
    const editor = await openNewFile('pandoc-warn.txt', '[甲乙]{.1号 .目标}丙');
    const uri = editor.document.uri;
    const [warning] = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Policy Annotator');
      return d.length > 0 ? d : undefined;
    }, 'the warning');
    assert.strictEqual(warning!.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(warning!.code, 'tag-not-pandoc');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, warning!.range);
    const fix = actions.find((a) => a.title === 'Rename to 标签1号');
    assert.ok(fix?.edit, 'a quick fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(editor.document.getText(), '[甲乙]{.标签1号 .目标}丙');
    await waitFor(() => vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Policy Annotator').length === 0, 'the warning to clear');
  });

  it('exports to brat and imports it back to identical text', async () => {
    const text = '[全会]{.主体}提出,[要着力创建[全市]{.范围}创新型区县]{.目标 note="重点"}。\n𠮷[要做]{.任务}';
    const editor = await openNewFile('brat.txt', text);
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const ann = vscode.Uri.joinPath(folder, 'brat-out', 'brat.ann');
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder, 'brat-out'));
    await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'brat', target: ann });
    const annText = new TextDecoder().decode(await vscode.workspace.fs.readFile(ann));
    assert.ok(annText.includes('T4\t任务 20 22\t要做'), annText);
    const imported = await vscode.commands.executeCommand<vscode.TextDocument>('policyAnnotator.importBrat', { ann });
    assert.strictEqual(imported.getText(), text);
    assert.notStrictEqual(imported.uri.toString(), editor.document.uri.toString());
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

interface CodebookEntry {
  tag: string;
  count: number;
  passages: { text: string; file: string; line: number }[];
}
const codebook = async (): Promise<CodebookEntry[]> => (await vscode.commands.executeCommand<CodebookEntry[]>('policyAnnotator.test.codebookSnapshot')) ?? [];

describe('annotations: diagnostics, hover, codebook and brat with a corpus document', () => {
  afterEach(closeAll);

  it('reports a malformed attribute block at its range and offers a quick fix that removes it', async () => {
    const text = '第一段[文本]{.好 坏}后文\n[二]{.ok}';
    const editor = await openNewFile('broken.txt', text);
    const uri = editor.document.uri;
    const diagnostics = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Policy Annotator');
      return d.length > 0 ? d : undefined;
    }, 'the diagnostic');
    assert.strictEqual(diagnostics.length, 1);
    const range = diagnostics[0]!.range;
    assert.strictEqual(editor.document.getText(range), ']{.好 坏}');
    assert.strictEqual(diagnostics[0]!.code, 'expected-equals');
    assert.strictEqual(diagnostics[0]!.message, 'Expected "=" after the attribute name "坏" (tags start with ".").');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    const fix = actions.find((a) => a.title === 'Remove the broken attribute block');
    assert.ok(fix?.edit, 'a quick fix');
    await vscode.workspace.applyEdit(fix.edit);
    assert.strictEqual(editor.document.getText(), '第一段[文本]后文\n[二]{.ok}');
    await waitFor(() => vscode.languages.getDiagnostics(uri).filter((x) => x.source === 'Policy Annotator').length === 0, 'the diagnostic to clear');
  });

  it('a note with line breaks survives editNote, brat export and import', async () => {
    const editor = await openNewFile('note-lines.txt', '[区委]{.主体}要发挥作用');
    const note = '第一行\n第二行\r\n第三行';
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.editNote', { uri: editor.document.uri.toString(), offset: 1, note }));
    const spans = (await api()).getAnnotations(editor.document);
    assert.strictEqual(spans.length, 1, 'the annotation is still there');
    assert.strictEqual(spans[0]!.note, note);
    assert.strictEqual(editor.document.lineCount, 1, 'the markup stays on its line');
    const ann = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'note-lines-brat.ann');
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'brat', target: ann }));
    const imported = await vscode.commands.executeCommand<vscode.TextDocument>('policyAnnotator.importBrat', { ann });
    const back = (await api()).getAnnotations(imported);
    assert.strictEqual(back.length, 1);
    assert.strictEqual(back[0]!.note, note);
  });

  it('hovering an annotation shows its tags and note', async () => {
    const editor = await openNewFile('hover.txt', '[区委、区政府]{.主体 .责任 note="牵头"}要发挥作用');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/&nbsp;/g, ' ');
    assert.ok(text.includes('主体 · 责任'), text);
    assert.ok(text.includes('牵头'), text);
  });

  it('codebook counts match the documents; renaming a tag to an existing one merges it everywhere in one edit', async () => {
    // Tags of this test alone: the codebook counts the whole workspace.
    const u = Date.now().toString(36);
    const [subject, task, measure, goal] = [`主体${u}`, `任务${u}`, `措施${u}`, `目标${u}`];
    const a = await openNewFile('code-a.txt', `[全会]{.${subject}}提出,[要甲]{.${task}}。[要乙]{.${task} .${goal}}。`);
    const b = await openNewFile('code-b.txt', `[区委]{.${subject}}要[做好]{.${measure}}工作。`);
    const mine = async (): Promise<CodebookEntry[]> => (await codebook()).filter((e) => e.tag.endsWith(u));
    await waitFor(async () => (await mine()).length === 4, 'the codebook to list four tags');
    const entries = await mine();
    assert.deepStrictEqual(entries.map((e) => [e.tag, e.count]), [[subject, 2], [task, 2], [measure, 1], [goal, 1]]);
    assert.deepStrictEqual(entries[1]!.passages.map((p) => p.text), ['要甲', '要乙']);
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.renameTag', { from: task, to: goal }));
    assert.strictEqual(a.document.getText(), `[全会]{.${subject}}提出,[要甲]{.${goal}}。[要乙]{.${goal}}。`);
    assert.strictEqual(b.document.getText(), `[区委]{.${subject}}要[做好]{.${measure}}工作。`);
    await waitFor(async () => (await mine()).find((e) => e.tag === goal)?.count === 2, 'the merged count');
  });

  it('export → import through brat round-trips a corpus document with several annotations', async () => {
    const editor = await openSampleCopy('wulong-district-plenum-2021.txt', 'brat-000.txt');
    const doc = editor.document;
    for (const [passage, tag] of [['全区上下要坚定信心决心', '任务'], ['区委、区政府', '主体'], ['要强化政策保障', '保障'], ['2021-06-01', '时限']] as const) {
      const at = doc.getText().indexOf(passage);
      editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + passage.length));
      assert.ok(await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag }));
    }
    const annotated = doc.getText();
    assert.strictEqual((annotated.match(/\]\{\./g) ?? []).length, 4);
    await vscode.commands.executeCommand('policyAnnotator.codebook.focus');
    await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.positionAt(annotated.indexOf('全区上下')), doc.positionAt(annotated.indexOf('全区上下')));
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('notifications.clearAll');
    await sleep(1200);
    await screenshot('annotations-text-editor');
    const ann = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'brat-out', 'brat-000.ann');
    await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'brat', target: ann });
    const imported = await vscode.commands.executeCommand<vscode.TextDocument>('policyAnnotator.importBrat', { ann });
    assert.strictEqual(imported.getText(), annotated);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('exports CSV that a spreadsheet reads: header, BOM, quoted commas, quotes and line breaks', async () => {
    await openNewFile('csv.txt', '[甲,乙]{.任务 note="说\\"好\\""}\n[多\n行]{.目标}');
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'csv-out.csv');
    await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'csv', target });
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(target));
    assert.strictEqual(csv, '\ufefftag,text,start,end,line,note,file\r\n任务,"甲,乙",0,3,1,"说""好""",csv.txt\r\n目标,"多\n行",4,7,2,,csv.txt\r\n');
  });

  it('neutralises CSV cells a spreadsheet would run as formulas, unless the setting is off', async () => {
    await openNewFile('formula.txt', '[=HYPERLINK("x")]{.任务}');
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'formula.csv');
    const row = async (): Promise<string> => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await vscode.workspace.fs.readFile(target)).split('\r\n')[1]!;
    await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'csv', target });
    assert.ok((await row()).startsWith(`任务,"'=HYPERLINK`), await row());
    await withSetting('policyAnnotator', 'export.neutralizeCsvFormulas', false, async () => {
      // The setting takes effect once VS Code has announced the change.
      await waitFor(async () => {
        await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'csv', target });
        return (await row()).startsWith('任务,"=HYPERLINK');
      }, 'the export to follow the setting');
    });
  });
});

describe('exports never replace what they did not create', () => {
  afterEach(closeAll);
  const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0]!.uri;
  const read = async (uri: vscode.Uri): Promise<string> => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

  it('refuses to export onto the document itself', async () => {
    const text = '[甲]{.任务}乙';
    const editor = await openNewFile('self.txt', text);
    const result = await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'csv', target: editor.document.uri });
    assert.strictEqual(result, undefined);
    assert.strictEqual(await read(editor.document.uri), text);
    const json = await vscode.commands.executeCommand('policyAnnotator.exportDirectives', { format: 'csv', target: editor.document.uri });
    assert.strictEqual(json, undefined);
    assert.strictEqual(await read(editor.document.uri), text);
  });

  it("refuses to replace the user's own report.txt when exporting brat from report.md, but replaces its own earlier export", async () => {
    const mine = vscode.Uri.joinPath(folder(), 'report.txt');
    await vscode.workspace.fs.writeFile(mine, new TextEncoder().encode('我的报告，不是导出。'));
    await openNewFile('report.md', '[全会]{.主体}提出,要加快发展。');
    const ann = vscode.Uri.joinPath(folder(), 'report.ann');
    assert.strictEqual(await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'brat', target: ann }), undefined);
    assert.strictEqual(await read(mine), '我的报告，不是导出。', "the user's file is untouched");
    // Into a fresh name it works, and exporting again replaces the export's own earlier output.
    const fresh = vscode.Uri.joinPath(folder(), 'report-brat.ann');
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'brat', target: fresh }));
    assert.ok(await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'brat', target: fresh }), 'its own output may be replaced');
    assert.strictEqual(await read(vscode.Uri.joinPath(folder(), 'report-brat.txt')), '全会提出,要加快发展。');
  });

  if (TEST_HOST === 'node') {
    it('compares real paths: a symbolic link to the document is the document', async () => {
      const fs = require('node:fs') as { symlinkSync(target: string, path: string): void; readFileSync(path: string, encoding: 'utf8'): string };
      const text = '[甲]{.任务}乙';
      const editor = await openNewFile('linked.txt', text);
      const link = vscode.Uri.joinPath(folder(), 'link-to-linked.csv');
      fs.symlinkSync(editor.document.uri.fsPath, link.fsPath);
      assert.strictEqual(await vscode.commands.executeCommand('policyAnnotator.exportAnnotations', { format: 'csv', target: link }), undefined);
      assert.strictEqual(fs.readFileSync(editor.document.uri.fsPath, 'utf8'), text);
    });
  }
});
