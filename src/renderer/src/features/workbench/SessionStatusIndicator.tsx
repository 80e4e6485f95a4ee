import type { SessionStatus } from '../../../../shared/contract/sessions';
import { StatusDot } from '../../components/StatusDot';
import { useStore } from '../../store';

const tones: Record<string, string> = {
  creating: 'pending',
  running: 'ok',
  stopped: 'idle',
  error: 'error',
  deleted: 'idle',
  connecting: 'pending',
};

/** The session's status, or "connecting" while the window is reconnecting to Berth. */
export function SessionStatusIndicator({ status }: { status: SessionStatus }) {
  const reconnecting = useStore((s) => s.connection === 'reconnecting');
  const shown = reconnecting ? 'connecting' : status;
  return (
    <span className="session-status" role="status" aria-label="Session status" data-status={shown}>
      <StatusDot tone={tones[shown] ?? 'idle'} />
      {shown}
    </span>
  );
}
