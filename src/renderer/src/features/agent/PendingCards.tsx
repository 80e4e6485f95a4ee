import type { PendingItem } from '../../../../shared/contract/agent';
import { ApprovalCard } from './ApprovalCard';
import { pendingCards } from './pendingCards';
import { QuestionCard } from './QuestionCard';

/** Everything the agent waits for, as cards above the composer; all must be answered. */
export function PendingCards({
  pending,
  sessionId,
}: {
  pending: PendingItem[];
  sessionId: string;
}) {
  if (pending.length === 0) return null;
  return (
    <section className="pending" aria-label="Waiting for you">
      {pendingCards(pending).map((card) =>
        card.kind === 'approval' ? (
          <ApprovalCard key={card.key} card={card} sessionId={sessionId} />
        ) : (
          <QuestionCard key={card.key} card={card} sessionId={sessionId} />
        ),
      )}
    </section>
  );
}
