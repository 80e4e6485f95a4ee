import { useRef, useState, type FormEvent } from 'react';
import { Modal } from '../../components/Modal';
import { errorMessage } from '../../lib/errorMessage';
import { sessionNameError } from '../../lib/sessionName';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

/**
 * Asks for a session name and creates it. Errors (the form's own check, or the server's words,
 * e.g. a duplicate name) show inside the dialog, which stays open with what was typed.
 */
export function NewSessionDialog({ onClose }: { onClose(): void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const upsertSession = useStore((s) => s.upsertSession);
  const selectSession = useStore((s) => s.selectSession);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const invalid = sessionNameError(name);
    if (invalid) {
      setError(invalid);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api().sessions.create({ name: name.trim() });
      upsertSession(session);
      selectSession(session.id);
      onClose();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
      inputRef.current?.focus();
    }
  };

  return (
    <Modal label="New session" onClose={onClose} initialFocus={inputRef}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 className="dialog-title">New session</h2>
        <p className="dialog-text">
          A session is one sandbox container with its own workspace. The first one builds the
          sandbox image, which can take a few minutes.
        </p>
        <label className="field">
          <span className="field-label">Name</span>
          <input
            ref={inputRef}
            className="input"
            value={name}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={error !== null}
            aria-describedby={error ? 'new-session-error' : undefined}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {error && (
          <p id="new-session-error" className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
