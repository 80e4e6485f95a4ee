import type { editor, IRange } from 'monaco-editor/editor/editor.api';
import { diffLines, splitLines } from './lineDiff';

/**
 * Replaces a model's text by editing only the lines that changed, so Monaco keeps everything
 * around them (the caret, the selection, decorations such as a comment being written) on the
 * text it was on.
 */
export function replaceModelText(model: editor.ITextModel, text: string): void {
  // A file whose line endings changed style gets a fresh text: a model keeps one style.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (model.getEOL() !== eol && text.includes('\n')) {
    model.setValue(text);
    return;
  }
  const before = model.getValue();
  if (before === text) return;
  const oldLines = splitLines(before);
  const newLines = splitLines(text);
  const offsets = [0];
  for (const line of oldLines) offsets.push(offsets[offsets.length - 1]! + line.length);
  const at = (line: number): IRange => {
    const { lineNumber, column } = model.getPositionAt(offsets[line]!);
    return {
      startLineNumber: lineNumber,
      startColumn: column,
      endLineNumber: lineNumber,
      endColumn: column,
    };
  };
  model.applyEdits(
    diffLines(oldLines, newLines).map((edit) => {
      const from = at(edit.oldStart);
      const to = at(edit.oldEnd);
      return {
        range: { ...from, endLineNumber: to.endLineNumber, endColumn: to.endColumn },
        text: newLines.slice(edit.newStart, edit.newEnd).join(''),
      };
    }),
  );
}
