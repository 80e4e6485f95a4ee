import type { ReviewComment } from '../../../../shared/contract/reviews';
import { CommentItem } from './CommentItem';
import { groupComments } from './commentGroups';
import { deleteComment, editComment, resolveComment } from './reviewActions';
import { visiblePath } from './reviewText';

interface CommentListProps {
  sessionId: string;
  comments: ReviewComment[];
  /** The repository the panel shows: its files come first, others are marked with their name. */
  repository: string | null;
  /** Opens the file a comment is on (in another repository: makes that one primary first). */
  onOpenFile?(repository: string, path: string): void;
}

/** The session's review comments, grouped by file. */
export function CommentList({ sessionId, comments, repository, onOpenFile }: CommentListProps) {
  if (comments.length === 0) {
    return (
      <p className="changes-empty-line muted">
        No comments yet. Select lines in a diff to comment on them; pending comments go with your
        next message to the agent.
      </p>
    );
  }
  const groups = groupComments(comments, repository);
  return (
    <div className="comment-groups" aria-label="Review comments">
      {groups.map((group) => {
        const open = onOpenFile ? () => onOpenFile(group.repository, group.path) : undefined;
        return (
          <section key={group.key} className="comment-group" aria-label={group.path}>
            <h3 className="comment-group-title">
              <button
                type="button"
                className="link-button comment-group-path"
                title={group.path}
                disabled={!open}
                onClick={open}
              >
                {group.repository !== repository && (
                  <span className="comment-group-repository">{group.repository}</span>
                )}
                {visiblePath(group.path)}
              </button>
            </h3>
            <ul className="comment-items">
              {group.comments.map((comment) => (
                <CommentItem
                  key={comment.id}
                  comment={comment}
                  onOpen={() => open?.()}
                  onEdit={(body) => editComment(sessionId, comment.id, body)}
                  onDelete={() => deleteComment(sessionId, comment.id)}
                  onResolve={(resolved) => resolveComment(sessionId, comment.id, resolved)}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
