import { useRef, useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import {
  addressKind,
  emptyEngineDraft,
  engineAddInput,
  engineDraftErrors,
  engineFieldLabels,
  placeAddError,
  type EngineDraft,
  type EngineField,
} from './engineDraft';

const placeholders: Record<EngineField, string> = {
  address: 'ssh://you@build-host or tcp://build-host:2376',
  name: 'The host name if empty',
  identityFile: 'Empty: the SSH agent (ssh-add)',
  socketPath: '/var/run/docker.sock',
  ca: '~/.docker/ca.pem',
  cert: '~/.docker/cert.pem',
  key: '~/.docker/key.pem',
};

/**
 * Adds a remote engine: `ssh://user@host[:port]` (a key file, or the SSH agent) or
 * `tcp://host:port` with TLS (CA, client certificate and key, all required). Fields are checked
 * as they are left, by the contract's own rules; what was typed stays when the add is refused.
 */
export function AddEngineForm() {
  const [draft, setDraft] = useState<EngineDraft>(emptyEngineDraft);
  const [touched, setTouched] = useState<ReadonlySet<EngineField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [refused, setRefused] = useState<{ field: EngineField | null; message: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const upsertEngine = useStore((s) => s.upsertEngine);
  const notify = useStore((s) => s.notify);
  const kind = addressKind(draft.address);
  const errors = engineDraftErrors(draft);

  const errorFor = (field: EngineField): string | null => {
    if (refused?.field === field) return refused.message;
    return submitted || touched.has(field) ? (errors[field] ?? null) : null;
  };

  // After a render that marked fields invalid: the keyboard goes to the first of them.
  const focusFirstInvalid = (): void => {
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    );
  };

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setRefused(null);
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    try {
      const engine = await api().engines.add(engineAddInput(draft));
      upsertEngine(engine);
      notify('info', `Added ${engine.name}; connecting…`);
      setDraft(emptyEngineDraft);
      setTouched(new Set());
      setSubmitted(false);
    } catch (failure) {
      setRefused(placeAddError(failure));
      focusFirstInvalid();
    } finally {
      setBusy(false);
    }
  };

  const input = (field: EngineField) => (
    <Field label={engineFieldLabels[field]} error={errorFor(field)}>
      {(control) => (
        <input
          {...control}
          className="input mono"
          value={draft[field]}
          placeholder={placeholders[field]}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => {
            setDraft((d) => ({ ...d, [field]: e.target.value }));
            if (refused?.field === field) setRefused(null);
          }}
          onBlur={() => setTouched((t) => new Set(t).add(field))}
        />
      )}
    </Field>
  );

  return (
    <form
      ref={formRef}
      className="settings-form engine-form"
      aria-label="Add engine"
      onSubmit={add}
      noValidate
    >
      <h4 className="settings-subtitle">Add an engine</h4>
      <div className="field-row">
        {input('address')}
        {input('name')}
      </div>
      {kind === 'ssh' && (
        <div className="field-row">
          {input('identityFile')}
          {input('socketPath')}
        </div>
      )}
      {kind === 'tls' && (
        <div className="field-row three">
          {input('ca')}
          {input('cert')}
          {input('key')}
        </div>
      )}
      <p className="field-note">{kindNote(kind)}</p>
      {refused && refused.field === null && (
        <p className="form-error" role="alert">
          {refused.message}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Adding…' : 'Add engine'}
        </button>
      </div>
    </form>
  );
}

function kindNote(kind: 'ssh' | 'tls' | null): string {
  if (kind === 'tls') {
    return 'The engine must run with --tlsverify: Berth always uses TLS for tcp:// engines.';
  }
  if (kind === 'ssh') {
    return 'The user must be allowed to use Docker on the host (the docker group). The host key is checked against ~/.ssh/known_hosts, or shown here for you to check and trust once.';
  }
  return 'ssh:// takes a key file or the SSH agent; tcp:// takes the CA, client certificate and key files.';
}
