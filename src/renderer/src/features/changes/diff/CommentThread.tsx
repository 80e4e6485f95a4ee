import { useState } from 'react';
import type { ReviewComment } from '../../../../../shared/contract/reviews';
import { linesLabel } from './lineSelection';
import { CommentTextArea } from './CommentTextArea';
import { useAsyncAction } from './useAsyncAction';

export interface CommentActions {
  onEdit(id: string, body: string): Promise<void>;
  onDelete(id: string): Promise<void>;
  onResolve(id: string, resolved: boolean): Promise<void>;
}

/**
 * One review comment shown under its lines: its text, whether it is still pending or was sent
 * to the agent, and Edit (pending only), Resolve and Delete. A resolved comment folds to one
 * line. A failed action shows its error here and keeps an edit's text.
 */
export function CommentThread({
  comment,
  actions,
}: {
  comment: ReviewComment;
  actions: CommentActions;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const action = useAsyncAction();
  const label = `Comment on ${linesLabel(comment.position)}`;
  const canEdit = comment.state === 'pending';

  const startEdit = (): void => {
    setDraft(comment.body);
    action.clearError();
    setEditing(true);
  };
  const saveEdit = async (): Promise<void> => {
    if (await action.run(() => actions.onEdit(comment.id, draft.trim()))) setEditing(false);
  };
  const remove = (): void => void action.run(() => actions.onDelete(comment.id));
  const resolve = (resolved: boolean): void =>
    void action.run(() => actions.onResolve(comment.id, resolved));

  const deleteButton = (
    <button
      type="button"
      className="button small danger-quiet"
      aria-label="Delete comment"
      disabled={action.busy}
      onClick={remove}
    >
      Delete
    </button>
  );

  if (comment.resolved) {
    return (
      <article className="diff-comment resolved" aria-label={label} data-comment-id={comment.id}>
        <div className="diff-comment-folded">
          <span className="codicon codicon-check" aria-hidden="true" />
          <span className="diff-comment-lines">Resolved</span>
          <span className="diff-comment-snippet">{comment.body.split('\n')[0]}</span>
          <StateBadge comment={comment} />
          <button
            type="button"
            className="button small"
            disabled={action.busy}
            onClick={() => resolve(false)}
          >
            Reopen
          </button>
          {deleteButton}
        </div>
        {action.error && (
          <p className="field-error" role="alert">
            {action.error}
          </p>
        )}
      </article>
    );
  }

  return (
    <article className="diff-comment" aria-label={label} data-comment-id={comment.id}>
      <div className="diff-comment-head">
        <span className="diff-comment-lines">
          {linesLabel(comment.position).replace(/^l/, 'L')}
          {comment.anchor.side === 'base' && <span className="diff-comment-side"> · base</span>}
        </span>
        <StateBadge comment={comment} />
        {comment.position.status === 'changed' && (
          <span className="diff-comment-note" title="The lines were edited after this comment">
            lines changed
          </span>
        )}
        <span className="spacer" />
        {canEdit && !editing && (
          <button
            type="button"
            className="button small"
            aria-label="Edit comment"
            disabled={action.busy}
            onClick={startEdit}
          >
            Edit
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={action.busy}
          onClick={() => resolve(true)}
        >
          Resolve
        </button>
        {deleteButton}
      </div>
      {editing && canEdit ? (
        <CommentTextArea
          label="Comment"
          value={draft}
          busy={action.busy}
          error={action.error}
          onChange={setDraft}
          onSave={() => void saveEdit()}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <p className="diff-comment-body">{comment.body}</p>
          {action.error && (
            <p className="field-error" role="alert">
              {action.error}
            </p>
          )}
        </>
      )}
    </article>
  );
}

function StateBadge({ comment }: { comment: ReviewComment }) {
  return (
    <span className="diff-comment-state" data-state={comment.state}>
      {comment.state}
    </span>
  );
}
