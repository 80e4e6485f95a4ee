import * as fs from 'node:fs';
import git from 'isomorphic-git';
import { RpcError, type HomeResult } from '../../../shared/contract';
import type { StoredSessionRepository } from '../../storage/sessionRepositoriesTable';
import { checkedOutBranches, openHostRepo, resolveBranch } from '../git/hostRepository';
import { fetchFromSandbox } from '../git/sandboxFetch';
import { workspaceDir } from '../sandboxes/containerSpec';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';

/**
 * Brings a session branch home: git's fetch protocol with the sandbox's `git upload-pack` over
 * the exec channel, into the host repository (the user's clone, or Berth's mirror of a URL), as
 * the local branch of the same name. Only that one ref is written; the working tree, index,
 * HEAD and every other ref stay as they were.
 */
export async function bringHome(
  runtime: SandboxRuntime,
  containerId: string,
  repo: StoredSessionRepository,
  branch: string,
): Promise<HomeResult> {
  const gitdir = repo.hostGitdir;
  if (!gitdir || !fs.existsSync(gitdir)) {
    throw new RpcError(
      'not_found',
      `The host repository of ${repo.name} is gone (${gitdir ?? 'never made'}).`,
    );
  }
  const destination = repo.source.kind === 'path' ? openHostRepo(repo.source.path) : null;
  if (destination && checkedOutBranches(destination).has(branch)) {
    throw new RpcError(
      'conflict',
      `${branch} is checked out in ${destination.path}; Berth will not move a checked-out branch under your working tree. Switch that clone to another branch first.`,
    );
  }
  const local = await resolveBranch(gitdir, branch);
  const haves = [repo.baseCommit, repo.homeCommit, local].filter((oid): oid is string => !!oid);
  const { commit: want, ...fetched } = await fetchFromSandbox(
    runtime,
    containerId,
    `${workspaceDir}/${repo.name}`,
    branch,
    gitdir,
    local,
    haves,
  );
  if (
    local &&
    local !== want &&
    !(await git.isDescendent({ fs, gitdir, oid: want, ancestor: local, depth: -1 }))
  ) {
    throw new RpcError(
      'conflict',
      `Your local branch ${branch} has commits the session does not have; Berth left it as it was. Rename or delete it, then bring the branch home again.`,
    );
  }
  await git.writeRef({ fs, gitdir, ref: `refs/heads/${branch}`, value: want, force: true });
  return {
    repository: repo.name,
    branch,
    commit: want,
    destination: destination?.path ?? gitdir,
    ...fetched,
  };
}
