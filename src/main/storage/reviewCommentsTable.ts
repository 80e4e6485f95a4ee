import { createHash } from 'node:crypto';
import type { CommentAnchor, CommentPosition, ReviewComment } from '../../shared/contract';
import type { Db } from './db';

interface Row {
  id: string;
  session_id: string;
  repository: string;
  anchor_json: string;
  snapshot_sha: string;
  position_path: string;
  position_start: number;
  position_end: number;
  position_status: CommentPosition['status'];
  body: string;
  state: ReviewComment['state'];
  resolved: number;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

/** A comment with the key of the file text it was made on. */
export interface StoredComment extends ReviewComment {
  snapshotSha: string;
}

const columns = `id, session_id, repository, anchor_json, snapshot_sha, position_path, position_start,
  position_end, position_status, body, state, resolved, created_at, updated_at, sent_at`;

function fromRow(r: Row): StoredComment {
  const comment: StoredComment = {
    id: r.id,
    sessionId: r.session_id,
    repository: r.repository,
    anchor: JSON.parse(r.anchor_json) as CommentAnchor,
    position: {
      path: r.position_path,
      startLine: r.position_start,
      endLine: r.position_end,
      status: r.position_status,
    },
    body: r.body,
    state: r.state,
    resolved: r.resolved === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    snapshotSha: r.snapshot_sha,
  };
  if (r.sent_at) comment.sentAt = r.sent_at;
  return comment;
}

/** `review_comments` and `review_snapshots`: comments, and the file texts they were made on. */
export class ReviewCommentsTable {
  constructor(private readonly db: Db) {}

  list(sessionId: string, repository?: string): StoredComment[] {
    const rows = (
      repository === undefined
        ? this.db
            .prepare(
              `SELECT ${columns} FROM review_comments WHERE session_id = ? ORDER BY created_at, rowid`,
            )
            .all(sessionId)
        : this.db
            .prepare(
              `SELECT ${columns} FROM review_comments WHERE session_id = ? AND repository = ? ORDER BY created_at, rowid`,
            )
            .all(sessionId, repository)
    ) as Row[];
    return rows.map(fromRow);
  }

  get(sessionId: string, id: string): StoredComment | undefined {
    const row = this.db
      .prepare(`SELECT ${columns} FROM review_comments WHERE session_id = ? AND id = ?`)
      .get(sessionId, id) as Row | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Saves a new comment and the text it was made on, in one transaction. */
  insert(comment: ReviewComment, snapshot: string): StoredComment {
    const sha = createHash('sha256').update(snapshot).digest('hex');
    const { anchor, position } = comment;
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR IGNORE INTO review_snapshots (sha, content) VALUES (?, ?)')
        .run(sha, snapshot);
      this.db
        .prepare(
          `INSERT INTO review_comments (id, session_id, repository, anchor_commit, anchor_path, side,
             start_line, end_line, anchor_json, snapshot_sha, position_path, position_start,
             position_end, position_status, body, state, resolved, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
        )
        .run(
          comment.id,
          comment.sessionId,
          comment.repository,
          anchor.commit,
          anchor.path,
          anchor.side,
          anchor.startLine,
          anchor.endLine,
          JSON.stringify(anchor),
          sha,
          position.path,
          position.startLine,
          position.endLine,
          position.status,
          comment.body,
          comment.createdAt,
          comment.updatedAt,
        );
    })();
    return { ...comment, snapshotSha: sha };
  }

  snapshot(sha: string): string | undefined {
    const row = this.db.prepare('SELECT content FROM review_snapshots WHERE sha = ?').get(sha) as
      { content: string } | undefined;
    return row?.content;
  }

  update(
    sessionId: string,
    id: string,
    patch: { body?: string; resolved?: boolean; position?: CommentPosition },
  ): void {
    const now = new Date().toISOString();
    const { body, resolved, position } = patch;
    this.db
      .prepare(
        `UPDATE review_comments SET
           body = COALESCE(?, body),
           resolved = COALESCE(?, resolved),
           position_path = COALESCE(?, position_path),
           position_start = COALESCE(?, position_start),
           position_end = COALESCE(?, position_end),
           position_status = COALESCE(?, position_status),
           updated_at = CASE WHEN ? IS NULL AND ? IS NULL THEN updated_at ELSE ? END
         WHERE session_id = ? AND id = ?`,
      )
      .run(
        body ?? null,
        resolved === undefined ? null : resolved ? 1 : 0,
        position?.path ?? null,
        position?.startLine ?? null,
        position?.endLine ?? null,
        position?.status ?? null,
        body ?? null,
        resolved === undefined ? null : 1,
        now,
        sessionId,
        id,
      );
  }

  /** Marks pending comments as sent with a message. */
  markSent(sessionId: string, ids: readonly string[], at: string): void {
    const mark = this.db.prepare(
      `UPDATE review_comments SET state = 'sent', sent_at = ? WHERE session_id = ? AND id = ? AND state = 'pending'`,
    );
    this.db.transaction(() => {
      for (const id of ids) mark.run(at, sessionId, id);
    })();
  }

  /** Makes sent comments pending again. */
  markPending(sessionId: string, ids: readonly string[]): void {
    const mark = this.db.prepare(
      `UPDATE review_comments SET state = 'pending', sent_at = NULL WHERE session_id = ? AND id = ?`,
    );
    this.db.transaction(() => {
      for (const id of ids) mark.run(sessionId, id);
    })();
  }

  remove(sessionId: string, id: string): boolean {
    return (
      this.db
        .prepare('DELETE FROM review_comments WHERE session_id = ? AND id = ?')
        .run(sessionId, id).changes === 1
    );
  }
}
