import * as vscode from 'vscode';
import { getConverter } from '../../core/convert/converter';
import { planConversion, type ConversionPlan } from '../../core/convert/planConversion';
import { lineAlignedRanges } from '../../core/text/chunks';
import { defaultSource, isScriptVariant, type ScriptVariant } from '../../core/convert/targets';
import { coalesceEdits, type TextEdit } from '../../core/text/edits';
import { Commands } from '../../constants';
import type { DocumentIndex } from '../../services/documentIndex';
import type { ExtensionSettings } from '../../settings';
import { applyEditsKeepingSelections, documentLength } from '../../util/documents';
import { activeDocument } from '../../services/editorRegistry';
import { applyIfStillWanted, canEditInPlace, isShownInTab, selectedRanges, yieldToEvents } from '../../services/editGuards';

/** Documents above this size convert under a cancellable progress notification. */
const PROGRESS_THRESHOLD = 200_000;
/**
 * Above this many changed runs, runs close together on a line are applied as one edit: VS Code applies edits one
 * by one (~40 µs each in the web workbench), and a 5 MB traditional text has ~350,000 runs.
 */
const COALESCE_ABOVE = 5_000;
const COALESCE_GAP = 16;
/** Characters planned between two yields to the event loop. */
const PLAN_PIECE = 256 * 1024;
/** Planning stopped because the document was closed or edited meanwhile. */
const INTERRUPTED = 'interrupted';

export function targetLabel(to: ScriptVariant): string {
  switch (to) {
    case 'cn':
      return vscode.l10n.t('Simplified Chinese (简体)');
    case 't':
      return vscode.l10n.t('Traditional Chinese (繁體)');
    case 'tw':
      return vscode.l10n.t('Taiwan (臺灣正體)');
    case 'twp':
      return vscode.l10n.t('Taiwan with phrases (臺灣正體（慣用詞）)');
    case 'hk':
      return vscode.l10n.t('Hong Kong (香港繁體)');
  }
}

export interface ConvertResult {
  readonly applied: boolean;
  readonly changes: number;
  /** Annotation borders moved to keep length-changing phrases whole (the user is told). */
  readonly movedBorders?: number;
}

/**
 * Converts the selections (or the whole document) in place: one WorkspaceEdit of minimal edits, so the result is
 * one undo step and nothing outside the changed runs moves (from 1,000 edits on, one edit from the first change to
 * the last, as VS Code makes them anyway; the cursors are put back on their text).
 */
export async function convertDocument(
  doc: vscode.TextDocument | undefined,
  to: ScriptVariant,
  settings: ExtensionSettings,
  index: DocumentIndex,
): Promise<ConvertResult> {
  if (!canEditInPlace(doc)) return { applied: false, changes: 0 };
  const pair = { from: defaultSource(to), to };
  const ranges = selectedRanges(doc);
  const version = doc.version;
  let movedBorders = 0;
  const plan = async (token?: vscode.CancellationToken): Promise<TextEdit[] | typeof INTERRUPTED | undefined> => {
    const converter = await getConverter(pair);
    if (token?.isCancellationRequested) return undefined;
    const { parsed } = index.analysisOf(doc);
    const protectedTerms = settings.protectedTerms;
    // A large document is planned in line-aligned pieces (no dictionary phrase spans a line break, so the result
    // is the same), yielding between them: the host stays responsive, and a closed tab or typing is noticed.
    const pieces = ranges ?? lineAlignedRanges(parsed.text, PLAN_PIECE);
    const plans: ConversionPlan[] = [];
    for (const range of pieces) {
      plans.push(planConversion(parsed, converter, { protectedTerms, range }));
      if (pieces.length > 1) await yieldToEvents();
      if (token?.isCancellationRequested) return undefined;
      // Closed or edited meanwhile: stop planning; the check before applying refuses and says why.
      if (!isShownInTab(doc) || doc.version !== version) return INTERRUPTED;
    }
    const edits = plans.flatMap((p) => p.edits);
    movedBorders = plans.reduce((n, p) => n + p.movedBorders, 0);
    if (token?.isCancellationRequested) return undefined;
    return edits.length > COALESCE_ABOVE ? coalesceEdits(parsed.text, edits, COALESCE_GAP) : edits;
  };
  const edits =
    documentLength(doc) > PROGRESS_THRESHOLD
      ? await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Converting to {0}…', targetLabel(to)), cancellable: true },
          (_progress, token) => plan(token),
        )
      : await plan();
  if (!edits) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Conversion cancelled; the document is unchanged.'), 3000);
    return { applied: false, changes: 0 };
  }
  if (edits !== INTERRUPTED && edits.length === 0 && doc.version === version) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('Already {0}: nothing to convert.', targetLabel(to)), 3000);
    return { applied: true, changes: 0 };
  }
  const what = vscode.l10n.t('The conversion to {0}', targetLabel(to));
  const applied = await applyIfStillWanted(doc, version, what, () => (edits === INTERRUPTED ? Promise.resolve(false) : applyEditsKeepingSelections(doc, edits)));
  if (applied && edits !== INTERRUPTED) vscode.window.setStatusBarMessage(vscode.l10n.t('Converted to {0}: {1} changes.', targetLabel(to), edits.length), 4000);
  if (applied && movedBorders > 0) {
    // The plain text is exactly OpenCC's; an annotation border moved so that a phrase (内存→記憶體) stayed whole.
    void vscode.window.showInformationMessage(
      movedBorders === 1
        ? vscode.l10n.t('1 annotation border moved so that a converted phrase stays whole.')
        : vscode.l10n.t('{0} annotation borders moved so that converted phrases stay whole.', movedBorders),
    );
  }
  return { applied, changes: applied && edits !== INTERRUPTED ? edits.length : 0, movedBorders };
}

async function pickTarget(settings: ExtensionSettings): Promise<ScriptVariant | undefined> {
  const order: ScriptVariant[] = ['cn', 't', 'tw', 'twp', 'hk'];
  const preferred = settings.defaultTarget;
  const items = [preferred, ...order.filter((t) => t !== preferred)].map((to) => ({ label: targetLabel(to), description: to, to }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Convert to') });
  return picked?.to;
}

export function registerConversion(index: DocumentIndex, settings: ExtensionSettings): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.toSimplified, () => convertDocument(activeDocument(), 'cn', settings, index)),
    vscode.commands.registerCommand(Commands.toTraditional, () => convertDocument(activeDocument(), 't', settings, index)),
    vscode.commands.registerCommand(Commands.convert, async (arg?: unknown) => {
      const requested = arg && typeof arg === 'object' ? (arg as { to?: unknown }).to : undefined;
      if (requested !== undefined && !isScriptVariant(requested)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Unknown conversion target "{0}": use cn, t, tw, twp or hk.', String(requested)));
        return { applied: false, changes: 0 };
      }
      const to = requested ?? (await pickTarget(settings));
      return to ? convertDocument(activeDocument(), to, settings, index) : { applied: false, changes: 0 };
    }),
  );
}
