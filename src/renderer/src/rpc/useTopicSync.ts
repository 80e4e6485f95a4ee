import { useEffect } from 'react';
import type { EventName, EventPayload } from '../../../shared/contract';
import { RpcError } from '../../../shared/contract/errors';
import { reportError } from '../store/sync';
import { rpc } from './connection';

/**
 * Keeps one topic of an event in the store: listens to `event` for `topic` and reads the current
 * state once, again whenever `deps` change (a reconnect, the session starting). An event that
 * arrives while the read is on its way is newer, so the read is then dropped. A shell without
 * the domain answers `not_found`: nothing to show, no error.
 */
export function useTopicSync<N extends EventName, T>(
  sync: {
    event: N;
    topic: string;
    read: (signal: AbortSignal) => Promise<T>;
    onEvent: (payload: EventPayload<N>) => void;
    onRead: (value: T) => void;
  },
  deps: readonly unknown[],
): void {
  useEffect(() => {
    let fromEvent = false;
    const stop = rpc().on(
      sync.event,
      (payload) => {
        fromEvent = true;
        sync.onEvent(payload);
      },
      sync.topic,
    );
    const controller = new AbortController();
    sync
      .read(controller.signal)
      .then((value) => {
        if (!fromEvent) sync.onRead(value);
      })
      .catch((error: unknown) => {
        if (error instanceof RpcError && error.code === 'not_found') return;
        reportError(error);
      });
    return () => {
      controller.abort();
      stop();
    };
    // The caller names what the sync depends on; the callbacks are read at that time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
