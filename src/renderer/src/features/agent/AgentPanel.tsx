import { useMemo, useState } from 'react';
import type { AgentState, ApprovalMode } from '../../../../shared/contract/agent';
import type { Session } from '../../../../shared/contract/sessions';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { ActivityLog } from './ActivityLog';
import { AgentHeader } from './AgentHeader';
import { agentCall } from './agentCall';
import { chatItems } from './chatItems';
import { Composer } from './Composer';
import { PendingCards } from './PendingCards';
import { useAgentSession } from './useAgentSession';

/**
 * The agent's chat of one session: its status and plan, the activity log, what waits for the
 * user, and the composer. Self-contained: the workbench only places it.
 */
export function AgentPanel({ session }: { session: Session }) {
  const sessionId = session.id;
  const { loadError, retry, loadEarlier } = useAgentSession(sessionId);
  const state = useStore((s) => s.agentStates[sessionId]);
  const log = useStore((s) => s.agentLogs[sessionId]);
  const events = log?.events;
  const items = useMemo(() => chatItems(events ?? []), [events]);
  const [busy, setBusy] = useState(false);
  const [headerError, setHeaderError] = useState<string | null>(null);

  const act = async (run: () => Promise<AgentState>): Promise<void> => {
    setBusy(true);
    setHeaderError(await agentCall(run));
    setBusy(false);
  };

  return (
    <section className="agent-panel" aria-label="Chat">
      <AgentHeader
        state={state}
        busy={busy}
        onConfigure={({ mode }: { mode: ApprovalMode }) =>
          void act(() => api().agent.configure({ sessionId, mode }))
        }
        onContinue={() => void act(() => api().agent.continue({ sessionId }))}
        readOnly={session.teammate !== undefined}
      />
      {headerError && (
        <p className="field-error agent-error" role="alert">
          {headerError}
        </p>
      )}
      {loadError && (
        <div className="agent-load-error" role="alert">
          <p>
            {log ? 'The chat could not be brought up to date' : 'The chat could not be loaded'}:{' '}
            {loadError}
          </p>
          <button type="button" className="button small" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {log || !loadError ? (
        <ActivityLog
          sessionId={sessionId}
          items={items}
          hasMore={log?.hasMore ?? false}
          loadingEarlier={log?.loadingEarlier ?? false}
          loaded={log !== undefined}
          onLoadEarlier={loadEarlier}
        />
      ) : (
        // Keeps the composer at the bottom while there is no log to show.
        <div className="activity" />
      )}
      {session.teammate ? (
        <p className="agent-readonly" role="note">
          This is {session.teammate.name}’s session: only their workbench runs the agent. You see
          its activity live and can open your own terminals.
        </p>
      ) : (
        <>
          {state && <PendingCards pending={state.pending} sessionId={sessionId} />}
          <Composer sessionId={sessionId} state={state} />
        </>
      )}
    </section>
  );
}
