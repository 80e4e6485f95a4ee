import type { PullRequest, RepositorySource, SessionRepository } from '../../shared/contract';
import type { Db } from './db';
import { locationOf, sourceOf } from './projectsTable';

interface Row {
  session_id: string;
  name: string;
  source_kind: RepositorySource['kind'];
  location: string;
  host_gitdir: string | null;
  base_branch: string | null;
  base_commit: string | null;
  seed_status: SessionRepository['seed'];
  seed_detail: string | null;
  warnings: string;
  home_commit: string | null;
  pr_number: number | null;
  pr_url: string | null;
  pr_state: PullRequest['state'] | null;
  pr_title: string | null;
  pr_base: string | null;
  pr_pushed: string | null;
}

/** A session repository as stored, with the host-side facts the window never needs. */
export interface StoredSessionRepository extends SessionRepository {
  sessionId: string;
  /** The host git directory the objects come from and the branch goes home to. */
  hostGitdir: string | null;
}

export interface SessionRepositoryPatch {
  hostGitdir?: string;
  baseCommit?: string | null;
  seed?: SessionRepository['seed'];
  seedDetail?: string | null;
  warnings?: string[];
  homeCommit?: string;
  pullRequest?: PullRequest;
}

const toRepository = (row: Row): StoredSessionRepository => {
  const repo: StoredSessionRepository = {
    sessionId: row.session_id,
    name: row.name,
    source: sourceOf(row.source_kind, row.location),
    hostGitdir: row.host_gitdir,
    baseBranch: row.base_branch,
    baseCommit: row.base_commit,
    seed: row.seed_status,
    warnings: JSON.parse(row.warnings) as string[],
  };
  if (row.seed_detail) repo.seedDetail = row.seed_detail;
  if (row.home_commit) repo.homeCommit = row.home_commit;
  if (row.pr_number !== null && row.pr_url && row.pr_state) {
    repo.pullRequest = {
      number: row.pr_number,
      url: row.pr_url,
      state: row.pr_state,
      title: row.pr_title ?? '',
      base: row.pr_base ?? '',
      pushedCommit: row.pr_pushed ?? '',
    };
  }
  return repo;
};

/** The `session_repositories` table: each session's own copy of its repositories and their state. */
export class SessionRepositoriesTable {
  constructor(private readonly db: Db) {}

  insert(sessionId: string, repos: Omit<StoredSessionRepository, 'sessionId'>[]): void {
    const insert = this.db.prepare(
      `INSERT INTO session_repositories (session_id, name, position, source_kind, location, host_gitdir,
         base_branch, base_commit, seed_status, warnings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.db.transaction(() => {
      repos.forEach((r, position) =>
        insert.run(
          sessionId,
          r.name,
          position,
          r.source.kind,
          locationOf(r.source),
          r.hostGitdir,
          r.baseBranch,
          r.baseCommit,
          r.seed,
          JSON.stringify(r.warnings),
        ),
      );
    })();
  }

  list(sessionId: string): StoredSessionRepository[] {
    const rows = this.db
      .prepare('SELECT * FROM session_repositories WHERE session_id = ? ORDER BY position')
      .all(sessionId) as Row[];
    return rows.map(toRepository);
  }

  get(sessionId: string, name: string): StoredSessionRepository | undefined {
    const row = this.db
      .prepare('SELECT * FROM session_repositories WHERE session_id = ? AND name = ?')
      .get(sessionId, name) as Row | undefined;
    return row && toRepository(row);
  }

  update(sessionId: string, name: string, patch: SessionRepositoryPatch): void {
    const sets: string[] = [];
    const values: Record<string, unknown> = { sessionId, name };
    const set = (column: string, value: unknown): void => {
      sets.push(`${column} = @${column}`);
      values[column] = value;
    };
    if (patch.hostGitdir !== undefined) set('host_gitdir', patch.hostGitdir);
    if (patch.baseCommit !== undefined) set('base_commit', patch.baseCommit);
    if (patch.seed !== undefined) set('seed_status', patch.seed);
    if (patch.seedDetail !== undefined) set('seed_detail', patch.seedDetail);
    if (patch.warnings !== undefined) set('warnings', JSON.stringify(patch.warnings));
    if (patch.homeCommit !== undefined) set('home_commit', patch.homeCommit);
    const pr = patch.pullRequest;
    if (pr) {
      set('pr_number', pr.number);
      set('pr_url', pr.url);
      set('pr_state', pr.state);
      set('pr_title', pr.title);
      set('pr_base', pr.base);
      set('pr_pushed', pr.pushedCommit);
    }
    if (sets.length === 0) return;
    this.db
      .prepare(
        `UPDATE session_repositories SET ${sets.join(', ')} WHERE session_id = @sessionId AND name = @name`,
      )
      .run(values);
  }
}
