import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, closeAll, openNewFile, openSampleCopy, probeEditor, screenshot, sleep, treeState, waitFor, withSetting, workspaceUri, type TreeNode } from './helpers';

interface EditorState {
  lines: number;
  renderedLines: number;
  version: number;
  script: string;
  lineText?: string;
  lineTagged?: number;
  badges: number;
  marks: number;
  images: number;
  pwned: boolean;
  notice: string;
  selection?: { start: number; end: number };
  scrollTop: number;
}

const probe = probeEditor;
const state = (line?: number): Thenable<EditorState> => probe<EditorState>({ kind: 'state', ...(line !== undefined ? { line } : {}) });

/** Opens a workspace file in the custom editor and waits until the webview has rendered all of it. */
async function openInCustomEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor');
  const doc = await vscode.workspace.openTextDocument(uri);
  await waitFor(async () => {
    const s = await state();
    return s && s.renderedLines === doc.lineCount && s.version === doc.version;
  }, 'the custom editor to render the document', 20_000);
  return doc;
}

/** Selects a document range in the webview (through the same reveal a tree click uses). */
async function selectInEditor(doc: vscode.TextDocument, start: number, end: number): Promise<void> {
  await vscode.commands.executeCommand('policyAnnotator.revealDirective', { uri: doc.uri.toString(), start, end });
  await waitFor(async () => {
    const s = await state();
    return s.selection?.start === start && s.selection?.end === end;
  }, `the webview selection [${start}, ${end})`);
}

