// `npm start` only (never shipped): on the first start of a workspace, open a sample document, the Directives
// view and the Policy Annotator walkthrough, as the README promises. Later starts leave the user's layout alone.
const vscode = require('vscode');

const SAMPLE = 'wulong-district-plenum-2021.txt';

exports.activate = async (context) => {
  if (context.workspaceState.get('shownFirstStart')) return;
  await context.workspaceState.update('shownFirstStart', true);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, SAMPLE));
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('policyAnnotator.directives.focus');
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'policy-annotator.policy-annotator#policyAnnotator.start', false);
  } catch (error) {
    console.error('policy-annotator start helper:', error);
  }
};
