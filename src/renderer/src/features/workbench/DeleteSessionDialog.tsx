import { useRef, useState } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { Modal } from '../../components/Modal';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

/** Confirms deleting a session; a session still being created is cancelled. */
export function DeleteSessionDialog({ session, onClose }: { session: Session; onClose(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const upsertSession = useStore((s) => s.upsertSession);

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      upsertSession(await api().sessions.delete({ id: session.id }));
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <Modal label="Delete session" onClose={onClose} initialFocus={cancelRef}>
      <div className="dialog-body">
        <h2 className="dialog-title">Delete “{session.name}”?</h2>
        <p className="dialog-text">
          {session.status === 'creating'
            ? 'Creation is cancelled and whatever was made so far is removed.'
            : 'Its sandbox container and workspace volume are removed, with every file in them.'}{' '}
          This cannot be undone.
        </p>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button danger" onClick={confirm} disabled={busy}>
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
