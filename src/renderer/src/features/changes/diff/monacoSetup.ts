/**
 * Monaco, bundled (no CDN): the editor API with the few contributions the diff uses, the
 * Monarch tokenizers for the languages languageForPath names (each loads lazily on first use),
 * the editor worker that computes diffs, and the dark theme of the workbench. Only the diff
 * module imports this, so Monaco loads with the lazily loaded DiffEditor and never before.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/diffEditor/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/css/register';
import 'monaco-editor/languages/definitions/scss/register';
import 'monaco-editor/languages/definitions/less/register';
import 'monaco-editor/languages/definitions/html/register';
import 'monaco-editor/languages/definitions/markdown/register';
import 'monaco-editor/languages/definitions/python/register';
import 'monaco-editor/languages/definitions/go/register';
import 'monaco-editor/languages/definitions/rust/register';
import 'monaco-editor/languages/definitions/java/register';
import 'monaco-editor/languages/definitions/cpp/register';
import 'monaco-editor/languages/definitions/csharp/register';
import 'monaco-editor/languages/definitions/shell/register';
import 'monaco-editor/languages/definitions/yaml/register';
import 'monaco-editor/languages/definitions/sql/register';
import 'monaco-editor/languages/definitions/ruby/register';
import 'monaco-editor/languages/definitions/php/register';
import 'monaco-editor/languages/definitions/dockerfile/register';
import 'monaco-editor/languages/definitions/xml/register';
import 'monaco-editor/languages/definitions/ini/register';
import { jsonConfiguration, jsonLanguage } from './jsonLanguage';

// Every worker Monaco asks for is the editor worker: no language service runs here. Monaco 0.56+
// resolves no worker URL of its own under Vite 8, so the factory is set by hand; Vite emits the
// worker as a file of the renderer build (CSP: worker-src 'self').
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

monaco.languages.register({ id: 'json', extensions: ['.json'], aliases: ['JSON'] });
monaco.languages.setMonarchTokensProvider('json', jsonLanguage);
monaco.languages.setLanguageConfiguration('json', jsonConfiguration);

export const THEME = 'berth-dark';

// The colours of styles/base.css: --bg, --bg-raised, --border, --text, --text-faint, --accent,
// --ok and --error (with the alphas the rest of the workbench uses for soft fills).
monaco.editor.defineTheme(THEME, {
  base: 'vs-dark',
  inherit: true,
  rules: [],
  colors: {
    'editor.background': '#101318',
    'editor.foreground': '#d5d9e0',
    'editorGutter.background': '#101318',
    'editorLineNumber.foreground': '#5f6673',
    'editorLineNumber.activeForeground': '#8a919e',
    'editor.lineHighlightBackground': '#171b2280',
    'editor.lineHighlightBorder': '#00000000',
    'editor.selectionBackground': '#5b8cff40',
    'editor.inactiveSelectionBackground': '#5b8cff26',
    'editorCursor.foreground': '#7aa2ff',
    'editorWidget.background': '#171b22',
    'editorWidget.border': '#2f3644',
    'editorOverviewRuler.border': '#232833',
    'diffEditor.insertedLineBackground': '#3fb96a1f',
    'diffEditor.insertedTextBackground': '#3fb96a40',
    'diffEditor.removedLineBackground': '#f0625a1f',
    'diffEditor.removedTextBackground': '#f0625a40',
    'diffEditor.diagonalFill': '#23283380',
    'diffEditor.border': '#232833',
    'diffEditorGutter.insertedLineBackground': '#3fb96a26',
    'diffEditorGutter.removedLineBackground': '#f0625a26',
    'diffEditorOverview.insertedForeground': '#3fb96a99',
    'diffEditorOverview.removedForeground': '#f0625a99',
    'scrollbarSlider.background': '#2a303b99',
    'scrollbarSlider.hoverBackground': '#3a4252cc',
    'scrollbarSlider.activeBackground': '#4a5466cc',
  },
});

export { monaco };
