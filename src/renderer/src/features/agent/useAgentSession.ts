import { useCallback, useEffect, useState } from 'react';
import type { ActivityEvent } from '../../../../shared/contract/agent';
import { errorMessage, isCancelled } from '../../lib/errorMessage';
import { rpc } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';
import { liveStreamFor } from './liveStream';

/** The newest events a chat opens with; older ones come a page at a time on scroll. */
export const pageSize = 300;

/**
 * Keeps one session's agent in the store while its chat is open: its state and the newest page
 * of its activity, loaded on open and after every reconnect (events sent while the connection
 * was down are gone), then the four live events of this session only (topic = session id).
 */
export function useAgentSession(sessionId: string): {
  loadError: string | null;
  retry(): void;
  loadEarlier(): void;
} {
  const epoch = useStore((s) => s.connectionEpoch);
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState<{ key: string; message: string } | null>(null);
  const key = `${sessionId}:${epoch}:${attempt}`;

  useEffect(() => {
    const client = rpc();
    const store = useStore.getState;
    const live = liveStreamFor(sessionId);
    live.reset();
    let loaded = false;
    let stateFromEvent = false;
    const early: ActivityEvent[] = [];
    const stops = [
      client.on(
        'agent.activity',
        (event) => {
          live.activity(event);
          if (loaded) store().appendActivity(sessionId, event);
          else early.push(event);
        },
        sessionId,
      ),
      client.on('agent.delta', (delta) => live.delta(delta), sessionId),
      client.on('agent.output', (output) => live.output(output), sessionId),
      client.on(
        'agent.state',
        (state) => {
          stateFromEvent = true;
          store().setAgentState(state);
        },
        sessionId,
      ),
    ];
    const controller = new AbortController();
    const signal = controller.signal;
    Promise.all([
      client.api.agent.state({ sessionId }, { signal }),
      client.api.agent.activity({ sessionId, limit: pageSize }, { signal }),
    ])
      .then(([state, page]) => {
        // A state pushed while this one was on its way is newer.
        if (!stateFromEvent) store().setAgentState(state);
        store().setNewestActivity(sessionId, page, early);
        loaded = true;
      })
      .catch((error: unknown) => {
        if (isCancelled(error)) return;
        setFailed({ key, message: errorMessage(error) });
      });
    return () => {
      controller.abort();
      for (const stop of stops) stop();
    };
  }, [sessionId, key]);

  const loadEarlier = useCallback(() => {
    const log = useStore.getState().agentLogs[sessionId];
    const first = log?.events[0];
    if (!log || !first || !log.hasMore || log.loadingEarlier) return;
    const store = useStore.getState();
    store.setLoadingEarlier(sessionId, true);
    rpc()
      .api.agent.activity({ sessionId, beforeSeq: first.seq, limit: pageSize })
      .then((page) => useStore.getState().addEarlierActivity(sessionId, page))
      .catch((error: unknown) => {
        useStore.getState().setLoadingEarlier(sessionId, false);
        reportError(error);
      });
  }, [sessionId]);

  return {
    loadError: failed?.key === key ? failed.message : null,
    retry: () => setAttempt((n) => n + 1),
    loadEarlier,
  };
}
