import type { Session } from '../../../../shared/contract/sessions';
import { ChangesToggle } from '../changes/ChangesToggle';
import { ProcessesControl } from '../ports/ProcessesControl';
import { RepositoryBar } from '../repositories/RepositoryBar';
import { SessionActions } from './SessionActions';
import { SessionStatusIndicator } from './SessionStatusIndicator';

/** The session's name, status and actions, then its primary repository's bar. */
export function WorkbenchHeader({ session }: { session: Session }) {
  return (
    <>
      <header className="workbench-header">
        <h1 className="session-title" title={session.name}>
          {session.name}
        </h1>
        <SessionStatusIndicator session={session} />
        <div className="spacer" />
        <ProcessesControl session={session} />
        <ChangesToggle session={session} />
        <SessionActions session={session} />
      </header>
      <RepositoryBar session={session} />
      {session.statusDetail && (
        <p className="status-detail" role="alert" data-status={session.status}>
          {session.statusDetail}
        </p>
      )}
    </>
  );
}
