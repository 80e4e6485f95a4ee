import type { editor, IDisposable } from 'monaco-editor/editor/editor.api';
import type { CommentSide } from '../../../../../shared/contract/reviews';
import type { DiffLayout } from '../diffEditorTypes';
import { ADD_COMMENT_KEYS, AddCommentWidget, type ButtonSpot } from './addCommentWidget';
import { changeWithDeletedZoneAfter, placeBaseRange } from './inlineMapping';
import { languageForPath } from './languageForPath';
import {
  clampRange,
  isRangeSelection,
  selectionLines,
  spanLines,
  type LineRange,
  type SideRange,
} from './lineSelection';
import { replaceModelText } from './modelText';
import { monaco, THEME } from './monacoSetup';
import { diffEditorOptions } from './diffOptions';
import { ZoneHost } from './zoneHost';

/** What React renders from: the lines picked for a comment, and a counter of diff updates. */
export interface DiffViewState {
  selection: SideRange | null;
  diffVersion: number;
}

/** Where a side's lines show: the editor, the line a zone goes under, the lines to highlight. */
export interface RangePlace {
  editor: editor.ICodeEditor;
  afterLine: number;
  /**
   * Inline only: the range ends on deleted lines; its zone goes above Monaco's zone of deleted
   * lines and needs a gap as tall in the base editor, under this line (see placeBaseRange).
   */
  aboveDeleted: { editor: editor.ICodeEditor; afterLine: number } | null;
  highlight: LineRange | null;
}

export interface Highlight {
  side: CommentSide;
  range: LineRange;
  className: string;
}

interface Models {
  key: string;
  original: editor.ITextModel;
  modified: editor.ITextModel;
}

/**
 * The Monaco diff editor of one file and what the comments need from it: which lines the user
 * picked on which side, where a side's lines are shown in the current layout, highlights, and
 * the "Add comment" button and shortcut. Plain TypeScript; DiffEditor.tsx drives it.
 */
export class DiffView {
  readonly diff: editor.IStandaloneDiffEditor;
  readonly original: editor.ICodeEditor;
  readonly modified: editor.ICodeEditor;
  /** The view zones (comments, the composer) of both editors. */
  readonly zones: ZoneHost;

  /** The user asked to comment on these lines (the button or the shortcut). */
  private onRequestComment: (range: SideRange) => void = () => {};
  private models: Models | null = null;
  private layout: DiffLayout = 'split';
  private state: DiffViewState = { selection: null, diffVersion: 0 };
  private readonly listeners = new Set<() => void>();
  private readonly button: AddCommentWidget;
  private readonly highlights: Record<'original' | 'modified', editor.IEditorDecorationsCollection>;
  private readonly disposables: IDisposable[] = [];
  /** The lines a comment is being written on, followed through refreshes of the file. */
  private draft: { side: CommentSide; lines: editor.IEditorDecorationsCollection } | null = null;
  /** The line a shift-click on deleted lines (inline layout) extends from. */
  private baseAnchor: number | null = null;

