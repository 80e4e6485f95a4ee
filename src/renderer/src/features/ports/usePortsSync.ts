import { useEffect } from 'react';
import { RpcError } from '../../../../shared/contract/errors';
import type { SessionPorts } from '../../../../shared/contract/ports';
import type { Session } from '../../../../shared/contract/sessions';
import { rpc } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';

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

  useEffect(() => {
    const client = rpc();
    const set = useStore.getState().setPorts;
    let fromEvent = false;
    const stop = client.on(
      'ports.changed',
      (event) => {
        fromEvent = true;
        set(event);
      },
      sessionId,
    );
    const controller = new AbortController();
    client.api.ports
      .list({ sessionId }, { signal: controller.signal })
      .then((read) => {
        // Ports pushed while this read was on its way are newer.
        if (!fromEvent) set(read);
      })
      .catch((error: unknown) => {
        // A shell without the ports domain has no ports to show.
        if (error instanceof RpcError && error.code === 'not_found') return;
        reportError(error);
      });
    return () => {
      controller.abort();
      stop();
    };
  }, [sessionId, running, epoch]);

  return ports;
}
