import { useEffect } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { errorMessage, isCancelled } from '../../lib/errorMessage';
import { rpc } from '../../rpc/connection';
import { useTopicSync } from '../../rpc/useTopicSync';
import { useStore } from '../../store';

// After a file changes, wait this long for the next change before reading the list again: an
// agent's edit and its test run touch files in bursts. Longer while the panel is closed, when
// only the count on the header's button shows it.
const refreshDelayMs = { open: 200, closed: 1000 };

/**
 * Keeps a session's review in the store while its workbench is open: its comments (the
 * composer's chip and the Changes panel read them) and the primary repository's changes (the
 * header's count and the panel), read again whenever its branch state says a file changed.
 */
export function useReviewSync(session: Session): void {
  useReviewComments(session);
  useChangeListSync(session);
}

/** The repository the Changes panel shows: the primary one, once it is checked out. */
export function changesRepository(session: Session): string | null {
  const primary = session.repositories.find((r) => r.name === session.primaryRepository);
  return primary?.name ?? null;
}

function useReviewComments(session: Session): void {
  const sessionId = session.id;
  const epoch = useStore((s) => s.connectionEpoch);
  // Comments are re-anchored against the sandbox once it runs: read them again then.
  const running = session.status === 'running';

  useTopicSync(
    {
      event: 'reviews.comments',
      topic: sessionId,
      read: (signal) => rpc().api.reviews.comments({ sessionId }, { signal }),
      onEvent: (event) => useStore.getState().setReviewComments(event.sessionId, event.comments),
      onRead: (comments) => useStore.getState().setReviewComments(sessionId, comments),
    },
    [sessionId, epoch, running],
  );
}

function useChangeListSync(session: Session): void {
  const sessionId = session.id;
  const repository = changesRepository(session);
  const ready =
    session.status === 'running' &&
    session.repositories.some((r) => r.name === repository && r.seed === 'ready');
  // What changes when a file does: the panel reads the list again only then.
  const trigger = useStore((s) => {
    const state = s.branchStates[sessionId]?.find((b) => b.repository === repository);
    return state ? `${state.head}\0${state.changedFiles}\0${state.changesKey}` : '';
  });
  const open = useStore((s) => s.changesOpen);
  const request = useStore((s) => s.changesRequests[sessionId] ?? 0);
  const epoch = useStore((s) => s.connectionEpoch);

  useEffect(() => {
    if (!ready || repository === null) return;
    const store = useStore.getState;
    const known = store().changeLists[sessionId]?.[repository]?.list !== undefined;
    const controller = new AbortController();
    const timer = setTimeout(
      () => {
        store().setChanges(sessionId, repository, { loading: true });
        rpc()
          .api.reviews.changes({ sessionId, repository }, { signal: controller.signal })
          .then((list) => {
            store().setChanges(sessionId, repository, { list, loading: false, error: undefined });
            relocateComments(sessionId, repository, controller.signal);
          })
          .catch((error: unknown) => {
            // A read cancelled by a newer change: that one sets loading again when it starts.
            const cancelled = isCancelled(error);
            store().setChanges(
              sessionId,
              repository,
              cancelled ? { loading: false } : { loading: false, error: errorMessage(error) },
            );
          });
      },
      known ? refreshDelayMs[open ? 'open' : 'closed'] : 0,
    );
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [sessionId, repository, ready, trigger, open, request, epoch]);
}

/**
 * Files changed: asks the host to find the repository's comments again in them. Those that
 * moved come back with the `reviews.comments` event (with all of the session's comments). A
 * failure is not worth a toast: the comments stay where they were last seen, and the next
 * change tries again (a sandbox being stopped fails this way).
 */
function relocateComments(sessionId: string, repository: string, signal: AbortSignal): void {
  const comments = useStore.getState().reviewComments[sessionId] ?? [];
  if (!comments.some((c) => c.repository === repository)) return;
  rpc()
    .api.reviews.comments({ sessionId, repository }, { signal })
    .catch(() => {});
}