  constructor(host: HTMLElement) {
    this.diff = monaco.editor.createDiffEditor(host, { ...diffEditorOptions, theme: THEME });
    this.original = this.diff.getOriginalEditor();
    this.modified = this.diff.getModifiedEditor();
    this.zones = new ZoneHost([this.original, this.modified]);
    this.highlights = {
      original: this.original.createDecorationsCollection(),
      modified: this.modified.createDecorationsCollection(),
    };
    this.button = new AddCommentWidget(() => {
      if (this.state.selection) this.onRequestComment(this.state.selection);
    });
    this.disposables.push(
      this.diff.onDidUpdateDiff(() => this.update({ diffVersion: this.state.diffVersion + 1 })),
      ...this.track(this.original, 'base'),
      ...this.track(this.modified, 'work'),
      this.modified.onMouseDown((e) => this.pickDeletedLine(e)),
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): DiffViewState => this.state;

  /**
   * Shows a file. A new key gets new models; the same key with new text edits the models in
   * place, so the caret, the selection and the first visible line stay on the same text.
   */
  setFile(key: string, path: string, baseText: string, workText: string): void {
    const language = languageForPath(path);
    this.original.updateOptions({ ariaLabel: `${path}, base` });
    this.modified.updateOptions({ ariaLabel: `${path}, working tree` });
    if (this.models?.key === key) {
      for (const model of [this.models.original, this.models.modified]) {
        if (model.getLanguageId() !== language) monaco.editor.setModelLanguage(model, language);
      }
      replaceModelText(this.models.original, baseText);
      replaceModelText(this.models.modified, workText);
      return;
    }
    const previous = this.models;
    const original = monaco.editor.createModel(baseText, language);
    const modified = monaco.editor.createModel(workText, language);
    this.diff.setModel({ original, modified });
    this.models = { key, original, modified };
    previous?.original.dispose();
    previous?.modified.dispose();
    this.baseAnchor = null;
    this.update({ selection: null });
    this.diff.revealFirstDiff();
  }

  setLayout(layout: DiffLayout): void {
    if (layout === this.layout) return;
    this.layout = layout;
    this.diff.updateOptions({ renderSideBySide: layout === 'split' });
    this.update({ selection: null, diffVersion: this.state.diffVersion + 1 });
  }

  /** Where lines of a side are shown now. Inline, base lines are mapped onto the modified editor. */
  place(side: CommentSide, range: LineRange): RangePlace {
    const sideEditor = side === 'base' ? this.original : this.modified;
    const lineCount = sideEditor.getModel()?.getLineCount() ?? 1;
    const lines = clampRange(range, lineCount);
    if (side === 'work' || this.layout === 'split') {
      return { editor: sideEditor, afterLine: lines.endLine, aboveDeleted: null, highlight: lines };
    }
    const placed = placeBaseRange(this.diff.getLineChanges() ?? [], lines);
    const gap = placed.aboveDeleted;
    return {
      editor: this.modified,
      afterLine: placed.afterLine,
      aboveDeleted: gap ? { editor: this.original, afterLine: gap.baseAfterLine } : null,
      highlight: placed.highlight,
    };
  }

  /** Replaces the highlighted line ranges of both editors. */
  setHighlights(highlights: readonly Highlight[]): void {
    const byEditor = { original: [], modified: [] } as Record<
      'original' | 'modified',
      editor.IModelDeltaDecoration[]
    >;
    for (const { side, range, className } of highlights) {
      const place = this.place(side, range);
      if (!place.highlight) continue;
      byEditor[place.editor === this.original ? 'original' : 'modified'].push({
        range: new monaco.Range(place.highlight.startLine, 1, place.highlight.endLine, 1),
        options: { isWholeLine: true, className, linesDecorationsClassName: `${className}-gutter` },
      });
    }
    this.highlights.original.set(byEditor.original);
    this.highlights.modified.set(byEditor.modified);
  }

  /** What to do when the user asks to comment on lines (the button or the shortcut). */
  whenCommentRequested(handler: (range: SideRange) => void): void {
    this.onRequestComment = handler;
  }

  /**
   * Follows the lines a comment is being written on: when the sandbox changes the file, Monaco
   * moves them with their text, and draftRange() says where they are now.
   */
  trackDraft(range: SideRange | null): void {
    this.draft?.lines.clear();
    this.draft = null;
    if (!range) return;
    const ed = range.side === 'base' ? this.original : this.modified;
    const end = ed.getModel()?.getLineMaxColumn(range.endLine) ?? 1;
    const lines = ed.createDecorationsCollection([
      {
        range: new monaco.Range(range.startLine, 1, range.endLine, end),
        options: {
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      },
    ]);
    this.draft = { side: range.side, lines };
  }

  draftRange(): SideRange | null {
    const range = this.draft?.lines.getRange(0);
    if (!this.draft || !range) return null;
    return {
      side: this.draft.side,
      startLine: range.startLineNumber,
      endLine: range.endLineNumber,
    };
  }

  /** Forgets the picked lines (a comment was just written on them); the text keeps its selection. */
  clearSelection(): void {
    this.update({ selection: null });
  }

  /** Shows the "Add comment" button by these lines, or hides it. */
  showButton(range: SideRange | null): void {
    this.button.show(range ? this.buttonSpot(range) : null);
  }

  /** Focuses the editor of a side (inline there is only the modified one); by default, work. */
  focus(side: CommentSide = 'work'): void {
    (this.layout === 'split' && side === 'base' ? this.original : this.modified).focus();
  }

  dispose(): void {
    this.button.dispose();
    this.zones.dispose();
    this.trackDraft(null);
    for (const d of this.disposables) d.dispose();
    this.listeners.clear();
    this.diff.setModel(null);
    this.diff.dispose();
    this.models?.original.dispose();
    this.models?.modified.dispose();
    this.models = null;
  }

  private update(patch: Partial<DiffViewState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** Follows the selection of one editor, and its shortcut for "Add comment". */
  private track(ed: editor.ICodeEditor, side: CommentSide): IDisposable[] {
    return [
      ed.onDidChangeCursorSelection((e) => {
        if (side === 'base' && this.layout === 'inline') return;
        const range = isRangeSelection(e.selection)
          ? { side, ...selectionLines(e.selection) }
          : null;
        this.update({ selection: range });
      }),
      ed.onKeyDown((e) => {
        if (!e.equals(ADD_COMMENT_KEYS)) return;
        e.preventDefault();
        e.stopPropagation();
        const selection = ed.getSelection();
        if (selection) this.onRequestComment({ side, ...selectionLines(selection) });
      }),
    ];
  }

  /**
   * Inline, the base side's deleted lines are a zone Monaco draws in the modified editor: a
   * click in that zone's gutter picks the deleted line under the pointer (shift-click: a range).
   */
  private pickDeletedLine(e: editor.IEditorMouseEvent): void {
    const target = e.target;
    const { GUTTER_VIEW_ZONE } = monaco.editor.MouseTargetType;
    if (this.layout !== 'inline' || target.type !== GUTTER_VIEW_ZONE || !e.event.leftButton) return;
    const margin = target.element?.closest('.inline-deleted-margin-view-zone');
    const change = changeWithDeletedZoneAfter(
      this.diff.getLineChanges() ?? [],
      target.detail.afterLineNumber,
    );
    if (!margin || !change) return;
    const lineHeight = this.modified.getOption(monaco.editor.EditorOption.lineHeight);
    const offset = Math.floor(
      (e.event.browserEvent.clientY - margin.getBoundingClientRect().top) / lineHeight,
    );
    const last = change.originalEndLineNumber - change.originalStartLineNumber;
    const line = change.originalStartLineNumber + Math.min(Math.max(offset, 0), last);
    const extend = e.event.shiftKey && this.state.selection?.side === 'base';
    const anchor = extend && this.baseAnchor !== null ? this.baseAnchor : line;
    this.baseAnchor = anchor;
    this.update({ selection: { side: 'base', ...spanLines(anchor, line) } });
  }

  private buttonSpot(range: SideRange): ButtonSpot {
    const place = this.place(range.side, range);
    if (!place.aboveDeleted) return { editor: place.editor, line: place.afterLine, above: false };
    // Lines of a deleted block: at the foot of the block (the top of the line after it).
    const lineCount = place.editor.getModel()?.getLineCount() ?? 1;
    return place.afterLine < lineCount
      ? { editor: place.editor, line: place.afterLine + 1, above: true }
      : { editor: place.editor, line: Math.max(1, place.afterLine), above: false };
  }
}
