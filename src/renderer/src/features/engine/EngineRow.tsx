import { useState } from 'react';
import type { EngineStatus } from '../../../../shared/contract/engines';
import { StatusDot } from '../../components/StatusDot';
import { errorMessage } from '../../lib/errorMessage';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { engineHealth, engineTones, kindLabels } from './engineHealth';
import { HostKeyNotice } from './HostKeyNotice';

type Action = 'reconnect' | 'remove' | 'trust';

/**
 * One engine in Settings: name, kind, endpoint and health; what is wrong and what to do about
 * it; Reconnect, and Remove for a remote engine (refused while sessions use it: said here).
 */
export function EngineRow({ engine }: { engine: EngineStatus }) {
  const upsertEngine = useStore((s) => s.upsertEngine);
  const removeEngine = useStore((s) => s.removeEngine);
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: Action): Promise<void> => {
    setBusy(action);
    setError(null);
    try {
      if (action === 'remove') {
        await api().engines.remove({ engineId: engine.id });
        removeEngine(engine.id);
        return;
      }
      const fingerprint = engine.hostKey?.fingerprint;
      upsertEngine(
        action === 'trust' && fingerprint !== undefined
          ? await api().engines.trustHostKey({ engineId: engine.id, fingerprint })
          : await api().engines.reconnect({ engineId: engine.id }),
      );
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(null);
    }
  };

  const hostKeyProblem = engine.state === 'host_key_unknown' || engine.state === 'host_key_changed';
  const problem = engine.state !== 'connected' && !hostKeyProblem;
  return (
    <li className="engine-row" aria-label={engine.name} data-state={engine.state}>
      <div className="engine-row-head">
        <StatusDot tone={engineTones[engine.state]} />
        <span className="engine-row-name">{engine.name}</span>
        <span className="engine-chip">{kindLabels[engine.kind]}</span>
        <span className="mono muted engine-row-endpoint" title={engine.endpoint}>
          {engine.endpoint}
        </span>
        <span className="engine-row-health" data-tone={engineTones[engine.state]}>
          {engineHealth(engine)}
        </span>
      </div>
      {hostKeyProblem && (
        <HostKeyNotice engine={engine} busy={busy !== null} onTrust={() => void run('trust')} />
      )}
      {problem && (engine.message || engine.hint) && (
        <div className="engine-problem">
          {engine.message && <p>{engine.message}</p>}
          {engine.hint && <p className="muted">{engine.hint}</p>}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="engine-row-actions">
        <button
          type="button"
          className="button small"
          aria-label={`Reconnect ${engine.name}`}
          disabled={busy !== null}
          onClick={() => void run('reconnect')}
        >
          {busy === 'reconnect' ? 'Checking…' : 'Reconnect'}
        </button>
        {engine.kind !== 'local' && (
          <button
            type="button"
            className="button small danger-quiet"
            aria-label={`Remove ${engine.name}`}
            disabled={busy !== null}
            onClick={() => void run('remove')}
          >
            {busy === 'remove' ? 'Removing…' : 'Remove'}
          </button>
        )}
      </div>
    </li>
  );
}
