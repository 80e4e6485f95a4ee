import { useState, type FormEvent } from 'react';
import {
  providerKinds,
  type ModelInfo,
  type ModelProvider,
  type ProviderKind,
} from '../../../../shared/contract/models';
import { RpcError } from '../../../../shared/contract/errors';
import { Field } from '../../components/Field';
import { fieldErrorOf, type FieldError } from '../../lib/fieldError';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import {
  isHosted,
  kindLabels,
  placeProviderError,
  providerInput,
  withKind,
  type ProviderDraft,
} from './providerDraft';

const fields = ['kind', 'name', 'baseUrl', 'apiKey'] as const;

interface ProviderFormProps {
  initial: ProviderDraft;
  onSaved(provider: ModelProvider): void;
  onCancel?: () => void;
}

/**
 * Adds a model provider or changes one. Check lists its models with this URL and key without
 * saving; Save lists them too and keeps the provider. The key is write-only: never shown, and
 * on edit an empty field keeps the stored one.
 */
export function ProviderForm({ initial, onSaved, onCancel }: ProviderFormProps) {
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<FieldError | null>(null);
  const [checked, setChecked] = useState<ModelInfo[] | null>(null);
  const [busy, setBusy] = useState<'check' | 'save' | null>(null);
  const notify = useStore((s) => s.notify);
  const editing = draft.id !== undefined;
  const hosted = isHosted(draft.kind);
  const urlShown = !hosted || draft.customUrl;

  const change = (next: Partial<ProviderDraft>): void => {
    setDraft((d) => ({ ...d, ...next }));
    setChecked(null);
  };

  const failure = (caught: unknown): FieldError =>
    placeProviderError(
      fieldErrorOf(caught),
      caught instanceof RpcError ? caught.code : undefined,
      draft,
    );

  const check = async (): Promise<void> => {
    const parsed = providerInput(draft);
    if (!parsed.ok) return setError(parsed.error);
    setBusy('check');
    setError(null);
    setChecked(null);
    try {
      setChecked(await api().models.check(parsed.input));
    } catch (caught) {
      setError(failure(caught));
    } finally {
      setBusy(null);
    }
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = providerInput(draft);
    if (!parsed.ok) return setError(parsed.error);
    setBusy('save');
    setError(null);
    try {
      const provider = await api().models.save({
        ...(draft.id !== undefined ? { id: draft.id } : {}),
        ...parsed.input,
      });
      notify(
        'info',
        `Saved ${provider.name}: ${provider.models.length} model${provider.models.length === 1 ? '' : 's'}.`,
      );
      onSaved(provider);
    } catch (caught) {
      setError(failure(caught));
    } finally {
      setBusy(null);
    }
  };

  const errorFor = (field: (typeof fields)[number]): string | null =>
    error?.field === field ? error.message : null;
  const placed = error !== null && (fields as readonly (string | null)[]).includes(error.field);
  const keyless = hosted && draft.apiKey.trim() === '' && draft.hasStoredKey;
  return (
    <form
      className="settings-form provider-form"
      aria-label={editing ? `Edit ${initial.name}` : 'Add provider'}
      onSubmit={save}
      noValidate
    >
      <h4 className="settings-subtitle">{editing ? `Edit ${initial.name}` : 'Add provider'}</h4>
      <div className="field-row">
        <Field label="Kind" error={errorFor('kind')}>
          {(control) => (
            <select
              {...control}
              className="input select"
              value={draft.kind}
              disabled={editing}
              onChange={(e) => {
                setDraft((d) => withKind(d, e.target.value as ProviderKind));
                setChecked(null);
              }}
            >
              {providerKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {kindLabels[kind]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Provider name" error={errorFor('name')}>
          {(control) => (
            <input
              {...control}
              className="input"
              value={draft.name}
              autoComplete="off"
              onChange={(e) => change({ name: e.target.value })}
            />
          )}
        </Field>
      </div>
      {hosted && (
        <label className="check">
          <input
            type="checkbox"
            checked={draft.customUrl}
            onChange={(e) => change({ customUrl: e.target.checked })}
          />
          Custom URL (a proxy or a compatible endpoint instead of the public API)
        </label>
      )}
      <div className="field-row">
        {urlShown && (
          <Field label="Base URL" error={errorFor('baseUrl')}>
            {(control) => (
              <input
                {...control}
                className="input"
                value={draft.baseUrl}
                placeholder="http://127.0.0.1:11434/v1"
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => change({ baseUrl: e.target.value })}
              />
            )}
          </Field>
        )}
        <Field
          label="API key"
          error={errorFor('apiKey')}
          note={
            <p className="field-note">
              {draft.hasStoredKey
                ? 'A key is stored; leave empty to keep the stored key.'
                : hosted
                  ? 'Required. Kept on this machine; sandboxes never see it.'
                  : 'Optional; most local servers need none.'}
            </p>
          }
        >
          {(control) => (
            <input
              {...control}
              className="input"
              type="password"
              value={draft.apiKey}
              placeholder={draft.hasStoredKey ? 'Leave empty to keep the stored key' : ''}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => change({ apiKey: e.target.value })}
            />
          )}
        </Field>
      </div>
      {checked && (
        <p className="field-note check-result" role="status">
          {checked.length === 0
            ? 'The server answered but lists no models.'
            : `${checked.length} model${checked.length === 1 ? '' : 's'}: ${checked
                .slice(0, 8)
                .map((m) => m.id)
                .join(', ')}${checked.length > 8 ? ` and ${checked.length - 8} more` : ''}.`}
        </p>
      )}
      {error && !placed && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="settings-actions">
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={busy !== null || keyless}
          title={keyless ? 'Enter the key to check it; Save checks with the stored key' : undefined}
          onClick={() => void check()}
        >
          {busy === 'check' ? 'Checking…' : 'Check'}
        </button>
        <button type="submit" className="button primary" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
