import { useState } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { BuildLog } from './BuildLog';

/**
 * Shown while a session is being created: what is happening, how far, and the log (the sandbox
 * image build, then the repositories being seeded).
 */
export function CreationProgress({ session }: { session: Session }) {
  const [showLog, setShowLog] = useState(false);
  const progress = session.progress;
  const fraction = progress?.fraction;
  const percent = fraction === undefined ? undefined : Math.round(fraction * 100);
  const message = progress?.message ?? 'Preparing the sandbox…';

  return (
    <section className="creation" aria-label="Creating session">
      <div className="creation-line">
        <span className="creation-message">{message}</span>
        {percent !== undefined && <span className="creation-percent">{percent}%</span>}
        <button
          type="button"
          className="button small"
          aria-expanded={showLog}
          onClick={() => setShowLog((v) => !v)}
        >
          {showLog ? 'Hide log' : 'Show log'}
        </button>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Session creation"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent === undefined ? message : `${percent}% — ${message}`}
        data-indeterminate={percent === undefined ? '' : undefined}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
      {showLog && <BuildLog sessionId={session.id} />}
    </section>
  );
}
