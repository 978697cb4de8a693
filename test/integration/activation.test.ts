import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, EXTENSION_ID, facts, treeState, waitFor } from './helpers';

const CONTRIBUTED = [
  'policyAnnotator.toSimplified', 'policyAnnotator.toTraditional', 'policyAnnotator.convert', 'policyAnnotator.toggleScript',
  'policyAnnotator.removePinyin', 'policyAnnotator.collapsePunctuation', 'policyAnnotator.normalizePunctuation',
  'policyAnnotator.tagSelection', 'policyAnnotator.removeTag', 'policyAnnotator.nextDirective', 'policyAnnotator.previousDirective',
  'policyAnnotator.revealDirective', 'policyAnnotator.copyDirective', 'policyAnnotator.exportDirectives',
  'policyAnnotator.exportAnnotations', 'policyAnnotator.importBrat', 'policyAnnotator.refreshDirectives', 'policyAnnotator.openEditor',
  'policyAnnotator.renameTag', 'policyAnnotator.editNote', 'policyAnnotator.revealAnnotation', 'policyAnnotator.openSample',
  'policyAnnotator.nextHeading', 'policyAnnotator.previousHeading', 'policyAnnotator.filterDirectives',
  'policyAnnotator.retrieveSegments', 'policyAnnotator.exportRetrieved', 'policyAnnotator.compareDocuments', 'policyAnnotator.exportComparison',
  'policyAnnotator.filterCorpusDirectives', 'policyAnnotator.exportQdpx', 'policyAnnotator.exportCodebook', 'policyAnnotator.importCodebook',
  'policyAnnotator.openCodebookFile', 'policyAnnotator.reindexCorpus',
];

describe('extension shell', () => {
  it('activates and returns its API', async () => {
    const exports = await api();
    assert.strictEqual(typeof exports.getDirectives, 'function');
    assert.strictEqual(typeof exports.getAnnotations, 'function');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
  });

  it('does not load the conversion dictionaries at activation', async () => {
    await api();
    assert.strictEqual((await facts()).openccLoaded, false);
  });

  it('registers every command it contributes, and contributes every command it registers', async () => {
    await api();
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command).sort();
    assert.deepStrictEqual(contributed, [...CONTRIBUTED].sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of CONTRIBUTED) assert.ok(registered.has(id), `${id} is registered`);
  });

  it('contributes the Directives view in its own container, and the view opens', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.deepStrictEqual(ext.packageJSON.contributes.views.policyAnnotator.map((v: { id: string }) => v.id), ['policyAnnotator.directives', 'policyAnnotator.codebook', 'policyAnnotator.retrieved', 'policyAnnotator.corpusDirectives']);
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await waitFor(async () => !(await treeState()).visible, 'the view to be hidden with the side bar');
    await vscode.commands.executeCommand('policyAnnotator.directives.focus');
    await waitFor(async () => (await treeState()).visible, 'the Directives view to become visible');
  });

  it(`runs the entry of the host under test (${TEST_HOST === 'node' ? 'main, in the Node extension host' : 'browser, in the web worker'})`, async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.strictEqual(ext.packageJSON.main, './dist/extension.node.js');
    assert.strictEqual(ext.packageJSON.browser, './dist/extension.browser.js');
    assert.strictEqual((await facts()).entry, TEST_HOST === 'node' ? 'node' : 'browser');
  });

  it('runs with the desktop default: auto-save off', () => {
    assert.strictEqual(vscode.workspace.getConfiguration('files').get('autoSave'), 'off');
  });
});

describe('walkthrough', () => {
  it('contributes four steps with images, and its sample opens as a writable file that converts', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs as { steps: { id: string; media: { image: string } }[] }[];
    assert.deepStrictEqual(walkthrough!.steps.map((s) => s.id), ['open', 'tree', 'tag', 'convert']);
    for (const step of walkthrough!.steps) await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, step.media.image));
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('policyAnnotator.openSample');
    assert.ok(editor.document.getText().startsWith('中共自貢市委十二屆十二次全會公報'));
    await vscode.commands.executeCommand('policyAnnotator.toSimplified');
    assert.ok(editor.document.getText().startsWith('中共自贡市委十二届十二次全会公报'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('opening the sample again opens the user\'s copy as it is, never overwriting it', async () => {
    const first = await vscode.commands.executeCommand<vscode.TextEditor>('policyAnnotator.openSample');
    const original = first.document.getText();
    first.selection = new vscode.Selection(0, 0, 0, 2);
    await vscode.commands.executeCommand('policyAnnotator.tagSelection', { tag: '主体' });
    assert.ok(first.document.getText().startsWith('[中共]{.主体}'));
    assert.ok(await first.document.save(), 'saved');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const again = await vscode.commands.executeCommand<vscode.TextEditor>('policyAnnotator.openSample');
    assert.ok(again.document.getText().startsWith('[中共]{.主体}'), 'the annotation is still there');
    const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(again.document.uri));
    assert.ok(onDisk.startsWith('[中共]{.主体}'));
    // Leave the copy as the walkthrough would find it.
    await vscode.workspace.fs.writeFile(again.document.uri, new TextEncoder().encode(original));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
