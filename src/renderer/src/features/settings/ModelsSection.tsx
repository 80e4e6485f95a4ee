import { useEffect, useState } from 'react';
import { RpcError } from '../../../../shared/contract/errors';
import type { ModelChoice, ModelProvider } from '../../../../shared/contract/models';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';
import { DefaultModelSelect } from './DefaultModelSelect';
import { LocalServers } from './LocalServers';
import { ProviderForm } from './ProviderForm';
import { draftOf, kindNames, newDraft } from './providerDraft';

/**
 * The model providers the agent runs on: the saved ones (kept in step by `models.changed`),
 * local servers found on their usual ports, a form to add or change one, and the default model
 * new sessions start with.
 */
export function ModelsSection() {
  const providers = useStore((s) => s.providers);
  const setProviders = useStore((s) => s.setProviders);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  // A new form after each save, so the next provider starts from the defaults.
  const [formKey, setFormKey] = useState(0);
  const [defaultModel, setDefaultModel] = useState<ModelChoice | null | undefined>(undefined);

  const [unavailable, setUnavailable] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const client = api();
    // A shell without the models domain answers not_found: say so once, without a toast.
    const failed = (error: unknown): void => {
      if (error instanceof RpcError && error.code === 'not_found') setUnavailable(true);
      else reportError(error);
    };
    client.models.list({}, { signal: controller.signal }).then(setProviders).catch(failed);
    return () => controller.abort();
  }, [setProviders]);

  // The host may pick a default when the first provider is saved, or drop it with its provider.
  useEffect(() => {
    const controller = new AbortController();
    api()
      .models.getDefault({}, { signal: controller.signal })
      .then(setDefaultModel)
      .catch((error: unknown) => {
        if (!(error instanceof RpcError && error.code === 'not_found')) reportError(error);
      });
    return () => controller.abort();
  }, [providers]);

  const upsert = (provider: ModelProvider): void => {
    const list = useStore.getState().providers;
    const at = list.findIndex((p) => p.id === provider.id);
    setProviders(
      at < 0 ? [...list, provider] : list.map((p) => (p.id === provider.id ? provider : p)),
    );
  };

  const rowAction = async (id: string, run: () => Promise<void>): Promise<void> => {
    setBusy(id);
    setRowError(null);
    try {
      await run();
    } catch (error) {
      setRowError({ id, message: errorMessage(error) });
    } finally {
      setBusy(null);
    }
  };

  const refresh = (provider: ModelProvider): Promise<void> =>
    rowAction(provider.id, async () => upsert(await api().models.refresh({ id: provider.id })));

  const remove = (provider: ModelProvider): Promise<void> =>
    rowAction(provider.id, async () => {
      await api().models.remove({ id: provider.id });
      setProviders(useStore.getState().providers.filter((p) => p.id !== provider.id));
      if (editing === provider.id) setEditing(null);
    });

  return (
    <section className="settings-section models-section" aria-labelledby="settings-models">
      <h3 id="settings-models" className="settings-title">
        Models
      </h3>
      <p className="dialog-text">
        The agent runs on these providers: a local server, or a hosted API with your key. Keys stay
        on this machine; sandboxes never see them.
      </p>
      {unavailable ? (
        <p className="muted small-print">Models cannot be set up from this window.</p>
      ) : providers.length === 0 ? (
        <p className="muted small-print">No providers yet. Find a local server or add one below.</p>
      ) : (
        <ul className="providers" aria-label="Providers">
          {providers.map((provider) => (
            <li key={provider.id} className="provider" aria-label={provider.name}>
              <div className="provider-line">
                <span className="provider-name">{provider.name}</span>
                <span className="badge">{kindNames[provider.kind]}</span>
                {provider.hasApiKey && (
                  <span className="badge" data-tone="ok">
                    key stored
                  </span>
                )}
                <span className="spacer" />
                <button
                  type="button"
                  className="button small"
                  aria-label={`Refresh ${provider.name}`}
                  disabled={busy !== null}
                  onClick={() => void refresh(provider)}
                >
                  {busy === provider.id ? 'Working…' : 'Refresh'}
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Edit ${provider.name}`}
                  aria-expanded={editing === provider.id}
                  onClick={() => setEditing(editing === provider.id ? null : provider.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="button small danger-quiet"
                  aria-label={`Remove ${provider.name}`}
                  disabled={busy !== null}
                  onClick={() => void remove(provider)}
                >
                  Remove
                </button>
              </div>
              <div className="provider-facts">
                <span className="mono" title={provider.baseUrl}>
                  {provider.baseUrl}
                </span>
                <span className="muted" title={provider.models.map((m) => m.id).join('\n')}>
                  {provider.models.length} model{provider.models.length === 1 ? '' : 's'}
                </span>
              </div>
              {rowError?.id === provider.id && (
                <p className="field-error" role="alert">
                  {rowError.message}
                </p>
              )}
              {editing === provider.id && (
                <ProviderForm
                  initial={draftOf(provider)}
                  onSaved={(saved) => {
                    upsert(saved);
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <DefaultModelSelect
        providers={providers}
        value={defaultModel}
        onChange={async (model) => {
          try {
            await api().models.setDefault({ model });
            setDefaultModel(model);
          } catch (error) {
            reportError(error);
          }
        }}
      />
      <LocalServers providers={providers} onAdded={upsert} />
      <ProviderForm
        key={formKey}
        initial={newDraft()}
        onSaved={(saved) => {
          upsert(saved);
          setFormKey((k) => k + 1);
        }}
      />
    </section>
  );
}
