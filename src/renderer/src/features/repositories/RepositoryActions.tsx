import { useEffect, useState } from 'react';
import type { SessionRepository } from '../../../../shared/contract/repositories';
import type { Session } from '../../../../shared/contract/sessions';
import { api } from '../../rpc/connection';
import { useStore } from '../../store';
import { reportError } from '../../store/sync';
import { isReconnecting } from '../sessions/sessionStatus';
import { CreatePullRequestDialog } from './CreatePullRequestDialog';
import { homeResultText, shortCommit } from './repositoryText';

/**
 * What can be done with the primary repository's session branch: bring it home to the user's
 * clone, open a pull request, then push to it again.
 */
export function RepositoryActions({
  session,
  repository,
}: {
  session: Session;
  repository: SessionRepository;
}) {
  const [busy, setBusy] = useState<'home' | 'push' | null>(null);
  const [creating, setCreating] = useState(false);
  const notify = useStore((s) => s.notify);
  const pull = repository.pullRequest;
  useRefreshedPullRequest(session.id, repository);

  const why = isReconnecting(session.status)
    ? 'The engine is reconnecting: wait until the session runs again'
    : session.status !== 'running'
      ? 'The session is not running'
      : repository.seed !== 'ready'
        ? `${repository.name} is ${repository.seed === 'error' ? 'not checked out' : 'still being checked out'}`
        : undefined;
  const disabled = why !== undefined || busy !== null;
  const target = { sessionId: session.id, repository: repository.name };

  const bringHome = async (): Promise<void> => {
    setBusy('home');
    try {
      notify('info', homeResultText(await api().repositories.bringHome(target)));
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  const push = async (): Promise<void> => {
    setBusy('push');
    try {
      const updated = await api().repositories.push(target);
      notify(
        'info',
        `Pushed ${session.branch ?? 'the branch'} at ${shortCommit(updated.pushedCommit)} to pull request #${updated.number}`,
      );
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="repository-actions">
      <button
        type="button"
        className="button small"
        disabled={disabled}
        title={why}
        onClick={bringHome}
      >
        {busy === 'home' ? 'Bringing home…' : 'Bring branch home'}
      </button>
      {pull ? (
        <>
          <a
            className="pr-link"
            href={pull.url}
            target="_blank"
            rel="noreferrer"
            title={pull.title}
          >
            Pull request #{pull.number}
          </a>
          <span className="pr-state" data-state={pull.state}>
            {pull.state}
          </span>
          <button
            type="button"
            className="button small"
            disabled={disabled}
            title={why}
            onClick={push}
          >
            {busy === 'push' ? 'Pushing…' : 'Push'}
          </button>
        </>
      ) : (
        <button
          type="button"
          className="button small"
          disabled={disabled}
          title={why}
          onClick={() => setCreating(true)}
        >
          Create pull request
        </button>
      )}
      {creating && (
        <CreatePullRequestDialog
          session={session}
          repository={repository}
          onClose={() => setCreating(false)}
        />
      )}
    </div>
  );
}

/**
 * Reads the pull request's state from the forge once when the workbench shows it, so a merge
 * made elsewhere shows up. A failure is not reported: the forge may be out of reach for a while,
 * and the state last read stays on screen.
 */
function useRefreshedPullRequest(sessionId: string, repository: SessionRepository): void {
  const number = repository.pullRequest?.number;
  const name = repository.name;
  useEffect(() => {
    if (number === undefined) return;
    const controller = new AbortController();
    api()
      .repositories.refreshPullRequest(
        { sessionId, repository: name },
        { signal: controller.signal },
      )
      .catch(() => {});
    return () => controller.abort();
  }, [sessionId, name, number]);
}
