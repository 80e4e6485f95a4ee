import { useState, type KeyboardEvent } from 'react';
import type { ReviewComment } from '../../../../shared/contract/reviews';
import { reportError } from '../../store/sync';
import { linesText } from './reviewText';

interface CommentItemProps {
  comment: ReviewComment;
  onOpen(): void;
  onEdit(body: string): Promise<void>;
  onDelete(): Promise<void>;
  onResolve(resolved: boolean): Promise<void>;
}

/**
 * One comment in the panel's list: where it is, whether it was sent, resolved or outdated (then
 * with the lines it was made on), and what can be done with it. An edit in progress survives
 * refreshes of the list.
 */
export function CommentItem({ comment, onOpen, onEdit, onDelete, onResolve }: CommentItemProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { anchor, position } = comment;
  const outdated = position.status === 'outdated';
  const where = outdated
    ? linesText(anchor.startLine, anchor.endLine)
    : linesText(position.startLine, position.endLine);

  const run = async (action: () => Promise<void>, after?: () => void): Promise<void> => {
    setBusy(true);
    try {
      await action();
      after?.();
    } catch (error) {
      // What was written stays; the toast says why it was not saved.
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const save = (): void => {
    if (draft === null || draft.trim() === '') return;
    void run(
      () => onEdit(draft),
      () => setDraft(null),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(null);
    }
  };

  return (
    <li
      className="review-comment"
      aria-label={`Comment on ${where}`}
      data-state={comment.state}
      data-resolved={comment.resolved || undefined}
      data-outdated={outdated || undefined}
    >
      <div className="review-comment-head">
        <button type="button" className="link-button review-comment-where" onClick={onOpen}>
          {anchor.side === 'base' ? `${where} (base)` : where}
        </button>
        {outdated && (
          <span className="badge" data-tone="warning">
            Outdated
          </span>
        )}
        <span className="badge" data-tone={comment.state === 'pending' ? 'accent' : 'muted'}>
          {comment.state === 'pending' ? 'Pending' : 'Sent'}
        </span>
        {comment.resolved && (
          <span className="badge" data-tone="ok">
            Resolved
          </span>
        )}
        <span className="spacer" />
        <div className="review-comment-actions">
          <button
            type="button"
            className="link-button"
            disabled={busy}
            onClick={() => void run(() => onResolve(!comment.resolved))}
          >
            {comment.resolved ? 'Reopen' : 'Resolve'}
          </button>
          {comment.state === 'pending' && draft === null && (
            <button
              type="button"
              className="link-button"
              disabled={busy}
              onClick={() => setDraft(comment.body)}
            >
              Edit
            </button>
          )}
          <button
            type="button"
            className="link-button danger"
            disabled={busy}
            onClick={() => void run(onDelete)}
          >
            Delete
          </button>
        </div>
      </div>
      {outdated && (
        <pre className="review-comment-lines" aria-label="The lines it was made on">
          {anchor.lines.join('\n')}
        </pre>
      )}
      {draft === null ? (
        <p className="review-comment-body">{comment.body}</p>
      ) : (
        <div className="review-comment-edit">
          <textarea
            className="input textarea"
            aria-label="Comment"
            value={draft}
            readOnly={busy}
            rows={3}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
          />
          <div className="review-comment-edit-bar">
            <span className="muted small-print">Ctrl+Enter saves, Esc cancels</span>
            <span className="spacer" />
            <button type="button" className="button small" onClick={() => setDraft(null)}>
              Cancel
            </button>
            <button
              type="button"
              className="button small primary"
              disabled={busy || draft.trim() === ''}
              onClick={save}
            >
              Save
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
