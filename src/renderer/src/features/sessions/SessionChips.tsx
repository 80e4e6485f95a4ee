import type { Session } from '../../../../shared/contract/sessions';
import { useStore } from '../../store';
import { localEngineId } from '../../store/engineSlice';
import { engineName } from '../engine/engineHealth';

/** A session's small chips in the sidebar: its owner when a teammate's, its engine when remote. */
export function SessionChips({ session }: { session: Session }) {
  const engines = useStore((s) => s.engines);
  const remote = session.engineId !== localEngineId;
  if (!session.teammate && !remote) return null;
  return (
    <span className="session-chips">
      {session.teammate && (
        <span
          className="session-chip"
          data-kind="owner"
          title={`${session.teammate.name}’s session: read-only for the agent here`}
        >
          owner: {session.teammate.name}
        </span>
      )}
      {remote && (
        <span className="session-chip" data-kind="engine" title="The engine it runs on">
          {engineName(engines, session.engineId)}
        </span>
      )}
    </span>
  );
}
