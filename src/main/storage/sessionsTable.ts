import type { Session, SessionStatus } from '../../shared/contract';
import type { Db } from './db';

interface Row {
  id: string;
  name: string;
  status: SessionStatus;
  status_detail: string | null;
  engine_id: string;
  image: string | null;
  container_id: string | null;
  project_id: string | null;
  task: string | null;
  branch: string | null;
  primary_repository: string | null;
  teammate_name: string | null;
  teammate_workbench: string | null;
  created_at: string;
  updated_at: string;
}

/** A session row; its repositories live in their own table. */
export type StoredSession = Omit<Session, 'progress' | 'repositories'>;

const toSession = (row: Row): StoredSession => {
  const session: StoredSession = {
    id: row.id,
    name: row.name,
    status: row.status,
    engineId: row.engine_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.status_detail) session.statusDetail = row.status_detail;
  if (row.image) session.image = row.image;
  if (row.container_id) session.containerId = row.container_id;
  if (row.project_id) session.projectId = row.project_id;
  if (row.task) session.task = row.task;
  if (row.branch) session.branch = row.branch;
  if (row.primary_repository) session.primaryRepository = row.primary_repository;
  if (row.teammate_name && row.teammate_workbench) {
    session.teammate = { name: row.teammate_name, workbenchId: row.teammate_workbench };
  }
  return session;
};

export type SessionPatch = Partial<
  Pick<StoredSession, 'status' | 'image' | 'containerId' | 'primaryRepository'>
> & {
  statusDetail?: string | null;
};

/** The `sessions` table: one row per session, kept after delete (status `deleted`) for audit. */
export class SessionsTable {
  constructor(private readonly db: Db) {}

  insert(session: StoredSession): void {
    this.db
      .prepare(
        `INSERT INTO sessions (id, name, status, status_detail, engine_id, image, container_id,
           project_id, task, branch, primary_repository, teammate_name, teammate_workbench,
           created_at, updated_at)
         VALUES (@id, @name, @status, @statusDetail, @engineId, @image, @containerId,
           @projectId, @task, @branch, @primaryRepository, @teammateName, @teammateWorkbench,
           @createdAt, @updatedAt)`,
      )
      .run({
        statusDetail: null,
        image: null,
        containerId: null,
        projectId: null,
        task: null,
        branch: null,
        primaryRepository: null,
        ...withoutTeammate(session),
        teammateName: session.teammate?.name ?? null,
        teammateWorkbench: session.teammate?.workbenchId ?? null,
      });
  }

  get(id: string): StoredSession | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE id = ?').get(id) as Row | undefined;
    return row && toSession(row);
  }

  /** Newest first. */
  list(includeDeleted = false): StoredSession[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM sessions ${includeDeleted ? '' : "WHERE status <> 'deleted'"} ORDER BY created_at DESC, rowid DESC`,
      )
      .all() as Row[];
    return rows.map(toSession);
  }

  /** The session whose sandbox this is (deleted ones included: a container may outlive them). */
  findByContainer(containerId: string): StoredSession | undefined {
    const row = this.db
      .prepare('SELECT * FROM sessions WHERE container_id = ? ORDER BY rowid DESC')
      .get(containerId) as Row | undefined;
    return row && toSession(row);
  }

  /** The live session with this name, compared case-insensitively. */
  findLiveByName(name: string): StoredSession | undefined {
    const row = this.db
      .prepare("SELECT * FROM sessions WHERE lower(name) = lower(?) AND status <> 'deleted'")
      .get(name) as Row | undefined;
    return row && toSession(row);
  }

  update(id: string, patch: SessionPatch, now = new Date().toISOString()): StoredSession {
    const current = this.get(id);
    if (!current) throw new Error(`No session ${id}`);
    const next = {
      status: patch.status ?? current.status,
      statusDetail:
        patch.statusDetail === undefined ? (current.statusDetail ?? null) : patch.statusDetail,
      image: patch.image ?? current.image ?? null,
      containerId: patch.containerId ?? current.containerId ?? null,
      primaryRepository: patch.primaryRepository ?? current.primaryRepository ?? null,
    };
    this.db
      .prepare(
        `UPDATE sessions SET status = @status, status_detail = @statusDetail, image = @image,
           container_id = @containerId, primary_repository = @primaryRepository, updated_at = @now,
           deleted_at = CASE WHEN @status = 'deleted' THEN @now ELSE deleted_at END
         WHERE id = @id`,
      )
      .run({ ...next, id, now });
    return this.get(id)!;
  }
}

function withoutTeammate(session: StoredSession): Omit<StoredSession, 'teammate'> {
  const { teammate: _teammate, ...rest } = session;
  return rest;
}
