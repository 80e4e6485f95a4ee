import type { editor } from 'monaco-editor/editor/editor.api';

// The workbench's monospace stack (styles/base.css --font-mono).
const MONO =
  "ui-monospace, 'SF Mono', Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";

/** The review diff: read-only on both sides, sized by its container, quiet chrome. */
export const diffEditorOptions: editor.IStandaloneDiffEditorConstructionOptions = {
  readOnly: true,
  originalEditable: false,
  domReadOnly: true,
  automaticLayout: true,
  renderSideBySide: true,
  // The Changes panel's layout switch decides split or inline, whatever the width.
  useInlineViewWhenSpaceIsLimited: false,
  renderOverviewRuler: true,
  // The diff runs in the editor worker; past 3 s Monaco stops refining and shows what it has,
  // so a huge rewrite never leaves the panel waiting.
  maxComputationTime: 3_000,
  // In MB. A 100,000-line source file is about 3 MB; the backend caps a side well below this.
  maxFileSize: 64,
  // A review shows every change, whitespace included, as git counts it.
  ignoreTrimWhitespace: false,
  renderMarginRevertIcon: false,
  renderGutterMenu: false,
  diffCodeLens: false,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontFamily: MONO,
  fontSize: 12.5,
  lineHeight: 19,
  lineNumbersMinChars: 3,
  glyphMargin: false,
  folding: false,
  stickyScroll: { enabled: false },
  occurrencesHighlight: 'off',
  renderLineHighlight: 'line',
  // A read-only view: no "cannot edit" hover when someone types.
  readOnlyMessage: { value: '' },
  scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
};
