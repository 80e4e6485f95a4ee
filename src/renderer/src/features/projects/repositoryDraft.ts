import type {
  ProjectRepository,
  RepositoryInput,
  RepositoryInspection,
  RepositorySource,
} from '../../../../shared/contract/projects';

/** What the project form knows about one repository row while the user edits it. */
export interface RepositoryDraft {
  /** React key; stays the same while the row is edited. */
  key: string;
  /** What the user typed: a path, or an `http(s)://` clone URL. */
  location: string;
  /** Directory name under /workspace. */
  name: string;
  /** True once the user typed a directory name: a later inspection leaves it alone. */
  nameEdited: boolean;
  baseBranch: string | null;
  /** The branches to choose from; null until the location has been looked at. */
  branches: string[] | null;
  warnings: string[];
  /** The location the branches are for: looking again is only needed when it changes. */
  inspected: string | null;
  inspecting: boolean;
  /** Why the location could not be used, shown beside it. */
  error: string | null;
  /** The saved repository's location, for a row of an existing project. */
  saved: string | null;
}

let nextKey = 1;

export function emptyDraft(): RepositoryDraft {
  return {
    key: `r${nextKey++}`,
    location: '',
    name: '',
    nameEdited: false,
    baseBranch: null,
    branches: null,
    warnings: [],
    inspected: null,
    inspecting: false,
    error: null,
    saved: null,
  };
}

/** A saved repository as a row: its own base branch is the only one known until it is looked at. */
export function draftFromRepository(repository: ProjectRepository): RepositoryDraft {
  const location = locationOf(repository.source);
  return {
    ...emptyDraft(),
    location,
    saved: location,
    name: repository.name,
    nameEdited: true,
    baseBranch: repository.baseBranch,
    branches: repository.baseBranch === null ? [] : [repository.baseBranch],
  };
}

/** `http(s)://…` is a clone URL; anything else is a path on this machine. */
export function sourceOf(location: string): RepositorySource {
  const trimmed = location.trim();
  return /^https?:\/\//i.test(trimmed)
    ? { kind: 'url', url: trimmed }
    : { kind: 'path', path: trimmed };
}

export function locationOf(source: RepositorySource): string {
  return source.kind === 'url' ? source.url : source.path;
}

/** The row after an inspection: its branches, the default one picked, the suggested name. */
export function withInspection(
  draft: RepositoryDraft,
  inspection: RepositoryInspection,
): RepositoryDraft {
  const { branches, defaultBranch } = inspection;
  const keep = draft.baseBranch !== null && branches.includes(draft.baseBranch);
  return {
    ...draft,
    branches,
    warnings: inspection.warnings,
    baseBranch: keep ? draft.baseBranch : (defaultBranch ?? branches[0] ?? null),
    name: draft.nameEdited && draft.name.trim() !== '' ? draft.name : inspection.name,
    inspecting: false,
    error: null,
  };
}

/**
 * The row after a failed inspection: the error beside the location. A saved repository keeps
 * what is known of it (the place may be gone for a while; its settings are still the project's).
 */
export function withInspectionError(draft: RepositoryDraft, message: string): RepositoryDraft {
  const saved = draft.saved !== null && draft.saved === draft.location.trim();
  return {
    ...draft,
    inspecting: false,
    error: message,
    branches: saved ? draft.branches : null,
    warnings: saved ? draft.warnings : [],
  };
}

/** The rows worth sending (a row left empty is dropped), each with its row's key. */
export function repositoryInputs(
  drafts: RepositoryDraft[],
): { key: string; input: RepositoryInput }[] {
  return drafts
    .filter((d) => d.location.trim() !== '')
    .map((d) => ({
      key: d.key,
      input: {
        source: sourceOf(d.location),
        ...(d.name.trim() !== '' && { name: d.name.trim() }),
        ...(d.baseBranch !== null && { baseBranch: d.baseBranch }),
      },
    }));
}

export type RepositoryPart = 'source' | 'name' | 'baseBranch';

/** `repositories.1.source` → row 1's source; null for any other field. */
export function repositoryField(field: string): { index: number; part: RepositoryPart } | null {
  const match = /^repositories\.(\d+)\.(source|name|baseBranch)(?:\.|$)/.exec(field);
  if (!match) return null;
  return { index: Number(match[1]), part: match[2] as RepositoryPart };
}
