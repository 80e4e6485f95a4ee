import { useState, type KeyboardEvent } from 'react';
import { api } from '../../rpc/connection';
import { agentCall } from './agentCall';
import type { PendingCard } from './pendingCards';

type ApprovalCardModel = Extract<PendingCard, { kind: 'approval' }>;

/** A command (or edit) waiting for the user: the exact command, where, why it asks. */
export function ApprovalCard({ card, sessionId }: { card: ApprovalCardModel; sessionId: string }) {
  const [denying, setDenying] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const decide = async (decision: 'once' | 'always' | 'deny'): Promise<void> => {
    setBusy(true);
    setError(null);
    const failed = await agentCall(() =>
      api().agent.approve({
        sessionId,
        toolCallId: card.toolCallId,
        decision,
        ...(decision === 'deny' && reason.trim() ? { reason: reason.trim() } : {}),
      }),
    );
    setBusy(false);
    setError(failed);
  };

  const onReasonKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void decide('deny');
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      setDenying(false);
    }
  };

  return (
    <div
      className="pending-card"
      role="group"
      aria-label="Approval"
      data-tool-call-id={card.toolCallId}
    >
      <p className="pending-title">{card.title}</p>
      <pre className="pending-code">
        <code>{card.subject}</code>
      </pre>
      <p className="pending-meta">
        in <span className="mono">{card.cwd}</span> · {card.reason}
      </p>
      {denying ? (
        <div className="pending-actions">
          <input
            className="input small pending-reason"
            aria-label="Reason for denying"
            placeholder="Why not? (optional, told to the agent; Enter denies)"
            value={reason}
            disabled={busy}
            // The field appears because the user asked for it: the focus goes there.
            autoFocus
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={onReasonKey}
          />
          <button
            type="button"
            className="button small danger"
            disabled={busy}
            onClick={() => void decide('deny')}
          >
            Deny with reason
          </button>
          <button
            type="button"
            className="button small"
            disabled={busy}
            onClick={() => setDenying(false)}
          >
            Cancel
          </button>
        </div>
      ) : (
        <div className="pending-actions">
          <button
            type="button"
            className="button small primary"
            disabled={busy}
            onClick={() => void decide('once')}
          >
            Approve
          </button>
          <button
            type="button"
            className="button small"
            disabled={busy}
            title="Always allow exactly this command in this session"
            onClick={() => void decide('always')}
          >
            Approve always
          </button>
          <button
            type="button"
            className="button small danger-quiet"
            disabled={busy}
            onClick={() => setDenying(true)}
          >
            Deny
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
