import type { Session } from '../../../../shared/contract/sessions';
import { StatusDot } from '../../components/StatusDot';
import { useStore } from '../../store';
import { sessionStatusText, sessionStatusTones } from '../sessions/sessionStatus';

/**
 * The session's status, or "connecting" while the window is reconnecting to Berth; a session
 * whose engine is away shows "reconnecting…" with why in its title.
 */
export function SessionStatusIndicator({ session }: { session: Session }) {
  const reconnecting = useStore((s) => s.connection === 'reconnecting');
  const shown = reconnecting ? 'connecting' : session.status;
  return (
    <span
      className="session-status"
      role="status"
      aria-label="Session status"
      data-status={shown}
      title={reconnecting ? undefined : session.statusDetail}
    >
      <StatusDot tone={sessionStatusTones[shown]} />
      {reconnecting ? 'connecting' : sessionStatusText(session.status)}
    </span>
  );
}
