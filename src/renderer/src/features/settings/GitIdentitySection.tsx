import { useState, type FormEvent } from 'react';
import type { GitIdentity, Settings } from '../../../../shared/contract/settings';
import { Field } from '../../components/Field';
import { fieldErrorOf, type FieldError } from '../../lib/fieldError';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

const sourceText: Record<GitIdentity['source'], string> = {
  'git config': 'from your git config',
  settings: 'set in Berth',
  none: 'not set',
};

/** The name and email commits in sandboxes are made with. */
export function GitIdentitySection({
  identity,
  onSaved,
}: {
  identity: GitIdentity;
  onSaved(settings: Settings): void;
}) {
  const [name, setName] = useState(identity.name);
  const [email, setEmail] = useState(identity.email);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const notify = useStore((s) => s.notify);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSaved(await api().settings.setGitIdentity({ name, email }));
      notify('info', 'Git identity saved. New sessions commit with it.');
    } catch (failure) {
      setError(fieldErrorOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const errorFor = (field: string): string | null =>
    error?.field === field ? error.message : null;
  const placed = error !== null && (error.field === 'name' || error.field === 'email');
  return (
    <section className="settings-section" aria-labelledby="settings-identity">
      <div className="settings-section-head">
        <h3 id="settings-identity" className="settings-title">
          Git identity
        </h3>
        <span className="muted small-print" data-source={identity.source}>
          {sourceText[identity.source]}
        </span>
      </div>
      <p className="dialog-text">Commits made in sandboxes carry this name and email.</p>
      <form className="settings-form" onSubmit={save} noValidate>
        <div className="field-row">
          <Field label="Name" error={errorFor('name')}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={name}
                autoComplete="name"
                onChange={(e) => setName(e.target.value)}
              />
            )}
          </Field>
          <Field label="Email" error={errorFor('email')}>
            {(control) => (
              <input
                {...control}
                className="input"
                type="email"
                value={email}
                autoComplete="email"
                spellCheck={false}
                onChange={(e) => setEmail(e.target.value)}
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
            {busy ? 'Saving…' : 'Save identity'}
          </button>
        </div>
      </form>
    </section>
  );
}
