import { useRef, useState } from 'react';
import type { Session, SessionOwner } from '../../../../shared/contract/sessions';
import { Field } from '../../components/Field';
import { Modal } from '../../components/Modal';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

/**
 * Stopping or deleting a teammate's session from this workbench: the dialog names the owner and
 * asks for their name typed back (sent as `confirmOwner`), so it is never a stray click.
 */
export function TeammateConfirmDialog({
  session,
  owner,
  action,
  onClose,
}: {
  session: Session;
  owner: SessionOwner;
  action: 'stop' | 'delete';
  onClose(): void;
}) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const upsertSession = useStore((s) => s.upsertSession);
  const matches = typed.trim() === owner.name;

  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      upsertSession(await api().sessions[action]({ id: session.id, confirmOwner: typed.trim() }));
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  const verb = action === 'stop' ? 'Stop' : 'Delete';
  return (
    <Modal label={`${verb} ${owner.name}'s session`} onClose={onClose} initialFocus={inputRef}>
      <form
        className="dialog-body"
        onSubmit={(event) => {
          event.preventDefault();
          if (matches && !busy) void confirm();
        }}
      >
        <h2 className="dialog-title">
          {verb} “{session.name}”, {owner.name}’s session?
        </h2>
        <p className="dialog-text">
          {action === 'stop'
            ? `Its sandbox stops for ${owner.name} too: their agent and terminals end; the files stay.`
            : `Its sandbox and every file in it are removed, for ${owner.name} too. This cannot be undone.`}{' '}
          Anyone with access to the engine can do this; type <strong>{owner.name}</strong> to
          confirm you mean it.
        </p>
        <Field label="Owner’s name">
          {(control) => (
            <input
              {...control}
              ref={inputRef}
              className="input"
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
            />
          )}
        </Field>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button danger" disabled={busy || !matches}>
            {busy ? `${action === 'stop' ? 'Stopping' : 'Deleting'}…` : verb}
          </button>
        </div>
      </form>
    </Modal>
  );
}
