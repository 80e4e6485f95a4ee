import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ChangedFile } from '../../../../shared/contract/reviews';
import type { FileListRow } from './changeTree';
import { FileRow } from './FileRow';

interface FileListProps {
  rows: FileListRow[];
  tree: boolean;
  selectedPath: string | undefined;
  /** Review comments per file path, shown on the row. */
  commentCounts: ReadonlyMap<string, number>;
  onOpen(file: ChangedFile): void;
  onToggleFolder(path: string, expanded: boolean): void;
}

/**
 * The changed files as a tree or a flat list. Arrow keys move, Enter (or Space) opens a file or
 * folds a folder, → and ← open and close folders, Home and End jump. One row is in the Tab
 * order at a time.
 */
export function FileList({
  rows,
  tree,
  selectedPath,
  commentCounts,
  onOpen,
  onToggleFolder,
}: FileListProps) {
  const [cursorKey, setCursorKey] = useState<string | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const selectedKey = selectedPath === undefined ? undefined : `f:${selectedPath}`;
  // The cursor stays on its row across refreshes; when that row is gone, the open file has it.
  const cursor = rows.find((r) => r.key === cursorKey) ?? rows.find((r) => r.key === selectedKey);
  const cursorIndex = cursor ? rows.indexOf(cursor) : 0;

  useEffect(() => {
    // A file opened by a shortcut, a step button or a comment comes into sight in the list.
    const rows = ref.current?.querySelectorAll<HTMLElement>('[aria-selected="true"]');
    rows?.[0]?.scrollIntoView({ block: 'nearest' });
  }, [selectedKey]);

  const moveTo = (index: number): void => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setCursorKey(row.key);
    const items = ref.current?.querySelectorAll<HTMLElement>('[data-key]');
    const element = [...(items ?? [])].find((e) => e.dataset.key === row.key);
    element?.focus();
  };

  const activate = (row: FileListRow): void => {
    setCursorKey(row.key);
    if (row.kind === 'file') onOpen(row.file);
    else onToggleFolder(row.path, !row.expanded);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const row = rows[cursorIndex];
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(cursorIndex + 1);
        break;
      case 'ArrowUp':
        moveTo(cursorIndex - 1);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (row) activate(row);
        break;
      case 'ArrowRight':
        if (row?.kind === 'dir' && !row.expanded) onToggleFolder(row.path, true);
        else if (row?.kind === 'dir') moveTo(cursorIndex + 1);
        break;
      case 'ArrowLeft':
        if (row?.kind === 'dir' && row.expanded) onToggleFolder(row.path, false);
        else if (row) moveTo(parentIndex(rows, cursorIndex));
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  };

  return (
    <div
      ref={ref}
      className="file-list"
      role={tree ? 'tree' : 'listbox'}
      aria-label="Changed files"
      onKeyDown={onKeyDown}
    >
      {rows.map((row, index) => (
        <FileRow
          key={row.key}
          row={row}
          tree={tree}
          selected={row.key === selectedKey}
          cursor={index === cursorIndex}
          comments={row.kind === 'file' ? (commentCounts.get(row.file.path) ?? 0) : 0}
          onClick={() => activate(row)}
        />
      ))}
    </div>
  );
}

/** The folder row a row is in (the nearest row above it one level up), or itself at the top. */
function parentIndex(rows: readonly FileListRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0;
  for (let i = index - 1; i >= 0; i -= 1) {
    if ((rows[i]?.depth ?? 0) < depth) return i;
  }
  return index;
}
