import {
  RpcError,
  branchNameError,
  sessionBranchFor,
  type Project,
  type RepositorySource,
} from '../../../shared/contract';
import type {
  SessionRepositoriesTable,
  StoredSessionRepository,
} from '../../storage/sessionRepositoriesTable';
import type { SessionsTable } from '../../storage/sessionsTable';
import { sourceKey } from '../projects/repositoryInspector';
import { listBranches, openHostRepo, resolveBranch } from '../git/hostRepository';
import { mirrorDir } from '../git/mirror';
import { listRemoteBranches } from '../git/remoteAccess';
import type { SettingsService } from '../settings/settingsService';
import * as fs from 'node:fs';

export interface PlanInput {
  name: string;
  repositories?: { id: string; baseBranch?: string }[];
  primaryRepository?: string;
  branch?: string;
}

export interface SessionPlan {
  branch: string;
  primaryRepository: string;
  repositories: Omit<StoredSessionRepository, 'sessionId'>[];
}

interface Candidate {
  repo: Omit<StoredSessionRepository, 'sessionId'>;
  /** Branch names that already exist for this repository. */
  taken: Set<string>;
}

/**
 * Decides what a new session checks out: which repositories, on which base, on which branch.
 * Refuses a branch that already exists in any of them (or in another live session on the same
 * repository), with a free name as `data.suggestion`.
 */
export async function planSessionRepositories(
  project: Project,
  input: PlanInput,
  settings: SettingsService,
  dataDir: string,
  branchesInUse: (source: RepositorySource) => string[],
): Promise<SessionPlan> {
  const chosen: { id: string; baseBranch?: string }[] =
    input.repositories ?? project.repositories.map((r) => ({ id: r.id }));
  if (chosen.length === 0) {
    throw new RpcError('invalid_input', 'Pick at least one repository of the project.', {
      field: 'repositories',
    });
  }
  if (new Set(chosen.map((c) => c.id)).size !== chosen.length) {
    throw new RpcError('invalid_input', 'A repository was chosen twice.', {
      field: 'repositories',
    });
  }
  const branch = input.branch ?? sessionBranchFor(input.name);
  const invalid = branchNameError(branch);
  if (invalid) throw new RpcError('invalid_input', invalid, { field: 'branch' });

  const candidates: Candidate[] = [];
  for (const pick of chosen) {
    const repo = project.repositories.find((r) => r.id === pick.id);
    if (!repo)
      throw new RpcError(
        'not_found',
        `Project "${project.name}" has no repository with id "${pick.id}".`,
        { field: 'repositories' },
      );
    const baseBranch = pick.baseBranch ?? repo.baseBranch;
    const field = { field: `repositories.${repo.name}` };
    const taken = new Set(branchesInUse(repo.source));
    let baseCommit: string | null = null;
    let hostGitdir: string | null = null;
    if (repo.source.kind === 'path') {
      const host = openHostRepo(repo.source.path);
      hostGitdir = host.gitdir;
      for (const b of await listBranches(host.gitdir)) taken.add(b);
      if (baseBranch) {
        baseCommit = await resolveBranch(host.gitdir, baseBranch);
        if (!baseCommit) {
          throw new RpcError(
            'invalid_input',
            `${repo.name} has no branch "${baseBranch}" any more.`,
            field,
          );
        }
      }
    } else {
      const remote = await listRemoteBranches(
        repo.source.url,
        settings.credentialsFor(repo.source.url),
      );
      for (const b of remote.branches) taken.add(b);
      if (baseBranch && !remote.branches.includes(baseBranch)) {
        throw new RpcError(
          'invalid_input',
          `${repo.name} has no branch "${baseBranch}" on its remote.`,
          field,
        );
      }
      const mirror = mirrorDir(dataDir, repo.source.url);
      if (fs.existsSync(mirror)) for (const b of await listBranches(mirror)) taken.add(b);
    }
    candidates.push({
      taken,
      repo: {
        name: repo.name,
        source: repo.source,
        hostGitdir,
        baseBranch,
        baseCommit,
        seed: 'pending',
        warnings: [],
      },
    });
  }

  const clash = candidates.find((c) => c.taken.has(branch));
  if (clash) {
    let n = 2;
    while (candidates.some((c) => c.taken.has(`${branch}-${n}`))) n += 1;
    const suggestion = `${branch}-${n}`;
    throw new RpcError(
      'conflict',
      `The branch ${branch} already exists in ${clash.repo.name}. Try ${suggestion}.`,
      { field: 'branch', suggestion },
    );
  }

  const names = candidates.map((c) => c.repo.name);
  const primaryRepository = input.primaryRepository ?? names[0]!;
  if (!names.includes(primaryRepository)) {
    throw new RpcError(
      'invalid_input',
      `The primary repository must be one of the chosen ones (${names.join(', ')}).`,
      { field: 'primaryRepository' },
    );
  }
  return { branch, primaryRepository, repositories: candidates.map((c) => c.repo) };
}

/** Branches live sessions already use on a repository: a new session there must pick another. */
export function branchesInUse(
  sessions: SessionsTable,
  repositories: SessionRepositoriesTable,
  source: RepositorySource,
): string[] {
  const key = sourceKey(source);
  return sessions
    .list(false)
    .filter((s) => s.branch && repositories.list(s.id).some((r) => sourceKey(r.source) === key))
    .map((s) => s.branch!);
}
