import { Suspense, useCallback, useState, type Ref } from 'react';
import type { ChangedFile, ReviewComment } from '../../../../shared/contract/reviews';
import type { CommentDraft, DiffEditorHandle, DiffLayout } from './diffEditorTypes';
import { DiffErrorBoundary } from './DiffErrorBoundary';
import { DiffNoteView } from './DiffNoteView';
import { isLatin1, isTextDiff, sideText } from './diffNote';
import { FileStepIcon, ArrowIcon } from './icons';
import { LineCounts, StatusBadge } from './FileRow';
import { addComment, deleteComment, editComment, resolveComment } from './reviewActions';
import { visiblePath } from './reviewText';
import { LazyDiffEditor } from './LazyDiffEditor';
import { useFileDiff } from './useFileDiff';

export const shortcuts = {
  nextFile: 'Alt+↓',
  previousFile: 'Alt+↑',
  nextChange: 'Alt+Shift+↓',
  previousChange: 'Alt+Shift+↑',
};

interface DiffPaneProps {
  sessionId: string;
  repository: string;
  baseBranch: string | null;
  file: ChangedFile | undefined;
  /** The open file is no longer in the list (its changes were undone). */
  gone: boolean;
  /** Changes with every new change list: the open file is read again. */
  version: unknown;
  comments: ReviewComment[];
  layout: DiffLayout;
  handleRef: Ref<DiffEditorHandle>;
  onStep(direction: 1 | -1): void;
  canStep: boolean;
}

/** The open file: its name, status and counts, then its diff, or a note when there is none. */
export function DiffPane(props: DiffPaneProps) {
  const { sessionId, repository, file, gone, comments, layout } = props;
  const { diff, error, loading, retry } = useFileDiff(sessionId, repository, file, props.version);
  const [editorAttempt, setEditorAttempt] = useState(0);
  // Stable callbacks: the diff places its comment zones again whenever one changes.
  const path = file?.path;
  const oldPath = file?.oldPath;
  const onAdd = useCallback(
    (draft: CommentDraft) =>
      addComment(sessionId, repository, { path: path ?? '', oldPath }, draft),
    [sessionId, repository, path, oldPath],
  );
  const onEdit = useCallback(
    (id: string, body: string) => editComment(sessionId, id, body),
    [sessionId],
  );
  const onDelete = useCallback((id: string) => deleteComment(sessionId, id), [sessionId]);
  const onResolve = useCallback(
    (id: string, resolved: boolean) => resolveComment(sessionId, id, resolved),
    [sessionId],
  );

  if (!file) {
    return (
      <div className="diff-pane">
        <p className="diff-placeholder muted">
          {gone ? 'This file no longer differs from the base.' : 'Select a file to see its diff.'}
        </p>
      </div>
    );
  }

  let body;
  if (diff && isTextDiff(diff)) {
    body = (
      <DiffErrorBoundary
        resetKey={`${file.path}\0${editorAttempt}`}
        onRetry={() => setEditorAttempt((n) => n + 1)}
      >
        <Suspense fallback={<p className="diff-placeholder muted">Loading the diff…</p>}>
          <LazyDiffEditor
            fileKey={`${repository}\0${file.path}`}
            path={file.path}
            baseText={sideText(diff.base)}
            workText={sideText(diff.work)}
            comments={comments}
            layout={layout}
            handleRef={props.handleRef}
            onAddComment={onAdd}
            onEditComment={onEdit}
            onDeleteComment={onDelete}
            onResolveComment={onResolve}
          />
        </Suspense>
      </DiffErrorBoundary>
    );
  } else if (diff) {
    body = <DiffNoteView diff={diff} baseBranch={props.baseBranch} />;
  } else if (loading) {
    body = <p className="diff-placeholder muted">Loading the diff…</p>;
  }

  return (
    <div className="diff-pane" aria-label="Diff">
      <div className="diff-head">
        <StatusBadge file={file} />
        <span className="diff-path" title={file.path}>
          {visiblePath(file.path)}
          {file.oldPath !== undefined && (
            <span className="file-old"> ← {visiblePath(file.oldPath)}</span>
          )}
        </span>
        <LineCounts file={file} />
        <span className="spacer" />
        <StepButtons {...props} textDiff={diff !== undefined && isTextDiff(diff)} />
      </div>
      {diff && isLatin1(diff) && (
        <p className="diff-banner" role="note">
          Not UTF-8 — shown as Latin-1
        </p>
      )}
      {error && (
        <div className="diff-banner" data-tone="error" role="alert">
          <span>{error}</span>
          <button type="button" className="button small" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      <div className="diff-body">{body}</div>
    </div>
  );
}

function StepButtons({
  handleRef,
  onStep,
  canStep,
  textDiff,
}: DiffPaneProps & { textDiff: boolean }) {
  const handle = (): DiffEditorHandle | null =>
    handleRef && typeof handleRef === 'object' ? handleRef.current : null;
  return (
    <div className="diff-steps">
      <button
        type="button"
        className="icon-button"
        aria-label="Previous change"
        title={`Previous change (${shortcuts.previousChange})`}
        disabled={!textDiff}
        onClick={() => handle()?.previousChange()}
      >
        <ArrowIcon direction="up" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next change"
        title={`Next change (${shortcuts.nextChange})`}
        disabled={!textDiff}
        onClick={() => handle()?.nextChange()}
      >
        <ArrowIcon direction="down" />
      </button>
      <span className="diff-steps-gap" />
      <button
        type="button"
        className="icon-button"
        aria-label="Previous file"
        title={`Previous file (${shortcuts.previousFile})`}
        disabled={!canStep}
        onClick={() => onStep(-1)}
      >
        <FileStepIcon direction="up" />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next file"
        title={`Next file (${shortcuts.nextFile})`}
        disabled={!canStep}
        onClick={() => onStep(1)}
      >
        <FileStepIcon direction="down" />
      </button>
    </div>
  );
}
