import { sessionBranchFor } from '../../../../shared/contract/branchNames';
import type { Project } from '../../../../shared/contract/projects';
import type { sessionsInput } from '../../../../shared/contract/sessions';
import type { z } from 'zod';

/** One repository of the chosen project in the new-session form. */
export interface RepositoryPick {
  id: string;
  /** Its directory name: the checkbox's label. */
  name: string;
  ticked: boolean;
  /** Null for a repository with no commits yet. */
  baseBranch: string | null;
}

export type SessionCreateInput = z.infer<typeof sessionsInput.create>;

/** Every repository of the project, ticked, on the project's base branch. */
export function picksFor(project: Project | undefined): RepositoryPick[] {
  return (project?.repositories ?? []).map((r) => ({
    id: r.id,
    name: r.name,
    ticked: true,
    baseBranch: r.baseBranch,
  }));
}

/** The primary repository: the chosen one while it is ticked, else the first ticked one. */
export function primaryAmong(picks: RepositoryPick[], chosen: string | null): string | null {
  const ticked = picks.filter((p) => p.ticked);
  if (chosen !== null && ticked.some((p) => p.name === chosen)) return chosen;
  return ticked[0]?.name ?? null;
}

/** The branch field follows the session name until the user types a branch of their own. */
export function shownBranch(sessionName: string, typed: string | null): string {
  return typed ?? sessionBranchFor(sessionName);
}

interface Draft {
  name: string;
  project: Project | undefined;
  picks: RepositoryPick[];
  primary: string | null;
  branch: string;
  task: string;
}

/** The `sessions.create` input for what the form shows. */
export function sessionCreateInput(draft: Draft): SessionCreateInput {
  const task = draft.task.trim() === '' ? {} : { task: draft.task };
  if (!draft.project) return { name: draft.name.trim(), ...task };
  const ticked = draft.picks.filter((p) => p.ticked);
  const primary = primaryAmong(draft.picks, draft.primary);
  return {
    name: draft.name.trim(),
    projectId: draft.project.id,
    repositories: ticked.map((p) => ({
      id: p.id,
      ...(p.baseBranch !== null && { baseBranch: p.baseBranch }),
    })),
    ...(primary !== null && { primaryRepository: primary }),
    ...(ticked.length > 0 && { branch: draft.branch.trim() }),
    ...task,
  };
}
