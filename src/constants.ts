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
  /** Not contributed: the codebook as labels, for integration tests. */
  codebookSnapshot: 'policyAnnotator.internal.codebookSnapshot',
  /** Not contributed: drives the active custom editor's webview (state, key press, button click). */
  editorProbe: 'policyAnnotator.internal.editorProbe',
  /** Not contributed (hidden from users): the tree as labels, for integration tests and bug reports. */
  treeSnapshot: 'policyAnnotator.internal.treeSnapshot',
  /** Not contributed: runtime facts for tests and bug reports (e.g. whether the dictionaries are loaded). */
  diagnostics: 'policyAnnotator.internal.diagnostics',
} as const;

export const Views = {
  container: 'policyAnnotator',
  directives: 'policyAnnotator.directives',
  codebook: 'policyAnnotator.codebook',
} as const;

export const Settings = {
  section: 'policyAnnotator',
  tags: 'tags',
  extraTriggers: 'directives.extraTriggers',
  extraExclusions: 'directives.extraExclusions',
  followCursor: 'directives.followCursor',
  defaultTarget: 'conversion.defaultTarget',
  protectedTerms: 'conversion.protectedTerms',
  hideMarkup: 'annotations.hideMarkup',
  highlight: 'annotations.highlight',
} as const;

/** Context keys used in `when` clauses. */
export const ContextKeys = {
  hasChinese: 'policyAnnotator.activeHasChinese',
} as const;

/** Languages whose documents the extension reads. */
export const SUPPORTED_LANGUAGES: readonly string[] = ['plaintext', 'markdown'];
