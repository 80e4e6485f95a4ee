import { z } from 'zod';
import type { RepositorySource } from './projects';
import { sessionIdSchema } from './sessions';

/** Where a repository of a session is in being copied into the sandbox. */
export type SeedStatus = 'pending' | 'seeding' | 'ready' | 'error';

export type PullRequestState = 'open' | 'closed' | 'merged';

export interface PullRequest {
  number: number;
  url: string;
  state: PullRequestState;
  title: string;
  /** The branch it merges into. */
  base: string;
  /** The commit last pushed to it from the session. */
  pushedCommit: string;
}

/** One repository of a session: `/workspace/<name>` on the session branch. */
export interface SessionRepository {
  name: string;
  source: RepositorySource;
  /** The branch the session branch was made from; null for a repository with no commits. */
  baseBranch: string | null;
  /** The commit the session branch started at. */
  baseCommit: string | null;
  seed: SeedStatus;
  /** Why seeding failed, when it did. */
  seedDetail?: string;
  /** Things that work differently for this repository (submodules, LFS), one sentence each. */
  warnings: string[];
  /** The session branch's commit last brought home, if it was. */
  homeCommit?: string;
  pullRequest?: PullRequest;
}

/** The live state of a repository's session branch in the sandbox. */
export interface BranchState {
  repository: string;
  branch: string;
  /** The commit the branch points at; null before the first commit of an empty repository. */
  head: string | null;
  /** Commits on the session branch that the base branch does not have. */
  ahead: number;
  /** Commits on the base branch (as seeded) that the session branch does not have. */
  behind: number;
  /** Files that differ from the branch's last commit: staged, unstaged and untracked. */
  changedFiles: number;
  /**
   * A digest of the changed files' names, sizes and modification times: it changes whenever a
   * changed file does (an edit to a file that was already modified included), so the Changes
   * panel knows when to read the list again.
   */
  changesKey: string;
  /** Set when the state could not be read (the sandbox is stopped, the repository was removed). */
  error?: string;
}

/** What bringing the branch home did. */
export interface HomeResult {
  repository: string;
  branch: string;
  commit: string;
  /** The host repository that now has the branch: the user's clone or Berth's mirror. */
  destination: string;
  /** Objects and bytes that travelled (0 when the branch was already home). */
  objects: number;
  bytes: number;
}

export interface PullRequestDraft {
  title: string;
  body: string;
  base: string;
  branch: string;
  /** Changed files not committed yet: opening the pull request commits them first. */
  uncommitted: string[];
  /** `agent` when the session's model wrote it; `template` from the task and commits. */
  draftedBy: 'agent' | 'template';
  /** Why the model's draft is missing, when it failed. */
  note?: string;
}

const repositoryName = z.string().min(1, 'repository must not be empty').max(64);
const target = z.object({ sessionId: sessionIdSchema, repository: repositoryName }).strict();

export const repositoriesInput = {
  state: z.object({ sessionId: sessionIdSchema }).strict(),
  setPrimary: target,
  bringHome: target,
  pullRequestDraft: target,
  createPullRequest: z
    .object({
      sessionId: sessionIdSchema,
      repository: repositoryName,
      title: z
        .string()
        .trim()
        .min(1, 'title must not be empty')
        .max(256, 'title must be at most 256 characters'),
      body: z.string().max(65_536, 'description must be at most 64 KiB'),
    })
    .strict(),
  push: target,
  refreshPullRequest: target,
};

export interface RepositoriesApi {
  /** The branch state of every repository of a running session, read from the sandbox now. */
  state(input: z.infer<typeof repositoriesInput.state>): Promise<BranchState[]>;
  /** Makes a repository the primary one: new terminals start in it. Remembered per session. */
  setPrimary(input: z.infer<typeof repositoriesInput.setPrimary>): Promise<void>;
  /**
   * Fetches the session branch from the sandbox into the host repository (the user's clone, or
   * Berth's mirror for a URL) as the local branch of the same name; only new objects travel.
   * Nothing else there changes. `conflict` when that branch is checked out there or has commits
   * the session does not have.
   */
  bringHome(input: z.infer<typeof repositoriesInput.bringHome>): Promise<HomeResult>;
  /**
   * A title and description for a pull request, written by the session's model from its work
   * (what changed and why, how it was tested); from the task and commits without a model.
   */
  pullRequestDraft(
    input: z.infer<typeof repositoriesInput.pullRequestDraft>,
  ): Promise<PullRequestDraft>;
  /**
   * Commits any uncommitted changes on the session branch with the title and description, then
   * brings the branch home, pushes it from the host to the repository's remote with the user's
   * credentials, and opens a pull request against the base branch. A rejected push fails with
   * the remote's own message.
   */
  createPullRequest(
    input: z.infer<typeof repositoriesInput.createPullRequest>,
  ): Promise<PullRequest>;
  /** Brings the branch home and pushes it again, updating the pull request. */
  push(input: z.infer<typeof repositoriesInput.push>): Promise<PullRequest>;
  /** Reads the pull request's state from the forge. */
  refreshPullRequest(
    input: z.infer<typeof repositoriesInput.refreshPullRequest>,
  ): Promise<PullRequest>;
}

export interface RepositoriesEvents {
  /** A session's branch state changed; topic is the session id. */
  state: { sessionId: string; repositories: BranchState[] };
}
