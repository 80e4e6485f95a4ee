import type { SessionPorts } from '../../../../shared/contract/ports';
import type { Session } from '../../../../shared/contract/sessions';
import { rpc } from '../../rpc/connection';
import { useTopicSync } from '../../rpc/useTopicSync';
import { useStore } from '../../store';

/**
 * A session's ports while its workbench is open: read when it opens, when the session starts or
 * stops, and after a reconnect (events sent while the connection was down are gone), then
 * pushed by `ports.changed`.
 */
export function usePortsSync(session: Session): SessionPorts | undefined {
  const sessionId = session.id;
  const ports = useStore((s) => s.ports[sessionId]);
  const epoch = useStore((s) => s.connectionEpoch);
  // Not running, the list is quick and says `stopped` with the forwards that come back on start.
  const running = session.status === 'running';
  useTopicSync(
    {
      event: 'ports.changed',
      topic: sessionId,
      read: (signal) => rpc().api.ports.list({ sessionId }, { signal }),
      onEvent: (event) => useStore.getState().setPorts(event),
      onRead: (read) => useStore.getState().setPorts(read),
    },
    [sessionId, running, epoch],
  );
  return ports;
}
