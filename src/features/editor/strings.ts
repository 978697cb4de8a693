import * as vscode from 'vscode';
import type { WebviewStrings } from '../../protocol';

/** Every string the webview shows, localized here in the host (the webview has no l10n API). */
export function webviewStrings(): WebviewStrings {
  return {
    toolbar: vscode.l10n.t('Annotation tools'),
    tags: vscode.l10n.t('Tags'),
    tagHint: vscode.l10n.t('Tag the selection as {0} (key {1})'),
    removeTag: vscode.l10n.t('Remove tag'),
    removeTagHint: vscode.l10n.t('Remove the annotation around the selection (Delete)'),
    script: vscode.l10n.t('Display'),
    original: vscode.l10n.t('原文'),
    originalHint: vscode.l10n.t('Show the text as written'),
    simplified: vscode.l10n.t('简'),
    simplifiedHint: vscode.l10n.t('Show in simplified characters (the file does not change)'),
    traditional: vscode.l10n.t('繁'),
    traditionalHint: vscode.l10n.t('Show in traditional characters (the file does not change)'),
    convert: vscode.l10n.t('Convert file…'),
    convertHint: vscode.l10n.t('Convert the characters of the file in place'),
    clean: vscode.l10n.t('Clean up'),
    removePinyin: vscode.l10n.t('Remove pinyin'),
    collapsePunctuation: vscode.l10n.t('Collapse ,,'),
    normalizePunctuation: vscode.l10n.t('Full-width ，'),
    openText: vscode.l10n.t('Open as text'),
    openTextHint: vscode.l10n.t('Open the file in a text editor beside this one'),
    badge: vscode.l10n.t('Annotation: {0}. Press Enter for actions.'),
    heading: vscode.l10n.t('Heading'),
    section: vscode.l10n.t('Section'),
    directive: vscode.l10n.t('Directive'),
    negative: vscode.l10n.t('Negative directive'),
    selectFirst: vscode.l10n.t('Select the text to tag first.'),
    readOnlyDisplay: vscode.l10n.t('Here the display changes the length of a phrase: switch to 原文 to annotate this passage.'),
    document: vscode.l10n.t('Document'),
    loading: vscode.l10n.t('Loading…'),
  };
}
