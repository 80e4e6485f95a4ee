import { useEffect, useRef, useState } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { useStore } from '../../store';
import { engineName } from '../engine/engineHealth';
import { SessionRepositoryList } from '../repositories/SessionRepositoryList';
import { BuildLog } from './BuildLog';

/**
 * The top of the workbench: the task, the repositories and the sandbox's facts. Until the agent
 * lands it says plainly what will live here.
 */
export function OverviewPanel({ session }: { session: Session }) {
  // While creating, the progress above shows the log; afterwards it stays one click away here.
  const [showLog, setShowLog] = useState(false);
  const canShowLog = session.status !== 'creating';
  const logRef = useRef<HTMLDivElement>(null);
  const engines = useStore((s) => s.engines);
  const engine = engines.find((e) => e.id === session.engineId);
  useEffect(() => {
    // The overview is short: bring the log into sight when it opens below the facts.
    if (showLog) logRef.current?.scrollIntoView({ block: 'start' });
  }, [showLog]);
  return (
    <section className="overview" aria-label="Overview">
      {session.task && (
        <section className="task" aria-labelledby="session-task-title">
          <h2 id="session-task-title" className="overview-title">
            Task
          </h2>
          <p className="task-text">{session.task}</p>
        </section>
      )}
      <SessionRepositoryList session={session} />
      <dl className="facts">
        <div>
          <dt>Engine</dt>
          <dd title={engine?.endpoint}>{engineName(engines, session.engineId)}</dd>
        </div>
        <div>
          <dt>Image</dt>
          <dd>{session.image ?? '—'}</dd>
        </div>
        <div>
          <dt>Container</dt>
          <dd title={session.containerId}>{session.containerId?.slice(0, 12) ?? '—'}</dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{new Date(session.createdAt).toLocaleString()}</dd>
        </div>
      </dl>
      {canShowLog && (
        <button
          type="button"
          className="button small"
          aria-expanded={showLog}
          onClick={() => setShowLog((v) => !v)}
        >
          {showLog ? 'Hide creation log' : 'Show creation log'}
        </button>
      )}
      {canShowLog && showLog && (
        <div ref={logRef} className="overview-log">
          <BuildLog sessionId={session.id} />
        </div>
      )}
    </section>
  );
}
