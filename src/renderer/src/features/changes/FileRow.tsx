import type { ChangedFile } from '../../../../shared/contract/reviews';
import type { FileListRow } from './changeTree';
import { ChevronIcon, CommentIcon } from './icons';
import { lineCountsText, statusLetters, statusWords, visiblePath } from './reviewText';

const indentPx = 14;

interface FileRowProps {
  row: FileListRow;
  tree: boolean;
  selected: boolean;
  /** The row the keyboard is on: the one Tab reaches (roving tabindex). */
  cursor: boolean;
  comments: number;
  onClick(): void;
}

/** One row of the file list: a folder (tree view) or a changed file with its status and counts. */
export function FileRow({ row, tree, selected, cursor, comments, onClick }: FileRowProps) {
  const common = {
    role: tree ? 'treeitem' : 'option',
    tabIndex: cursor ? 0 : -1,
    'aria-level': tree ? row.depth + 1 : undefined,
    'data-key': row.key,
    style: { paddingLeft: 8 + row.depth * indentPx },
    onClick,
  };
  if (row.kind === 'dir') {
    return (
      <div {...common} className="file-row folder-row" aria-expanded={row.expanded}>
        <ChevronIcon open={row.expanded} />
        <span className="file-name" title={row.path}>
          {visiblePath(row.name)}
        </span>
      </div>
    );
  }
  const { file } = row;
  return (
    <div
      {...common}
      className="file-row"
      aria-selected={selected}
      data-path={file.path}
      data-old-path={file.oldPath}
      data-status={file.status}
      title={fileTitle(file)}
    >
      <StatusBadge file={file} />
      <span className="file-label">
        <span className="file-name">{visiblePath(row.name)}</span>
        {!tree && row.dir && <span className="file-dir">{visiblePath(row.dir)}</span>}
        {file.oldPath !== undefined && (
          <span className="file-old" aria-label={`renamed from ${file.oldPath}`}>
            ← {visiblePath(oldName(file.oldPath, file.path))}
          </span>
        )}
      </span>
      {comments > 0 && (
        <span className="file-comments" title={`${comments} review comments`}>
          <CommentIcon />
          {comments}
        </span>
      )}
      <LineCounts file={file} />
    </div>
  );
}

export function StatusBadge({ file }: { file: ChangedFile }) {
  const untracked = file.untracked ? ', not tracked by git yet' : '';
  return (
    <span
      className="status-badge"
      data-status={file.status}
      title={`${statusWords[file.status]}${untracked}`}
      aria-label={statusWords[file.status]}
    >
      {statusLetters[file.status]}
    </span>
  );
}

export function LineCounts({ file }: { file: Pick<ChangedFile, 'additions' | 'deletions'> }) {
  if (file.additions === null || file.deletions === null) {
    return <span className="line-counts binary">{lineCountsText(file)}</span>;
  }
  return (
    <span className="line-counts" aria-label={`${file.additions} added, ${file.deletions} removed`}>
      <span className="additions">+{file.additions}</span>
      <span className="deletions">
        {'\u2212'}
        {file.deletions}
      </span>
    </span>
  );
}

function fileTitle(file: ChangedFile): string {
  const from = file.oldPath !== undefined ? `\nrenamed from ${file.oldPath}` : '';
  return `${file.path}${from}\n${statusWords[file.status]} · ${lineCountsText(file)}`;
}

/** The old name as short as it can be: just the name when only the name changed. */
function oldName(oldPath: string, path: string): string {
  const dir = (p: string) => p.slice(0, p.lastIndexOf('/') + 1);
  return dir(oldPath) === dir(path) ? oldPath.slice(dir(oldPath).length) : oldPath;
}
