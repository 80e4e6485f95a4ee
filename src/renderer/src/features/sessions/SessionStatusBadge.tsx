import type { Session } from '../../../../shared/contract/sessions';
import { sessionStatusText } from './sessionStatus';

/** The session's status as a word; `data-status` picks the colour, the title says why. */
export function SessionStatusBadge({ session }: { session: Session }) {
  return (
    <span className="badge" data-status={session.status} title={session.statusDetail}>
      {sessionStatusText(session.status)}
    </span>
  );
}
