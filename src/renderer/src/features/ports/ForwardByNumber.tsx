import { useId, useState, type FormEvent } from 'react';
import { fieldErrorOf } from '../../lib/fieldError';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { forwardStatus, notListeningText, parsePort, withForward } from './portRows';

/**
 * "Forward a port": a port by its number, listening or not yet (it is forwarded as soon as it
 * listens). The field's own mistakes and the server's errors show under it.
 */
export function ForwardByNumber({ sessionId }: { sessionId: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDone(null);
    const parsed = parsePort(text);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const forward = await api().ports.forward({ sessionId, port: parsed.port });
      const ports = useStore.getState().ports[sessionId];
      if (ports) useStore.getState().setPorts(withForward(ports, forward));
      const status = forwardStatus(forward);
      if (forward.status === 'failed') setError(status.text);
      else {
        setText('');
        setDone(
          forward.status === 'gone'
            ? notListeningText(parsed.port)
            : `Port ${parsed.port}: ${status.text} ${status.link?.text ?? ''}`.trim(),
        );
      }
    } catch (failure) {
      setError(fieldErrorOf(failure).message);
    } finally {
      setBusy(false);
    }
  };

  const errorId = `${id}-error`;
  return (
    <form className="forward-form" noValidate onSubmit={(event) => void submit(event)}>
      <label className="forward-label" htmlFor={id}>
        Forward a port
      </label>
      <div className="forward-row">
        <input
          id={id}
          className="input small forward-input"
          inputMode="numeric"
          autoComplete="off"
          placeholder="8000"
          value={text}
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
            setDone(null);
          }}
        />
        <button type="submit" className="button small" disabled={busy}>
          {busy ? 'Forwarding…' : 'Forward'}
        </button>
      </div>
      {error !== null && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {done !== null && (
        <p className="forward-done" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