describe('custom editor', () => {
  afterEach(closeAll);

  it('renders every paragraph of a corpus document, with markup hidden and directives marked', async () => {
    const editor = await openSampleCopy('zigong-plenum-communique-2021_trad.txt', 'ce-003.txt');
    const uri = editor.document.uri;
    await closeAll();
    const doc = await openInCustomEditor(uri);
    const s = await state(0);
    assert.strictEqual(s.lines, doc.lineCount);
    assert.strictEqual(s.lineText, doc.lineAt(0).text);
    // Every kind of item a paragraph holds is marked (a section and its directives both show).
    const marks = new Set((await api()).getDirectives(doc).map((i) => `${doc.positionAt(i.anchor).line}:${i.kind === 'directive' && i.force === 'mustNot' ? 'negative' : i.kind}`));
    assert.strictEqual(s.marks, marks.size);
  });

  it('an edit updates the lines it touched, and the lines a span crossed lose its colour when the span goes', async () => {
    const uri = (await openNewFile('ce-cross.txt', '前言\n[第一行要做好\n第二行]{.主体}要落实\n第三行\n')).document.uri;
    await closeAll();
    const doc = await openInCustomEditor(uri);
    assert.strictEqual((await state(1)).lineTagged, 1, 'the span colours the line it starts on');
    // First an edit elsewhere, so the document is already dirty (a tab turning dirty redraws everything anyway).
    const first = new vscode.WorkspaceEdit();
    first.insert(uri, doc.lineAt(doc.lineCount - 1).range.end, '尾');
    assert.ok(await vscode.workspace.applyEdit(first));
    await waitFor(async () => (await state()).version === doc.version, 'the first edit to render');
    // Remove the span's closing markup on the line below: the line above must be redrawn too.
    const close = doc.getText().indexOf(']{.主体}');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(uri, new vscode.Range(doc.positionAt(close), doc.positionAt(close + ']{.主体}'.length)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(async () => {
      const s = await state(1);
      return s.version === doc.version && s.lineTagged === 0 && s.lineText === '[第一行要做好';
    }, 'line 2 to lose the colour of the span that no longer exists');
    // Lines inserted above: what follows moves down, nothing is drawn twice.
    const insert = new vscode.WorkspaceEdit();
    insert.insert(uri, new vscode.Position(0, 0), '新的一行\n又一行\n');
    assert.ok(await vscode.workspace.applyEdit(insert));
    await waitFor(async () => {
      const s = await state(3);
      return s.version === doc.version && s.lines === doc.lineCount && s.renderedLines === doc.lineCount && s.lineText === '[第一行要做好';
    }, 'the lines to move down');
  });

  it('its tab is told apart from the text editor\'s tab of the same file', async () => {
    const editor = await openSampleCopy('wulong-district-plenum-2021.txt', 'ce-tabs.txt');
    await vscode.commands.executeCommand('vscode.openWith', editor.document.uri, 'policyAnnotator.editor', vscode.ViewColumn.Beside);
    const labels = await waitFor(() => {
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => (t.input as { uri?: vscode.Uri }).uri?.toString() === editor.document.uri.toString());
      return tabs.length === 2 ? tabs.map((t) => `${t.input instanceof vscode.TabInputCustom ? 'custom' : 'text'}:${t.label}`).sort() : undefined;
    }, 'both tabs');
    assert.deepStrictEqual(labels, ['custom:ce-tabs.txt (Annotator)', 'text:ce-tabs.txt']);
  });

  it('tags the selected text with key 1: exact markup around the source range, and undo restores it', async () => {
    const text = '𠮷全会提出,要着力创建全市创新型区县，加快打造[打印]。\r\n第二段[关闭]';
    await openNewFile('ce-tag.txt', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-tag.txt'));
    const start = text.indexOf('要着力');
    const end = text.indexOf('，');
    await selectInEditor(doc, start, end);
    await probe({ kind: 'key', key: '1' });
    await waitFor(() => doc.getText() !== text, 'the tag edit');
    // The literal brackets of the tagged line are escaped, so Pandoc reads the span (not a reference link); other
    // lines are left as they are.
    assert.strictEqual(doc.getText(), '𠮷全会提出,[要着力创建全市创新型区县]{.目标}，加快打造\\[打印\\]。\r\n第二段[关闭]');
    await waitFor(async () => (await state()).badges === 1, 'the badge to appear');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === text, 'undo to restore the text');
    assert.strictEqual(doc.isDirty, false);
  });

  it('a badge offers remove, change tag and edit note; saving writes the file', async () => {
    const text = '[区委、区政府]{.主体}要发挥作用';
    await openNewFile('ce-badge.txt', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-badge.txt'));
    const choose = async (steps: number): Promise<void> => {
      await sleep(400);
      for (let i = 0; i < steps; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    // Change tag: the second action, then the second tag of the palette (任务).
    assert.ok(await probe<boolean>({ kind: 'clickBadge', index: 0 }));
    await choose(1);
    await choose(1);
    await waitFor(() => doc.getText() === '[区委、区政府]{.任务}要发挥作用', 'the tag to change');
    await waitFor(async () => (await state()).version === doc.version, 'the webview to catch up');
    // Remove: the first action.
    assert.ok(await probe<boolean>({ kind: 'clickBadge', index: 0 }));
    await choose(0);
    await waitFor(() => doc.getText() === '区委、区政府要发挥作用', 'the tag to be removed');
    assert.ok(doc.isDirty, 'auto-save is off: nothing is written before Save');
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)), text);
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor(() => !doc.isDirty, 'the save');
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)), '区委、区政府要发挥作用');
  });

  it('with auto-save on, a tag added in the Policy Annotator editor reaches the file on disk by itself', async () => {
    const text = '区委、区政府要发挥作用';
    await openNewFile('ce-autosave.txt', text);
    await closeAll();
    await withSetting('files', 'autoSave', 'afterDelay', async () => {
      const doc = await openInCustomEditor(workspaceUri('ce-autosave.txt'));
      await selectInEditor(doc, 0, 6);
      await probe({ kind: 'key', key: '3' });
      await waitFor(() => doc.getText() === '[区委、区政府]{.主体}要发挥作用', 'the tag edit');
      await waitFor(async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri)) === '[区委、区政府]{.主体}要发挥作用', 'auto-save to write the file', 15_000);
    });
  });

  it('renders Markdown (headings, quotes, emphasis) with its syntax hidden, and tags the exact source range', async () => {
    const text = '# 讲话\n\n> 他表示，要**加快**发展。\n';
    await openNewFile('ce-speech.md', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-speech.md'));
    assert.strictEqual((await state(0)).lineText, '讲话');
    assert.strictEqual((await state(2)).lineText, '他表示，要加快发展。');
    await screenshot('custom-editor-markdown');
    const start = text.indexOf('加快');
    await selectInEditor(doc, start, start + 2);
    await probe({ kind: 'key', key: '1' });
    await waitFor(() => doc.getText() === '# 讲话\n\n> 他表示，要**[加快]{.目标}**发展。\n', 'the tag around the source range');
  });

  it('in Markdown, an edit restyles the lines its block change reaches, far below it too (a fence opened, then closed)', async () => {
    const body = Array.from({ length: 60 }, (_, k) => (k === 40 ? '## 第二部分' : k % 2 === 0 ? `第${k}段，要做好工作。` : '')).join('\n');
    const text = `# 讲话\n\n${body}\n`;
    await openNewFile('ce-fence.md', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-fence.md'));
    const headingLine = 2 + 40;
    assert.strictEqual((await state(headingLine)).lineText, '第二部分');
    // A fence opened near the top makes everything below it code: the heading's syntax shows again.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(2, 0), '```\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(async () => (await state(headingLine + 1)).lineText === '## 第二部分', 'the heading far below to show as code');
    assert.strictEqual((await state(0)).lineText, '讲话');
    // Closed again by undo: a heading again.
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === text, 'undo');
    await waitFor(async () => (await state(headingLine)).lineText === '第二部分', 'the heading to show as a heading again');
  });

  it('a selection extended with the keyboard (Shift+Right) is tagged by Tag Selection (Ctrl+Alt+T) with exact markup; typing changes nothing', async () => {
    const text = '全会提出,要着力创建全市创新型区县。';
    await openNewFile('ce-keyboard.txt', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-keyboard.txt'));
    const start = text.indexOf('要');
    await selectInEditor(doc, start, start);
    const extended = await probe<{ start: number; end: number }>({ kind: 'extend', count: 5 });
    assert.deepStrictEqual(extended, { start, end: start + 5 });
    await waitFor(async () => (await state()).selection?.end === start + 5, 'the host to hear of the selection');
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '任务' });
    await waitFor(() => doc.getText() === '全会提出,[要着力创建]{.任务}全市创新型区县。', 'the keyboard selection to be tagged');
    assert.strictEqual(await probe({ kind: 'echo', message: { type: 'nothing' } }), true);
  });

  it('keeps its place: after switching to another tab and back, the same scroll position and selection', async () => {
    const editor = await openSampleCopy('zigong-plenum-communique-2021_trad.txt', 'ce-place.txt');
    const uri = editor.document.uri;
    await closeAll();
    const doc = await openInCustomEditor(uri);
    const scrolled = await probe<number>({ kind: 'scroll', line: Math.floor(doc.lineCount * 0.6) });
    assert.ok(scrolled > 200, `the page scrolled (${scrolled})`);
    const start = doc.offsetAt(new vscode.Position(Math.floor(doc.lineCount * 0.6), 2));
    await vscode.commands.executeCommand('policyAnnotator.revealDirective', { uri: uri.toString(), start, end: start + 3 });
    await waitFor(async () => (await state()).selection?.start === start, 'the selection');
    const before = (await state()).scrollTop;
    await sleep(400); // the page saves its place shortly after scrolling
    await openNewFile('ce-other.txt', '另一个文件');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor');
    let last: EditorState | undefined;
    await waitFor(async () => {
      const s = (last = await state());
      return s.renderedLines === doc.lineCount && Math.abs(s.scrollTop - before) <= 4 && s.selection?.start === start;
    }, `the page to come back to scroll position ${before} with the selection ${start}`).catch((e: Error) => {
      throw new Error(`${e.message}; last seen: ${JSON.stringify({ scrollTop: last?.scrollTop, selection: last?.selection, rendered: last?.renderedLines})}`);
    });
  });

  it('holds a window of a long document: true to length, any place reachable, keyboard ends and tagging far down', async () => {
    const count = 6000;
    const lineText = (i: number): string => `第${i}段，全会提出要做好第${i}项工作。`;
    const text = Array.from({ length: count }, (_, i) => (i % 500 === 7 ? `[${lineText(i)}]{.任务}` : lineText(i))).join('\n');
    const uri = (await openNewFile('ce-long.txt', text)).document.uri;
    await closeAll();
    await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor');
    const doc = await vscode.workspace.openTextDocument(uri);
    type Long = EditorState & { heldModels: number; scrollHeight: number; topLine: number };
    const opened = await waitFor(async () => {
      const s = await probe<Long>({ kind: 'state' });
      return s.lines === count && s.renderedLines > 0 && s;
    }, 'the long document to open');
    assert.ok(opened.renderedLines < 1000, `a window of lines is drawn, not all (${opened.renderedLines})`);
    assert.ok(opened.heldModels < count, `the page holds the models of a window only (${opened.heldModels})`);
    assert.ok(opened.scrollHeight > count * 20, `the page is as tall as the document (${opened.scrollHeight} px for ${count} lines)`);
    // Scrolled far down, the lines there are drawn, with their annotation.
    await probe({ kind: 'scroll', line: 5007 });
    const far = await waitFor(async () => {
      const l = await probe<{ text: string; badges: number; drawn: boolean } | undefined>({ kind: 'line', line: 5007 });
      return l?.drawn && l;
    }, 'line 5008 to be drawn after scrolling there');
    assert.deepStrictEqual({ text: far.text, badges: far.badges }, { text: lineText(5007), badges: 1 });
    assert.ok(Math.abs((await probe<Long>({ kind: 'state' })).topLine - 5007) <= 1, 'the page shows the line scrolled to');
    // Ctrl+Home puts the caret at the document's start; Ctrl+Shift+End selects to its end (not the drawn lines' end).
    await probe({ kind: 'key', key: 'Home', ctrl: true });
    await waitFor(async () => (await state()).selection?.end === 0, 'the caret at the start');
    await probe({ kind: 'key', key: 'End', ctrl: true, shift: true });
    const end = doc.offsetAt(doc.lineAt(count - 1).range.end);
    await waitFor(async () => {
      const s = await state();
      return s.selection?.start === 0 && s.selection.end === end;
    }, 'the whole document selected from the keyboard');
    // Copied, it is the whole text as shown (markup hidden), though the page holds a window of it: the host writes it.
    await vscode.env.clipboard.writeText('');
    assert.strictEqual(await probe<string>({ kind: 'copy' }), '', 'the page leaves a copy of lines it does not hold to the host');
    const wholeText = Array.from({ length: count }, (_, i) => lineText(i)).join('\n');
    await waitFor(async () => (await vscode.env.clipboard.readText()) === wholeText, 'the whole document on the clipboard');
    // A selection far down (revealed from the tree) is tagged with exact markup.
    const start = doc.offsetAt(new vscode.Position(4321, 0));
    await selectInEditor(doc, start, start + 3);
    assert.strictEqual(await probe<string>({ kind: 'copy' }), '第43', 'a selection the page holds is copied by the page');
    const topBefore = (await probe<Long>({ kind: 'state' })).topLine;
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '主体' });
    await waitFor(() => doc.lineAt(4321).text === `[第43]{.主体}21段，全会提出要做好第4321项工作。`, 'the far selection tagged');
    await waitFor(async () => (await probe<{ badges: number; drawn: boolean } | undefined>({ kind: 'line', line: 4321 }))?.badges === 1, 'the new badge drawn');
    assert.strictEqual((await probe<Long>({ kind: 'state' })).topLine, topBefore, 'the page stays where the reader is when a line on screen changes');
    // Ten lines inserted at the top (another editor): the same text stays on screen, ten lines further down.
    const insert = new vscode.WorkspaceEdit();
    insert.insert(uri, new vscode.Position(0, 0), '新\n'.repeat(10));
    assert.ok(await vscode.workspace.applyEdit(insert));
    await waitFor(async () => {
      const s = await probe<Long>({ kind: 'state' });
      return s.version === doc.version && s.lines === count + 10 && s.topLine === topBefore + 10;
    }, 'the lines on screen to stay on screen when lines are inserted above');
    // The whole document replaced (as a revert or a whole-document conversion does): the page gets the new lengths
    // and the models near its view, and the rest when the reader goes there.
    const whole = new vscode.WorkspaceEdit();
    whole.replace(uri, new vscode.Range(new vscode.Position(0, 0), doc.lineAt(doc.lineCount - 1).range.end), doc.getText().replace(/段/g, '节'));
    assert.ok(await vscode.workspace.applyEdit(whole));
    const shown = topBefore + 10;
    await waitFor(async () => {
      const s = await probe<Long>({ kind: 'state', line: shown });
      return s.version === doc.version && s.lineText === doc.lineAt(shown).text.replace(/\[|\]\{\.主体\}/g, '') && s;
    }, 'the line on screen to show the new text');
    assert.ok((await probe<Long>({ kind: 'state' })).heldModels < count, 'the page still holds a window only');
    await probe({ kind: 'scroll', line: 50 });
    await waitFor(async () => {
      const l = await probe<{ text: string; drawn: boolean } | undefined>({ kind: 'line', line: 50 });
      return l?.drawn && l.text === doc.lineAt(50).text;
    }, 'a far line to show the new text once scrolled to');
  });

  it('takes a whole-document change of a 200,000-line document (a revert, a conversion) without failing', async () => {
    const count = 200_000;
    const uri = (await openNewFile('ce-huge.txt', Array.from({ length: count }, (_, i) => `第${i}行要做`).join('\n'))).document.uri;
    await closeAll();
    await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor');
    const doc = await vscode.workspace.openTextDocument(uri);
    await waitFor(async () => (await state()).lines === count, 'the document to open', 25_000);
    const whole = new vscode.WorkspaceEdit();
    whole.replace(uri, new vscode.Range(new vscode.Position(0, 0), doc.lineAt(count - 1).range.end), doc.getText().replace(/行/g, '段'));
    assert.ok(await vscode.workspace.applyEdit(whole));
    await waitFor(async () => {
      const s = await state(3);
      return s.version === doc.version && s.lines === count && s.lineText === '第3段要做';
    }, 'the page to show the changed document', 25_000);
  });

  it('opens an empty document, and shows what is typed into it in a text editor beside it', async () => {
    const editor = await openNewFile('ce-empty.txt', '');
    await vscode.commands.executeCommand('vscode.openWith', editor.document.uri, 'policyAnnotator.editor', vscode.ViewColumn.Beside);
    await waitFor(async () => (await state(0)).lines === 1, 'the empty document in the page');
    const doc = editor.document;
    const typed = new vscode.WorkspaceEdit();
    typed.insert(doc.uri, new vscode.Position(0, 0), '全会提出，要加快发展。\n第二行');
    assert.ok(await vscode.workspace.applyEdit(typed));
    await waitFor(async () => {
      const s = await state(1);
      return s.version === doc.version && s.lines === 2 && s.lineText === '第二行' && s.marks > 0;
    }, 'the typed lines in the page, with the directive marked');
  });

  it('keeps its place far down a long document (CRLF, shown in 繁) across a tab switch', async () => {
    const count = 5000;
    const text = Array.from({ length: count }, (_, i) => `第${i}段，全会提出要做好第${i}项工作。`).join('\r\n');
    const uri = (await openNewFile('ce-long-place.txt', text)).document.uri;
    await closeAll();
    await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor');
    const doc = await vscode.workspace.openTextDocument(uri);
    type Long = EditorState & { topLine: number };
    await waitFor(async () => (await probe<Long>({ kind: 'state' })).lines === count, 'the long document to open');
    assert.strictEqual(await probe<boolean>({ kind: 'click', button: 'script:t' }), true);
    await waitFor(async () => (await probe<Long>({ kind: 'state' })).script === 't', 'the 繁 display');
    await probe({ kind: 'scroll', line: 4200 });
    const start = doc.offsetAt(new vscode.Position(4205, 1));
    await selectInEditor(doc, start, start + 4);
    const before = await waitFor(async () => {
      const s = await probe<Long>({ kind: 'state', line: 4205 });
      return s.lineText === `第4205段，全會提出要做好第4205項工作。` && s.topLine > 4100 && s;
    }, 'line 4206 drawn in 繁');
    await sleep(400); // the page saves its place shortly after scrolling
    await openNewFile('ce-long-other.txt', '另一个文件');
    await vscode.commands.executeCommand('vscode.openWith', uri, 'policyAnnotator.editor');
    let last: Long | undefined;
    await waitFor(async () => {
      const s = (last = await probe<Long>({ kind: 'state' }));
      return s.lines === count && s.script === 't' && s.topLine === before.topLine && s.selection?.start === start && s.selection.end === start + 4;
    }, `the page to come back to line ${before.topLine + 1} in 繁 with the selection`).catch((e: Error) => {
      throw new Error(`${e.message}; last seen: ${JSON.stringify({ topLine: last?.topLine, selection: last?.selection })}`);
    });
  });

  it('offers the tags the document uses (a code renamed or added elsewhere) beside the palette', async () => {
    await openNewFile('ce-palette.txt', '[甲]{.自定义}乙丙');
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-palette.txt'));
    assert.strictEqual(await probe<boolean>({ kind: 'click', button: 'tag:自定义' }), true, 'a toolbar button for the document\'s own tag');
    assert.strictEqual(await probe<boolean>({ kind: 'click', button: 'tag:新码' }), false);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(doc.getText().length), '[丁]{.新码}');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(async () => (await probe<boolean>({ kind: 'click', button: 'tag:新码' })) === true, 'the new tag in the toolbar');
  });

  it('refuses a selection that crosses an annotation border', async () => {
    const text = '[区委]{.主体}、区政府要发挥作用';
    await openNewFile('ce-cross.txt', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-cross.txt'));
    await selectInEditor(doc, 2, text.indexOf('区政府') + 3);
    await probe({ kind: 'key', key: '2' });
    // The page tells the user why nothing happened (a refusal that cannot be seen is not a refusal).
    await waitFor(async () => /crosses the border/.test((await state()).notice), 'the page to show why the selection was refused');
    assert.strictEqual(doc.getText(), text);
    // The same key on a selection inside the annotation does tag, so the key itself works.
    await selectInEditor(doc, 1, 2);
    await probe({ kind: 'key', key: '2' });
    await waitFor(() => doc.getText() === '[[区]{.任务}委]{.主体}、区政府要发挥作用', 'key 2 to tag a selection inside the annotation');
  });

  it('removes the annotation around the selection with Delete', async () => {
    const text = '[区委、区政府]{.主体 note="牵头"}要发挥作用';
    await openNewFile('ce-remove.txt', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-remove.txt'));
    await selectInEditor(doc, 2, 4);
    await probe({ kind: 'key', key: 'Delete' });
    await waitFor(() => doc.getText() === '区委、区政府要发挥作用', 'the span to be removed');
  });

  it('shows an edit made in a text editor on the same file', async () => {
    const editor = await openSampleCopy('wulong-district-plenum-2021.txt', 'ce-sync.txt');
    const uri = editor.document.uri;
    await closeAll();
    const doc = await openInCustomEditor(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(2, 0), '各级党委要切实加强领导。');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(async () => (await state(2)).lineText === '各级党委要切实加强领导。', 'the webview to show the edit');
    const s = await state();
    assert.strictEqual(s.lines, doc.lineCount);
  });

  it('the display toggle (简) changes only the view: the file stays the same and not dirty', async () => {
    const editor = await openSampleCopy('zigong-plenum-communique-2021_trad.txt', 'ce-script.txt');
    const uri = editor.document.uri;
    await closeAll();
    const doc = await openInCustomEditor(uri);
    const original = doc.getText();
    assert.ok(await probe<boolean>({ kind: 'click', button: 'script:cn' }));
    await waitFor(async () => {
      const s = await state(0);
      return s.script === 'cn' && s.renderedLines === doc.lineCount && s.lineText === '中共自贡市委十二届十二次全会公报';
    }, 'the simplified display');
    assert.strictEqual(doc.getText(), original);
    assert.strictEqual(doc.isDirty, false);
    await probe({ kind: 'click', button: 'script:original' });
    await waitFor(async () => (await state(0)).lineText === '中共自貢市委十二屆十二次全會公報', 'the original display');
  });

  it('tags while reading in 简: the selection wraps the right source range of a traditional document', async () => {
    const text = '全會提出,要著力創建全市創新型區縣，加快打造科技創新中心。';
    await openNewFile('ce-display-tag.txt', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-display-tag.txt'));
    assert.ok(await probe<boolean>({ kind: 'click', button: 'script:cn' }));
    await waitFor(async () => (await state(0)).lineText === '全会提出,要著力创建全市创新型区县，加快打造科技创新中心。', 'the simplified display');
    const start = text.indexOf('要著力');
    const end = text.indexOf('，');
    await selectInEditor(doc, start, end);
    await probe({ kind: 'key', key: '1' });
    await waitFor(() => doc.getText() === '全會提出,[要著力創建全市創新型區縣]{.目标}，加快打造科技創新中心。', 'the tag around the traditional source range');
    await waitFor(async () => (await state(0)).lineText === '全会提出,要著力创建全市创新型区县，加快打造科技创新中心。', 'the display to stay simplified');
  });

  it('shows a hostile document as text and runs none of it', async () => {
    const text = '<script>window.__pwned=true</script>要做好<img src=x onerror="window.__pwned=true">\n<iframe src="https://example.com"></iframe>';
    await openNewFile('ce-hostile.txt', text);
    await closeAll();
    await openInCustomEditor(workspaceUri('ce-hostile.txt'));
    await sleep(500);
    const s = await state(0);
    assert.strictEqual(s.lineText, '<script>window.__pwned=true</script>要做好<img src=x onerror="window.__pwned=true">');
    assert.strictEqual(s.images, 0);
    assert.strictEqual(s.pwned, false);
  });

  it('jumps from the tree to a directive in the custom editor, and Next Directive moves there too', async () => {
    // A corpus document with a few annotations, as a user would have it after an hour of coding.
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('yunyang-county-innovation-conference-2023.txt')));
    const annotated = source
      .replace('县委书记覃昌德', '[县委书记覃昌德]{.主体}')
      .replace('要聚力培育高能级创新平台', '[要聚力培育高能级创新平台]{.任务}')
      .replace('提速创建市级高新区', '[提速创建市级高新区]{.措施 note="2023 年内"}')
      .replace('全县上下要坚持创新制胜', '[全县上下]{.主体}要坚持创新制胜');
    await openNewFile('ce-nav.txt', annotated);
    const uri = workspaceUri('ce-nav.txt');
    await closeAll();
    const doc = await openInCustomEditor(uri);
    const directives = (await api()).getDirectives(doc).filter((i) => i.kind === 'directive');
    // The Directives view follows the Policy Annotator editor's cursor, as it follows a text editor's.
    await vscode.commands.executeCommand('policyAnnotator.directives.focus');
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const followed = directives[3]!;
    await selectInEditor(doc, followed.start + 1, followed.start + 1);
    const selectedIds = (nodes: TreeNode[]): string[] => nodes.flatMap((n) => [...(n.selected ? [n.id] : []), ...selectedIds(n.children)]);
    await waitFor(async () => selectedIds((await treeState()).nodes).some((id) => id.endsWith(`#directive-${followed.anchor}`)), 'the tree to follow the editor\'s cursor');
    const target = directives[5]!;
    await selectInEditor(doc, target.start, target.end);
    await vscode.commands.executeCommand('policyAnnotator.nextDirective');
    const next = directives[6]!;
    await waitFor(async () => (await state()).selection?.start === next.start, 'the next directive to be selected');
    await vscode.commands.executeCommand('notifications.clearAll');
    await sleep(1800);
    await screenshot('custom-editor-light');
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await sleep(1000);
    await screenshot('custom-editor-dark');
    await vscode.workspace.getConfiguration('workbench').update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
  });
});

