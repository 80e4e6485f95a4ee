import type { AttachmentInput, QueuedMessage } from '../../shared/contract';
import type { Db } from './db';

/** Review comments a message carries: the text the model reads, counts, and the comments' ids. */
export interface MessageReview {
  text: string;
  comments: number;
  files: number;
  ids: string[];
}

export interface StoredQueued {
  id: string;
  text: string;
  attachments: AttachmentInput[];
  review?: MessageReview;
}

/** `agent_queue`: messages written while a turn runs, sent in order when it ends. */
export class AgentQueueTable {
  constructor(private readonly db: Db) {}

  list(sessionId: string): StoredQueued[] {
    const rows = this.db
      .prepare(
        'SELECT id, text, attachments_json, review_json FROM agent_queue WHERE session_id = ? ORDER BY position',
      )
      .all(sessionId) as {
      id: string;
      text: string;
      attachments_json: string;
      review_json: string | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      text: row.text,
      attachments: JSON.parse(row.attachments_json) as AttachmentInput[],
      ...(row.review_json ? { review: JSON.parse(row.review_json) as MessageReview } : {}),
    }));
  }

  /** What the window shows: text and attachment names, not their content. */
  view(sessionId: string): QueuedMessage[] {
    return this.list(sessionId).map((q) => ({
      id: q.id,
      text: q.text,
      attachments: q.attachments.map((a) => ({
        name: a.name,
        mimeType: a.mimeType,
        bytes: attachmentBytes(a),
      })),
    }));
  }

  push(sessionId: string, message: StoredQueued): void {
    this.db
      .prepare(
        `INSERT INTO agent_queue (id, session_id, position, text, attachments_json, review_json, created_at)
         VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM agent_queue WHERE session_id = ?), ?, ?, ?, ?)`,
      )
      .run(
        message.id,
        sessionId,
        sessionId,
        message.text,
        JSON.stringify(message.attachments),
        message.review ? JSON.stringify(message.review) : null,
        new Date().toISOString(),
      );
  }

  /** Takes the oldest queued message off the queue. */
  shift(sessionId: string): StoredQueued | undefined {
    const first = this.list(sessionId)[0];
    if (first) this.remove(sessionId, first.id);
    return first;
  }

  remove(sessionId: string, id: string): boolean {
    return (
      this.db.prepare('DELETE FROM agent_queue WHERE session_id = ? AND id = ?').run(sessionId, id)
        .changes === 1
    );
  }
}

/** The size of an attachment's content in bytes (base64 decoded for images). */
export function attachmentBytes(a: AttachmentInput): number {
  if (a.text !== undefined) return Buffer.byteLength(a.text, 'utf8');
  const data = a.data ?? '';
  return Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
}
