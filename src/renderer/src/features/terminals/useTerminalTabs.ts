import { useEffect, useState } from 'react';
import type { Terminal } from '../../../../shared/contract/terminals';
import { rpc } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';

const none: Terminal[] = [];

/**
 * The session's terminal tabs, kept in step with the host: loaded on open and after every
 * reconnect, then updated by `terminals.changed` and `terminals.closed` (other windows open and
 * close tabs too).
 */
export function useTerminalTabs(sessionId: string): { tabs: Terminal[]; loaded: boolean } {
  const tabs = useStore((s) => s.terminals[sessionId] ?? none);
  const epoch = useStore((s) => s.connectionEpoch);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  useEffect(() => {
    const client = rpc();
    const { upsertTerminal, removeTerminal } = useStore.getState();
    const offChanged = client.on('terminals.changed', upsertTerminal, sessionId);
    const offClosed = client.on(
      'terminals.closed',
      ({ id }) => removeTerminal(sessionId, id),
      sessionId,
    );
    return () => {
      offChanged();
      offClosed();
    };
  }, [sessionId]);

  useEffect(() => {
    const controller = new AbortController();
    rpc()
      .api.terminals.list({ sessionId }, { signal: controller.signal })
      .then((list) => {
        useStore.getState().setTerminals(sessionId, list);
        setLoadedFor(sessionId);
      })
      .catch(reportError);
    return () => controller.abort();
  }, [sessionId, epoch]);

  return { tabs, loaded: loadedFor === sessionId };
}
