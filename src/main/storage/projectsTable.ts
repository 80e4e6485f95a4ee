import type { Project, ProjectRepository, RepositorySource } from '../../shared/contract';
import type { Db } from './db';

interface ProjectRow {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

interface RepositoryRow {
  id: string;
  project_id: string;
  name: string;
  source_kind: RepositorySource['kind'];
  location: string;
  base_branch: string | null;
}

export const sourceOf = (kind: RepositorySource['kind'], location: string): RepositorySource =>
  kind === 'path' ? { kind, path: location } : { kind, url: location };

export const locationOf = (source: RepositorySource): string =>
  source.kind === 'path' ? source.path : source.url;

/** The `projects` and `project_repositories` tables: a project and its repositories in order. */
export class ProjectsTable {
  constructor(private readonly db: Db) {}

  list(): Project[] {
    const rows = this.db
      .prepare('SELECT * FROM projects ORDER BY lower(name)')
      .all() as ProjectRow[];
    return rows.map((row) => this.toProject(row));
  }

  get(id: string): Project | undefined {
    const row = this.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as
      ProjectRow | undefined;
    return row && this.toProject(row);
  }

  findByName(name: string): Project | undefined {
    const row = this.db.prepare('SELECT * FROM projects WHERE lower(name) = lower(?)').get(name) as
      ProjectRow | undefined;
    return row && this.toProject(row);
  }

  /** Inserts or replaces a project with its repositories, in one transaction. */
  save(project: Project): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO projects (id, name, created_at, updated_at) VALUES (@id, @name, @createdAt, @updatedAt)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
        )
        .run(project);
      this.db.prepare('DELETE FROM project_repositories WHERE project_id = ?').run(project.id);
      const insert = this.db.prepare(
        `INSERT INTO project_repositories (id, project_id, position, name, source_kind, location, base_branch)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      );
      project.repositories.forEach((repo, position) =>
        insert.run(
          repo.id,
          project.id,
          position,
          repo.name,
          repo.source.kind,
          locationOf(repo.source),
          repo.baseBranch,
        ),
      );
    })();
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM projects WHERE id = ?').run(id);
  }

  private toProject(row: ProjectRow): Project {
    const repos = this.db
      .prepare('SELECT * FROM project_repositories WHERE project_id = ? ORDER BY position')
      .all(row.id) as RepositoryRow[];
    return {
      id: row.id,
      name: row.name,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      repositories: repos.map((r): ProjectRepository => ({
        id: r.id,
        name: r.name,
        source: sourceOf(r.source_kind, r.location),
        baseBranch: r.base_branch,
      })),
    };
  }
}
