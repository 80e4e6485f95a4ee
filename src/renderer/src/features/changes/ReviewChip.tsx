import { useMemo } from 'react';
import { useStore } from '../../store';
import { pendingCounts } from './commentGroups';
import { CommentIcon } from './icons';
import { commentsSummary } from './reviewText';

/**
 * In the composer: the pending review comments that go with the next message. Clicking it opens
 * the Changes panel on its comments.
 */
export function ReviewChip({ sessionId }: { sessionId: string }) {
  const comments = useStore((s) => s.reviewComments[sessionId]);
  const counts = useMemo(() => pendingCounts(comments ?? []), [comments]);
  const show = useStore((s) => s.showChanges);
  if (counts.comments === 0) return null;
  const text = commentsSummary(counts.comments, counts.files);
  return (
    <button
      type="button"
      className="chip review-chip"
      title={`${text} go with your next message. Show them.`}
      onClick={() => show('comments')}
    >
      <CommentIcon />
      <span className="chip-name">{text}</span>
    </button>
  );
}
