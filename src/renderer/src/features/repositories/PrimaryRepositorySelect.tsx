import { useState } from 'react';
import type { Session } from '../../../../shared/contract/sessions';
import { api } from '../../rpc/connection';
import { reportError } from '../../store/sync';

const none = 'This session has no repositories; new terminals start in /workspace';

/** Which repository new terminals (and the agent) start in; remembered per session. */
export function PrimaryRepositorySelect({ session }: { session: Session }) {
  // The choice shows at once; the session's own value follows with `sessions.changed`.
  const [pending, setPending] = useState<string | null>(null);

  if (session.repositories.length === 0) {
    return (
      <select className="input select small" aria-label="Primary repository" disabled title={none}>
        <option>No repositories</option>
      </select>
    );
  }

  const choose = async (repository: string): Promise<void> => {
    setPending(repository);
    try {
      await api().repositories.setPrimary({ sessionId: session.id, repository });
    } catch (error) {
      reportError(error);
    } finally {
      setPending(null);
    }
  };

  return (
    <select
      className="input select small primary-select"
      aria-label="Primary repository"
      title="Primary repository: new terminals start in it"
      value={pending ?? session.primaryRepository ?? ''}
      disabled={pending !== null}
      onChange={(e) => void choose(e.target.value)}
    >
      {session.repositories.map((r) => (
        <option key={r.name} value={r.name}>
          {r.name}
        </option>
      ))}
    </select>
  );
}
