import { useEffect } from 'react';
import type { BranchState } from '../../../../shared/contract/repositories';
import type { Session } from '../../../../shared/contract/sessions';
import { rpc } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';

/**
 * The live branch state of a session's repositories: read once when the workbench opens on a
 * running session (and after a reconnect), then pushed by `repositories.state`.
 */
export function useBranchStates(session: Session): BranchState[] | undefined {
  const states = useStore((s) => s.branchStates[session.id]);
  const epoch = useStore((s) => s.connectionEpoch);
  const running = session.status === 'running';
  const hasRepositories = session.repositories.length > 0;
  const sessionId = session.id;

  useEffect(() => {
    const client = rpc();
    const set = useStore.getState().setBranchStates;
    const stop = client.on(
      'repositories.state',
      (event) => set(event.sessionId, event.repositories),
      sessionId,
    );
    if (!running || !hasRepositories) return stop;
    const controller = new AbortController();
    client.api.repositories
      .state({ sessionId }, { signal: controller.signal })
      .then((read) => set(sessionId, read))
      .catch(reportError);
    return () => {
      controller.abort();
      stop();
    };
  }, [sessionId, running, hasRepositories, epoch]);

  return states;
}
