import { useState } from 'react';
import type { DiscoveredServer, ModelProvider } from '../../../../shared/contract/models';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';

/** Url without a trailing slash, to see whether a found server is already saved. */
const same = (a: string, b: string): boolean => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** "Find local servers": Ollama, llama.cpp, LM Studio, vLLM on their usual ports, added in a click. */
export function LocalServers({
  providers,
  onAdded,
}: {
  providers: ModelProvider[];
  onAdded(provider: ModelProvider): void;
}) {
  const [found, setFound] = useState<DiscoveredServer[] | null>(null);
  const [looking, setLooking] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const notify = useStore((s) => s.notify);

  const discover = async (): Promise<void> => {
    setLooking(true);
    setError(null);
    try {
      setFound(await api().models.discover({}));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setLooking(false);
    }
  };

  const add = async (server: DiscoveredServer): Promise<void> => {
    setAdding(server.baseUrl);
    setError(null);
    try {
      const provider = await api().models.save({
        kind: 'openai-compatible',
        name: server.name,
        baseUrl: server.baseUrl,
      });
      onAdded(provider);
      notify('info', `Added ${provider.name}: ${provider.models.length} models.`);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setAdding(null);
    }
  };

  return (
    <div className="local-servers">
      <div className="local-servers-head">
        <button type="button" className="button" disabled={looking} onClick={() => void discover()}>
          {looking ? 'Looking…' : 'Find local servers'}
        </button>
        {found && found.length === 0 && (
          <span className="muted small-print" role="status">
            No local server answered on 127.0.0.1 (ports 11434, 8080, 1234, 8000).
          </span>
        )}
      </div>
      {found && found.length > 0 && (
        <ul className="providers" aria-label="Local servers">
          {found.map((server) => {
            const saved = providers.some((p) => same(p.baseUrl, server.baseUrl));
            return (
              <li key={server.baseUrl} className="provider" aria-label={server.name}>
                <div className="provider-line">
                  <span className="provider-name">{server.name}</span>
                  <span className="mono">{server.baseUrl}</span>
                  <span className="muted">
                    {server.models.length} model{server.models.length === 1 ? '' : 's'}
                  </span>
                  <span className="spacer" />
                  <button
                    type="button"
                    className="button small"
                    aria-label={saved ? `${server.name} added` : `Add ${server.name}`}
                    disabled={saved || adding !== null}
                    onClick={() => void add(server)}
                  >
                    {saved ? 'Added' : adding === server.baseUrl ? 'Adding…' : 'Add'}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
