import type { z } from 'zod';
import {
  RpcError,
  type BranchState,
  type HomeResult,
  type PullRequest,
  type PullRequestDraft,
  type RepositoriesApi,
  type repositoriesInput,
} from '../../../shared/contract';
import type {
  SessionRepositoriesTable,
  StoredSessionRepository,
} from '../../storage/sessionRepositoriesTable';
import { createPullRequest, readPullRequest } from '../forge/github';
import { pushBranch } from '../git/remotePush';
import { workspaceDir } from '../sandboxes/containerSpec';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { SessionsService } from '../sessions/sessionsService';
import type { SettingsService } from '../settings/settingsService';
import type { BranchWatcher } from './branchWatcher';
import { bringHome } from './bringHome';
import { draftPullRequest } from './pullRequestDraft';
import { remoteUrlOf } from './remoteUrl';
import { commitUncommitted, readSessionWork, type SessionWork } from './sessionWork';

type Input<M extends keyof typeof repositoriesInput> = z.infer<(typeof repositoriesInput)[M]>;

/** A session's repositories: branch state, primary repository, bringing home, pull requests. */
export class RepositoriesService implements RepositoriesApi {
  constructor(
    private readonly deps: {
      sessions: SessionsService;
      table: SessionRepositoriesTable;
      runtime: SandboxRuntime;
      settings: SettingsService;
      watcher: BranchWatcher;
      /** Writes the title and description with the session's model; null without a model. */
      writePullRequest?: (
        sessionId: string,
        work: SessionWork & { base: string; branch: string },
      ) => Promise<{ title: string; body: string } | null>;
    },
  ) {}

  async state({ sessionId }: Input<'state'>): Promise<BranchState[]> {
    const session = this.deps.sessions.stored(sessionId);
    if (session.status !== 'running' || !session.containerId) {
      return this.deps.watcher.current(sessionId) ?? [];
    }
    return this.deps.watcher.readNow(sessionId, session.containerId);
  }

  async setPrimary({ sessionId, repository }: Input<'setPrimary'>): Promise<void> {
    this.require(sessionId, repository);
    this.deps.sessions.update(sessionId, { primaryRepository: repository });
  }

  async bringHome({ sessionId, repository }: Input<'bringHome'>): Promise<HomeResult> {
    const { repo, containerId, branch } = this.ready(sessionId, repository);
    const result = await bringHome(this.deps.runtime, containerId, repo, branch);
    this.deps.table.update(sessionId, repository, { homeCommit: result.commit });
    this.deps.sessions.touch(sessionId);
    return result;
  }

  async pullRequestDraft({
    sessionId,
    repository,
  }: Input<'pullRequestDraft'>): Promise<PullRequestDraft> {
    const { repo, containerId, branch } = this.ready(sessionId, repository);
    const session = this.deps.sessions.stored(sessionId);
    const repoDir = `${workspaceDir}/${repo.name}`;
    const work = await readSessionWork(this.deps.runtime, containerId, repoDir, repo.baseCommit);
    const base = repo.baseBranch ?? 'main';
    const template = draftPullRequest({
      sessionName: session.name,
      task: session.task,
      commits: work.commits,
      base,
      branch,
    });
    const facts = { uncommitted: work.uncommitted };
    try {
      const written = await this.deps.writePullRequest?.(sessionId, { ...work, base, branch });
      if (written) return { ...template, ...written, ...facts, draftedBy: 'agent' };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return {
        ...template,
        ...facts,
        draftedBy: 'template',
        note: `The model could not write the draft: ${why}`,
      };
    }
    return { ...template, ...facts, draftedBy: 'template' };
  }

  async createPullRequest(input: Input<'createPullRequest'>): Promise<PullRequest> {
    const { repo, branch } = this.ready(input.sessionId, input.repository);
    if (repo.pullRequest) {
      throw new RpcError(
        'conflict',
        `${repo.name} already has pull request #${repo.pullRequest.number}; use Push to update it.`,
      );
    }
    if (!repo.baseBranch) {
      throw new RpcError(
        'invalid_input',
        `${repo.name} had no commits when the session started, so there is no base branch to open a pull request against. Bring the branch home and push it from your clone.`,
      );
    }
    const { containerId } = this.ready(input.sessionId, input.repository);
    const repoDir = `${workspaceDir}/${repo.name}`;
    const work = await readSessionWork(this.deps.runtime, containerId, repoDir, repo.baseCommit);
    if (work.uncommitted.length > 0) {
      await commitUncommitted(this.deps.runtime, containerId, repoDir, input);
    }
    const { url, credentials, commit } = await this.pushHome(input.sessionId, repo, branch);
    const pull = await createPullRequest(credentials, url, {
      head: branch,
      base: repo.baseBranch,
      title: input.title,
      body: input.body,
      pushedCommit: commit,
    });
    return this.savePullRequest(input.sessionId, repo.name, pull);
  }

  async push({ sessionId, repository }: Input<'push'>): Promise<PullRequest> {
    const { repo, branch } = this.ready(sessionId, repository);
    if (!repo.pullRequest) {
      throw new RpcError('conflict', `${repo.name} has no pull request yet; create one first.`);
    }
    const { commit } = await this.pushHome(sessionId, repo, branch);
    return this.savePullRequest(sessionId, repo.name, {
      ...repo.pullRequest,
      pushedCommit: commit,
    });
  }

  async refreshPullRequest({
    sessionId,
    repository,
  }: Input<'refreshPullRequest'>): Promise<PullRequest> {
    const repo = this.require(sessionId, repository);
    if (!repo.pullRequest) throw new RpcError('not_found', `${repo.name} has no pull request.`);
    const url = remoteUrlOf(repo);
    const pull = await readPullRequest(
      this.deps.settings.credentialsFor(url),
      url,
      repo.pullRequest,
    );
    return this.savePullRequest(sessionId, repository, pull);
  }

  /**
   * Brings the branch home, then pushes it from the host repository to the remote with the
   * user's credentials: the one path both opening and updating a pull request take.
   */
  private async pushHome(sessionId: string, repo: StoredSessionRepository, branch: string) {
    const url = remoteUrlOf(repo);
    const { commit } = await this.bringHome({ sessionId, repository: repo.name });
    const credentials = this.deps.settings.credentialsFor(url);
    await pushBranch(repo.hostGitdir!, url, branch, credentials);
    return { url, credentials, commit };
  }

  /** Stores a pull request's state and tells every window. */
  private savePullRequest(sessionId: string, repository: string, pull: PullRequest): PullRequest {
    this.deps.table.update(sessionId, repository, { pullRequest: pull });
    this.deps.sessions.touch(sessionId);
    return pull;
  }

  private require(sessionId: string, name: string): StoredSessionRepository {
    const session = this.deps.sessions.stored(sessionId);
    const repo = this.deps.table.get(sessionId, name);
    if (!repo)
      throw new RpcError('not_found', `Session "${session.name}" has no repository "${name}".`);
    return repo;
  }

  /** A repository that is checked out in a running sandbox, with its session's branch. */
  private ready(sessionId: string, name: string) {
    const repo = this.require(sessionId, name);
    const containerId = this.deps.sessions.containerOf(sessionId);
    const branch = this.deps.sessions.stored(sessionId).branch;
    if (repo.seed !== 'ready' || !branch) {
      throw new RpcError(
        'conflict',
        `${repo.name} is not checked out in the sandbox (${repo.seedDetail ?? repo.seed}).`,
      );
    }
    return { repo, containerId, branch };
  }
}
