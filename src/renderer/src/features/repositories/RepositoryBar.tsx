import type { Session } from '../../../../shared/contract/sessions';
import { BranchStateStatus } from './BranchStateStatus';
import { PrimaryRepositorySelect } from './PrimaryRepositorySelect';
import { RepositoryActions } from './RepositoryActions';
import { useBranchStates } from './useBranchStates';

/** Under the session title: the primary repository, its branch state and what to do with it. */
export function RepositoryBar({ session }: { session: Session }) {
  const states = useBranchStates(session);
  const primary = session.repositories.find((r) => r.name === session.primaryRepository);
  return (
    <div className="repository-bar">
      <span className="repository-bar-label" aria-hidden="true">
        Repository
      </span>
      <PrimaryRepositorySelect session={session} />
      {session.repositories.length > 0 && <BranchStateStatus session={session} states={states} />}
      <div className="spacer" />
      {primary && <RepositoryActions session={session} repository={primary} />}
    </div>
  );
}
