import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, closeAll, openNewFile } from './helpers';

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
