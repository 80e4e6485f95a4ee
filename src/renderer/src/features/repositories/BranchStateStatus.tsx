import type { BranchState } from '../../../../shared/contract/repositories';
import type { Session } from '../../../../shared/contract/sessions';
import { isReconnecting } from '../sessions/sessionStatus';
import { branchStateText, seedText } from './repositoryText';

/**
 * The primary repository's session branch: ahead of and behind its base, files changed. Live
 * only while the sandbox runs; otherwise just the branch name and why there is no more.
 */
export function BranchStateStatus({
  session,
  states,
}: {
  session: Session;
  states: BranchState[] | undefined;
}) {
  const primary = session.repositories.find((r) => r.name === session.primaryRepository);
  const state = states?.find((s) => s.repository === session.primaryRepository);
  const branch = state?.branch ?? session.branch ?? '';
  let detail: string | null = null;
  let tone = 'normal';
  if (primary && primary.seed !== 'ready') {
    detail = seedText(primary.seed);
    tone = primary.seed === 'error' ? 'error' : 'pending';
  } else if (isReconnecting(session.status)) {
    detail = 'reconnecting…';
    tone = 'pending';
  } else if (session.status !== 'running') {
    detail = 'sandbox not running';
    tone = 'idle';
  } else if (state?.error) {
    detail = state.error;
    tone = 'error';
  } else if (!state) {
    detail = 'reading…';
    tone = 'pending';
  }

  return (
    <span
      className="branch-state"
      role="status"
      aria-label="Branch state"
      data-tone={tone}
      title={primary?.seedDetail ?? state?.error}
    >
      {detail === null && state ? (
        branchStateText(state)
      ) : (
        <>
          <span className="mono">{branch}</span>
          {detail && <span className="branch-state-detail"> · {detail}</span>}
        </>
      )}
    </span>
  );
}
