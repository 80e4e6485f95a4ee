import type { SessionStatus } from '../../../../shared/contract/sessions';

/** The session's status as a word; `data-status` picks the colour. */
export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  return (
    <span className="badge" data-status={status}>
      {status}
    </span>
  );
}
