import type { PendingItem } from '../../shared/contract';
import type { Db } from './db';

/** A pending item with the tool call it holds back, so it can run after a restart. */
export interface StoredPending {
  item: PendingItem;
  tool: string;
  input: unknown;
  /** sha256 of the canonical input, checked again right before the call runs. */
  inputHash: string;
  resolution?: PendingResolution;
  /** Why the model's call was unusable, when it was (it gets an error result, never runs). */
  invalid?: string;
}

export type PendingResolution =
  | { kind: 'approved'; always: boolean }
  | { kind: 'denied'; reason?: string }
  | { kind: 'answered'; answers: { question: string; answer: string }[] };

/** `agent_pending`: approvals and questions waiting for the user; they survive a restart. */
export class AgentPendingTable {
  constructor(private readonly db: Db) {}

  list(sessionId: string): StoredPending[] {
    const rows = this.db
      .prepare('SELECT json, resolution FROM agent_pending WHERE session_id = ? ORDER BY rowid')
      .all(sessionId) as { json: string; resolution: string | null }[];
    return rows.map((row) => {
      const stored = JSON.parse(row.json) as StoredPending;
      if (row.resolution) stored.resolution = JSON.parse(row.resolution) as PendingResolution;
      return stored;
    });
  }

  add(sessionId: string, pending: StoredPending): void {
    this.db
      .prepare(
        'INSERT INTO agent_pending (session_id, tool_call_id, kind, json) VALUES (?, ?, ?, ?)',
      )
      .run(sessionId, pending.item.toolCallId, pending.item.kind, JSON.stringify(pending));
  }

  resolve(sessionId: string, toolCallId: string, resolution: PendingResolution): boolean {
    const result = this.db
      .prepare(
        'UPDATE agent_pending SET resolution = ? WHERE session_id = ? AND tool_call_id = ? AND resolution IS NULL',
      )
      .run(JSON.stringify(resolution), sessionId, toolCallId);
    return result.changes === 1;
  }

  clear(sessionId: string): void {
    this.db.prepare('DELETE FROM agent_pending WHERE session_id = ?').run(sessionId);
  }
}
