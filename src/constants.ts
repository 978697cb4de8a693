/** Every id other tools, package.json and tests rely on (SPEC §9), in one place. */
export const EXTENSION_ID = 'policy-annotator.policy-annotator';
export const OUTPUT_CHANNEL = 'policy-annotator';
export const EDITOR_VIEW_TYPE = 'policyAnnotator.editor';

export const Commands = {
  toSimplified: 'policyAnnotator.toSimplified',
  toTraditional: 'policyAnnotator.toTraditional',
  convert: 'policyAnnotator.convert',
  toggleScript: 'policyAnnotator.toggleScript',
  removePinyin: 'policyAnnotator.removePinyin',
  collapsePunctuation: 'policyAnnotator.collapsePunctuation',
  normalizePunctuation: 'policyAnnotator.normalizePunctuation',
  tagSelection: 'policyAnnotator.tagSelection',
  removeTag: 'policyAnnotator.removeTag',
  nextDirective: 'policyAnnotator.nextDirective',
  previousDirective: 'policyAnnotator.previousDirective',
  revealDirective: 'policyAnnotator.revealDirective',
  copyDirective: 'policyAnnotator.copyDirective',
  exportDirectives: 'policyAnnotator.exportDirectives',
  exportAnnotations: 'policyAnnotator.exportAnnotations',
  importBrat: 'policyAnnotator.importBrat',
  refreshDirectives: 'policyAnnotator.refreshDirectives',
  openEditor: 'policyAnnotator.openEditor',
  openSample: 'policyAnnotator.openSample',
  renameTag: 'policyAnnotator.renameTag',
  editNote: 'policyAnnotator.editNote',
  revealAnnotation: 'policyAnnotator.revealAnnotation',
  nextHeading: 'policyAnnotator.nextHeading',
  previousHeading: 'policyAnnotator.previousHeading',
  filterDirectives: 'policyAnnotator.filterDirectives',
  retrieveSegments: 'policyAnnotator.retrieveSegments',
  exportRetrieved: 'policyAnnotator.exportRetrieved',
  compareDocuments: 'policyAnnotator.compareDocuments',
  exportComparison: 'policyAnnotator.exportComparison',
  filterCorpusDirectives: 'policyAnnotator.filterCorpusDirectives',
  exportQdpx: 'policyAnnotator.exportQdpx',
  exportCodebook: 'policyAnnotator.exportCodebook',
  importCodebook: 'policyAnnotator.importCodebook',
  openCodebookFile: 'policyAnnotator.openCodebookFile',
  reindexCorpus: 'policyAnnotator.reindexCorpus',
} as const;

/**
 * Commands that exist in test builds only (registered under `TEST_HOOKS`, removed from the product): they let the
 * integration suites see what the user sees.
 */
export const TestCommands = {
  /** The codebook as labels. */
  codebookSnapshot: 'policyAnnotator.test.codebookSnapshot',
  /** Drives the active custom editor's webview (state, key press, button click). */
  editorProbe: 'policyAnnotator.test.editorProbe',
  /** The directive tree as labels, and how often the view was told to refresh. */
  treeSnapshot: 'policyAnnotator.test.treeSnapshot',
  /** Runtime facts: whether the dictionaries are loaded, which entry runs, the script status text. */
  facts: 'policyAnnotator.test.facts',
  /** The directive highlights last drawn in the active text editor. */
  drawnHighlights: 'policyAnnotator.test.drawnHighlights',
  /** The corpus views (retrieved segments, corpus directives, last comparison) as rendered tree items. */
  corpusSnapshot: 'policyAnnotator.test.corpusSnapshot',
} as const;

export const Views = {
  container: 'policyAnnotator',
  directives: 'policyAnnotator.directives',
  codebook: 'policyAnnotator.codebook',
  retrieved: 'policyAnnotator.retrieved',
  corpusDirectives: 'policyAnnotator.corpusDirectives',
} as const;

export const Settings = {
  section: 'policyAnnotator',
  tags: 'tags',
  extraTriggers: 'directives.extraTriggers',
  extraExclusions: 'directives.extraExclusions',
  modalFamilies: 'directives.modalFamilies',
  followCursor: 'directives.followCursor',
  defaultTarget: 'conversion.defaultTarget',
  protectedTerms: 'conversion.protectedTerms',
  hideMarkup: 'annotations.hideMarkup',
  highlight: 'annotations.highlight',
  neutralizeCsvFormulas: 'export.neutralizeCsvFormulas',
  corpusInclude: 'corpus.include',
  corpusExclude: 'corpus.exclude',
} as const;

/** The project codebook, relative to the first workspace folder. */
export const CODEBOOK_FILE = '.policy-annotator/codebook.json';

/** Context keys used in `when` clauses. */
export const ContextKeys = {
  hasChinese: 'policyAnnotator.activeHasChinese',
} as const;

/** Languages whose documents the extension reads. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['plaintext', 'markdown'];
