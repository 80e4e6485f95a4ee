import { useState } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';
import { DeleteSessionDialog } from './DeleteSessionDialog';
import { TeammateSessionActions } from './TeammateSessionActions';

/**
 * Start, Stop and Delete for the session in the workbench header; a teammate's session has its
 * own, which never act without the owner named.
 */
export function SessionActions({ session }: { session: Session }) {
  if (session.teammate)
    return <TeammateSessionActions session={session} owner={session.teammate} />;
  return <OwnActions session={session} />;
}

function OwnActions({ session }: { session: Session }) {
  const [busy, setBusy] = useState<'start' | 'stop' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const upsertSession = useStore((s) => s.upsertSession);

  const run = async (action: 'start' | 'stop'): Promise<void> => {
    setBusy(action);
    try {
      upsertSession(await api().sessions[action]({ id: session.id }));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const canStart = session.status === 'stopped' || session.status === 'error';
  return (
    <div className="header-actions">
      {canStart && (
        <button
          type="button"
          className="button primary"
          disabled={busy !== null}
          onClick={() => run('start')}
        >
          {busy === 'start' ? 'Starting…' : 'Start'}
        </button>
      )}
      {session.status === 'running' && (
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() => run('stop')}
        >
          {busy === 'stop' ? 'Stopping…' : 'Stop'}
        </button>
      )}
      <button type="button" className="button danger-quiet" onClick={() => setConfirmDelete(true)}>
        Delete
      </button>
      {confirmDelete && (
        <DeleteSessionDialog session={session} onClose={() => setConfirmDelete(false)} />
      )}
    </div>
  );
}
