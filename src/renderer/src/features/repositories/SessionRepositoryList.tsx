import type { Session } from '../../../../shared/contract/sessions';
import { locationOf } from '../projects/repositoryDraft';
import { seedText } from './repositoryText';

/** The session's repositories: where each came from, its branches, and whether it is checked out. */
export function SessionRepositoryList({ session }: { session: Session }) {
  if (session.repositories.length === 0) return null;
  return (
    <section className="session-repositories" aria-labelledby="session-repositories-title">
      <h2 id="session-repositories-title" className="overview-title">
        Repositories
      </h2>
      <ul>
        {session.repositories.map((repository) => (
          <li key={repository.name} className="session-repository" data-seed={repository.seed}>
            <div className="session-repository-line">
              <span className="session-repository-name mono">/workspace/{repository.name}</span>
              {repository.name === session.primaryRepository && (
                <span className="badge">primary</span>
              )}
              <span className="seed-status" data-seed={repository.seed}>
                {repository.seed}
              </span>
            </div>
            <div className="session-repository-branches mono">
              {repository.baseBranch ?? '(no commits)'} → {session.branch ?? '—'}
            </div>
            <div className="muted small-print" title={locationOf(repository.source)}>
              from {locationOf(repository.source)}
            </div>
            {repository.seed === 'error' && repository.seedDetail && (
              <p className="seed-detail">
                {repository.name} {seedText('error')}: {repository.seedDetail}
              </p>
            )}
            {repository.warnings.length > 0 && (
              <ul className="field-note repository-warnings">
                {repository.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
