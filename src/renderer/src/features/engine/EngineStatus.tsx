import { useState } from 'react';
import type { EngineStatus as Engine } from '../../../../shared/contract/engines';
import { StatusDot } from '../../components/StatusDot';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { localEngine } from '../../store/engineSlice';
import { reportError } from '../../store/sync';
import { engineTones } from './engineHealth';

/** The local Docker engine's state in the sidebar, with what to do when it is not reachable. */
export function EngineStatus() {
  const engine = useStore((s) => localEngine(s.engines));
  const upsertEngine = useStore((s) => s.upsertEngine);
  const [checking, setChecking] = useState(false);

  const retry = async (): Promise<void> => {
    setChecking(true);
    try {
      upsertEngine(await api().engines.reconnect({}));
    } catch (error) {
      reportError(error);
    } finally {
      setChecking(false);
    }
  };

  const state = engine?.state ?? 'connecting';
  const down = state !== 'connected' && state !== 'connecting';
  return (
    <div className="engine-status" role="status" aria-label="Docker engine" data-state={state}>
      <div className="engine-line">
        <StatusDot tone={engineTones[state]} />
        <span className="engine-title">{title(engine)}</span>
      </div>
      {down && engine?.message && <p className="engine-message">{engine.message}</p>}
      {down && engine?.hint && <p className="engine-hint">{engine.hint}</p>}
      {down && (
        <button type="button" className="button small" onClick={retry} disabled={checking}>
          {checking ? 'Checking…' : 'Retry'}
        </button>
      )}
    </div>
  );
}

function title(engine: Engine | undefined): string {
  if (!engine || engine.state === 'connecting') return 'Connecting to Docker…';
  if (engine.state === 'connected') {
    return engine.version ? `Docker connected · ${engine.version}` : 'Docker connected';
  }
  return engine.state === 'permission_denied' ? 'Docker permission denied' : 'Docker unreachable';
}
