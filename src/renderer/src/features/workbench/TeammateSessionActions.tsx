import { useState } from 'react';
import type { Session, SessionOwner } from '../../../../shared/contract/sessions';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { refreshShared, reportError } from '../../store/sync';
import { TeammateConfirmDialog } from './TeammateConfirmDialog';

/**
 * A teammate's session in the header: Detach forgets it here and leaves the sandbox alone; Stop
 * and Delete reach the owner's sandbox, so they ask for the owner's name first.
 */
export function TeammateSessionActions({
  session,
  owner,
}: {
  session: Session;
  owner: SessionOwner;
}) {
  const [confirm, setConfirm] = useState<'stop' | 'delete' | null>(null);
  const [detaching, setDetaching] = useState(false);
  const upsertSession = useStore((s) => s.upsertSession);

  const detach = async (): Promise<void> => {
    setDetaching(true);
    try {
      upsertSession(await api().sessions.detach({ id: session.id }));
      refreshShared();
    } catch (error) {
      reportError(error);
      setDetaching(false);
    }
  };

  return (
    <div className="header-actions">
      <button
        type="button"
        className="button"
        title={`Remove it from this list; ${owner.name}’s sandbox is not touched`}
        disabled={detaching}
        onClick={() => void detach()}
      >
        {detaching ? 'Detaching…' : 'Detach'}
      </button>
      {session.status === 'running' && (
        <button type="button" className="button" onClick={() => setConfirm('stop')}>
          Stop
        </button>
      )}
      <button type="button" className="button danger-quiet" onClick={() => setConfirm('delete')}>
        Delete
      </button>
      {confirm && (
        <TeammateConfirmDialog
          session={session}
          owner={owner}
          action={confirm}
          onClose={() => setConfirm(null)}
        />
      )}
    </div>
  );
}