describe('custom editor: messages from the page are validated', () => {
  afterEach(closeAll);

  it('ignores unknown messages, malformed fields and offsets outside the document', async () => {
    const text = '全会提出,要着力创建。';
    await openNewFile('ce-validate.txt', text);
    await closeAll();
    const doc = await openInCustomEditor(workspaceUri('ce-validate.txt'));
    const version = doc.version;
    for (const message of [
      { type: 'evil', start: 0, end: 3 },
      { type: 'tag', version, start: 5, end: 999_999, tag: '目标' },
      { type: 'tag', version, start: -1, end: 3, tag: '目标' },
      { type: 'tag', version, start: 3, end: 1, tag: '目标' },
      { type: 'tag', version, start: 0, end: 3, tag: 42 },
      { type: 'tag', version, start: 0, end: 3, tag: 'a b' },
      { type: 'removeTag', version, offset: 10_000 },
      { type: 'badge', version, spanStart: 'x' },
      { type: 'command', command: 'workbench.action.closeAllEditors' },
      null,
    ]) {
      assert.strictEqual(await probe({ kind: 'echo', message }), true);
    }
    await sleep(800);
    assert.strictEqual(doc.getText(), text);
    assert.strictEqual(doc.isDirty, false);
    // The same channel applies a valid message.
    await probe({ kind: 'echo', message: { type: 'tag', version, start: 5, end: 10, tag: '目标' } });
    await waitFor(() => doc.getText() === '全会提出,[要着力创建]{.目标}。', 'the valid message to apply');
  });
});
