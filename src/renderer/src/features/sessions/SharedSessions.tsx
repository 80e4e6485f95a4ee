import { useState } from 'react';
import type { SharedSession } from '../../../../shared/contract/sessions';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { refreshShared, reportError } from '../../store/sync';
import { engineName } from '../engine/engineHealth';
import { sharedByEngine } from './sharedSessions';

/**
 * "Shared on this engine": teammates' sessions on the connected engines, by engine, each with
 * its owner; Attach opens one here, read-only for the agent. The list follows
 * `sessions.sharedChanged` and engines coming and going (store/sync.ts).
 */
export function SharedSessions() {
  const shared = useStore((s) => s.sharedSessions);
  const engines = useStore((s) => s.engines);
  const upsertSession = useStore((s) => s.upsertSession);
  const selectSession = useStore((s) => s.selectSession);
  const [attaching, setAttaching] = useState<string | null>(null);
  const remoteConnected = engines.some((e) => e.kind !== 'local' && e.state === 'connected');

  const attach = async (row: SharedSession): Promise<void> => {
    setAttaching(row.sessionId);
    try {
      const session = await api().sessions.attach({
        engineId: row.engineId,
        sessionId: row.sessionId,
      });
      upsertSession(session);
      selectSession(session.id);
      refreshShared();
    } catch (error) {
      reportError(error);
    } finally {
      setAttaching(null);
    }
  };

  if (shared.length === 0) {
    // Where teammates could be, say that none are; with the local engine alone, say nothing.
    if (!remoteConnected) return null;
    return (
      <section className="shared-sessions" aria-label="Shared on this engine">
        <p className="muted small-print">No teammates’ sessions on your engines.</p>
      </section>
    );
  }
  return (
    <section className="shared-sessions" aria-labelledby="shared-sessions-title">
      <div className="sidebar-section">
        <span id="shared-sessions-title" className="section-title">
          Shared on this engine
        </span>
      </div>
      {sharedByEngine(shared, engines).map(({ engineId, sessions }) => (
        <div key={engineId} className="shared-engine">
          {engines.length > 1 && (
            <p className="shared-engine-name">{engineName(engines, engineId)}</p>
          )}
          <ul>
            {sessions.map((row) => (
              <li key={row.sessionId} className="shared-row" aria-label={row.name}>
                <span className="shared-name" title={row.name}>
                  {row.name}
                </span>
                <span className="shared-meta">
                  <span className="session-chip" data-kind="owner">
                    owner: {row.owner.name}
                  </span>
                  <span className="shared-status" data-status={row.status}>
                    {row.status}
                  </span>
                  {row.branch && (
                    <span className="mono shared-branch" title={row.branch}>
                      {row.branch}
                    </span>
                  )}
                </span>
                {row.attached ? (
                  <span className="shared-attached">Attached</span>
                ) : (
                  <button
                    type="button"
                    className="button small"
                    aria-label={`Attach ${row.name}`}
                    disabled={attaching !== null}
                    onClick={() => void attach(row)}
                  >
                    {attaching === row.sessionId ? 'Attaching…' : 'Attach'}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <p className="muted small-print">
        Anyone with access to this engine can see and change these sandboxes.
      </p>
    </section>
  );
}
