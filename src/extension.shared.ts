import * as vscode from 'vscode';
import type { Item, PolicyAnnotatorApi, Span } from './api';
import { isOpenccLoaded } from './core/convert/converter';
import { OUTPUT_CHANNEL, TestCommands } from './constants';
import { registerAnnotationDecorations } from './features/annotation/decorations';
import { registerMarkupDiagnostics } from './features/annotation/diagnostics';
import { registerAnnotationCommands } from './features/annotation/index';
import { registerCodebook } from './features/codebook/index';
import { registerCleanup } from './features/cleanup/index';
import { registerCorpusResearch } from './features/corpus/index';
import { registerConversion } from './features/conversion/index';
import { registerDirectiveHighlight } from './features/directiveHighlight/index';
import { registerDirectiveTree } from './features/directiveTree/index';
import { registerCustomEditor } from './features/editor/index';
import { registerExportImport } from './features/export/index';
import { registerScriptStatus } from './features/statusBar/index';
import { registerWalkthrough } from './features/walkthrough/index';
import { CorpusIndex } from './services/corpusIndex';
import { DocumentIndex } from './services/documentIndex';
import { ExportTargets, type RealPath } from './services/exportTargets';
import { ExtensionSettings } from './settings';

/** What differs per platform and features need: how files are identified (real paths on desktop). */
export interface PlatformServices {
  readonly realPath: RealPath;
  /** The heap after a full collection (the Node host only; benchmarks read it through a test command). */
  readonly heapAfterCollection?: () => number;
}

/** Wires every feature; the platform entries (node, browser) call this and nothing else differs between them. */
export function activateShared(context: vscode.ExtensionContext, entry: 'node' | 'browser', platform: PlatformServices): PolicyAnnotatorApi {
  const activationStart = performance.now();
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL, { log: true });
  const settings = new ExtensionSettings((message) => output.warn(message));
  const index = new DocumentIndex(settings);
  const scriptStatus = registerScriptStatus(index, settings);
  const highlight = registerDirectiveHighlight(index);
  const exportTargets = new ExportTargets(context.globalState, platform.realPath);
  const corpus = new CorpusIndex(index, settings, output);

  context.subscriptions.push(
    output,
    settings,
    index,
    corpus,
    scriptStatus,
    highlight,
    registerDirectiveTree(index, settings, exportTargets),
    registerConversion(index, settings),
    registerCleanup(index),
    registerAnnotationCommands(index, settings),
    registerAnnotationDecorations(index, settings),
    registerMarkupDiagnostics(index),
    registerCodebook(corpus, index, settings, exportTargets),
    registerCorpusResearch(context, corpus, settings, exportTargets),
    registerExportImport(index, settings, exportTargets),
    registerCustomEditor(context, index, settings, output),
    registerWalkthrough(context),
  );
  const activationMs = performance.now() - activationStart;
  if (TEST_HOOKS) {
    context.subscriptions.push(
      vscode.commands.registerCommand(TestCommands.facts, () => ({
        openccLoaded: isOpenccLoaded(), activationMs, entry, scriptStatus: scriptStatus.text,
        ...(platform.heapAfterCollection ? { heapBytes: platform.heapAfterCollection() } : {}),
      })),
      vscode.commands.registerCommand(TestCommands.drawnHighlights, () => {
        const editor = vscode.window.activeTextEditor;
        return editor ? highlight.drawnIn(editor) : undefined;
      }),
    );
  }

  return {
    getDirectives(doc: vscode.TextDocument): Item[] {
      return index.analysisOf(doc).items.map(({ kind, anchor, start, end, label, section, heading, level, force }) => ({
        kind, anchor, start, end, label,
        ...(section !== undefined ? { section } : {}),
        ...(heading !== undefined ? { heading } : {}),
        ...(level !== undefined ? { level } : {}),
        ...(force !== undefined ? { force } : {}),
      }));
    },
    getAnnotations(doc: vscode.TextDocument): Span[] {
      const { parsed } = index.analysisOf(doc);
      return parsed.spans.map((s) => ({
        tags: [...s.tags],
        ...(s.note !== undefined ? { note: s.note } : {}),
        start: s.contentStart,
        end: s.contentEnd,
        text: parsed.plain.slice(s.plainStart, s.plainEnd),
      }));
    },
  };
}
