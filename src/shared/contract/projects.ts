import { z } from 'zod';

/**
 * Where a repository comes from: a git clone on the user's machine, or a clone URL (Berth keeps
 * a mirror of it in its data directory).
 */
export type RepositorySource = { kind: 'path'; path: string } | { kind: 'url'; url: string };

export interface ProjectRepository {
  id: string;
  /** The directory it gets in every sandbox: `/workspace/<name>`. Unique within the project. */
  name: string;
  source: RepositorySource;
  /** The branch sessions start from by default; null for a repository with no commits yet. */
  baseBranch: string | null;
}

export interface Project {
  id: string;
  name: string;
  repositories: ProjectRepository[];
  createdAt: string;
  updatedAt: string;
}

/** What Berth found at a path or URL: the form lists its branches and suggests a name. */
export interface RepositoryInspection {
  /** Suggested directory name (the last segment of the path or URL). */
  name: string;
  /** Branch names, default first then alphabetical; empty for a repository with no commits. */
  branches: string[];
  /** The repository's default branch (the remote's HEAD, else the checked-out branch). */
  defaultBranch: string | null;
  /** Things that work differently there (submodules, LFS, shallow history), one sentence each. */
  warnings: string[];
}

export const projectNameSchema = z
  .string({ error: 'name must be a string' })
  .trim()
  .min(1, 'name must not be empty')
  .max(64, 'name must be at most 64 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'name must not contain control characters');

export const repositorySourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('path'),
      path: z.string().trim().min(1, 'path must not be empty').max(4096, 'path is too long'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('url'),
      url: z
        .string()
        .trim()
        .max(2048, 'URL is too long')
        .regex(/^https?:\/\/[^\s]+$/i, 'URL must start with https:// (or http://)'),
    })
    .strict(),
]);

const repositoryInput = z
  .object({
    /** Directory name; suggested from the source when absent. */
    name: z
      .string()
      .trim()
      .min(1, 'directory name must not be empty')
      .max(64, 'directory name must be at most 64 characters')
      .regex(
        /^[A-Za-z0-9_][A-Za-z0-9._-]*$/,
        'directory name may use letters, digits, ".", "_" and "-" only',
      )
      .optional(),
    source: repositorySourceSchema,
    /** Defaults to the repository's default branch. */
    baseBranch: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export type RepositoryInput = z.infer<typeof repositoryInput>;

export const projectIdSchema = z.string().min(1, 'id must not be empty').max(64, 'id is too long');

export const projectsInput = {
  list: z.object({}).strict(),
  get: z.object({ id: projectIdSchema }).strict(),
  create: z
    .object({
      name: projectNameSchema,
      repositories: z.array(repositoryInput).max(16, 'a project has at most 16 repositories'),
    })
    .strict(),
  update: z
    .object({
      id: projectIdSchema,
      name: projectNameSchema,
      repositories: z.array(repositoryInput).max(16, 'a project has at most 16 repositories'),
    })
    .strict(),
  delete: z.object({ id: projectIdSchema }).strict(),
  inspectRepository: z.object({ source: repositorySourceSchema }).strict(),
};

export interface ProjectsApi {
  /** Projects by name. */
  list(input: z.infer<typeof projectsInput.list>): Promise<Project[]>;
  /** One project; `not_found` if there is none. */
  get(input: z.infer<typeof projectsInput.get>): Promise<Project>;
  /**
   * Creates a project after checking every repository: a path must be a git repository, a URL
   * must answer (with the credentials in Settings, if it needs them), a base branch must exist,
   * and no repository or directory name may appear twice. `invalid_input` or `conflict` with
   * `data.field` naming the field (`name`, `repositories.1.source`, `repositories.0.baseBranch`).
   */
  create(input: z.infer<typeof projectsInput.create>): Promise<Project>;
  /** Replaces a project's name and repositories, checked as in `create`. Sessions keep theirs. */
  update(input: z.infer<typeof projectsInput.update>): Promise<Project>;
  /** Deletes the project; its sessions keep their repositories and go on working. */
  delete(input: z.infer<typeof projectsInput.delete>): Promise<void>;
  /**
   * Looks at a path or URL without saving anything: its branches, default branch, a suggested
   * directory name and warnings. `invalid_input` (with `data.field = 'source'`) when it is not a
   * git repository, does not answer, or needs credentials that were not given.
   */
  inspectRepository(
    input: z.infer<typeof projectsInput.inspectRepository>,
  ): Promise<RepositoryInspection>;
}

export interface ProjectsEvents {
  /** A project was created or changed. */
  changed: Project;
  /** A project was deleted. */
  deleted: { id: string };
}
