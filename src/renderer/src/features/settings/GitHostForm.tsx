import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../shared/contract/settings';
import { Field } from '../../components/Field';
import { fieldErrorOf, type FieldError } from '../../lib/fieldError';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

const fields = ['host', 'username', 'token', 'apiUrl'] as const;

/**
 * Adds a git host or changes one (same host name). The token is write-only: the field is never
 * filled in, and left empty it keeps the token already stored.
 */
export function GitHostForm({ onSaved }: { onSaved(settings: Settings): void }) {
  const [host, setHost] = useState('');
  const [username, setUsername] = useState('');
  const [token, setToken] = useState('');
  const [apiUrl, setApiUrl] = useState('');
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useStore((s) => s.notify);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const settings = await api().settings.setGitHost({
        host,
        ...(username.trim() !== '' && { username }),
        ...(token.trim() !== '' && { token }),
        ...(apiUrl.trim() !== '' && { apiUrl }),
      });
      onSaved(settings);
      notify('info', `Saved ${host.trim().toLowerCase()}.`);
      setHost('');
      setUsername('');
      setToken('');
      setApiUrl('');
    } catch (failure) {
      setError(fieldErrorOf(failure));
      // A token that was refused is not kept in the page any longer than needed.
      setToken('');
    } finally {
      setBusy(false);
    }
  };

  const errorFor = (field: (typeof fields)[number]): string | null =>
    error?.field === field ? error.message : null;
  const placed = error !== null && (fields as readonly (string | null)[]).includes(error.field);
  return (
    <form className="settings-form host-form" onSubmit={save} noValidate>
      <h4 className="settings-subtitle">Add or change a host</h4>
      <div className="field-row">
        <Field label="Host" error={errorFor('host')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={host}
              placeholder="github.com"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setHost(e.target.value)}
            />
          )}
        </Field>
        <Field label="User name" error={errorFor('username')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={username}
              placeholder="x-access-token"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="field-row">
        <Field label="Token" error={errorFor('token')}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              value={token}
              placeholder="Left empty: keep the stored token"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setToken(e.target.value)}
            />
          )}
        </Field>
        <Field label="API URL" error={errorFor('apiUrl')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={apiUrl}
              placeholder="https://api.github.com"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setApiUrl(e.target.value)}
            />
          )}
        </Field>
      </div>
      {error && !placed && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save host'}
        </button>
      </div>
    </form>
  );
}
