import type { ModelMessage } from 'ai';
import type { Db } from './db';

/**
 * `agent_messages`: the model transcript of each session, as the AI SDK's ModelMessages
 * (reasoning parts keep their provider metadata: Anthropic's thinking signatures live there).
 * Only compaction rewrites it; the activity log keeps the record.
 */
export class AgentTranscriptTable {
  constructor(private readonly db: Db) {}

  load(sessionId: string): ModelMessage[] {
    const rows = this.db
      .prepare('SELECT json FROM agent_messages WHERE session_id = ? ORDER BY seq')
      .all(sessionId) as { json: string }[];
    return rows.map((row) => JSON.parse(row.json) as ModelMessage);
  }

  append(sessionId: string, messages: readonly ModelMessage[]): void {
    const last = (
      this.db
        .prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM agent_messages WHERE session_id = ?')
        .get(sessionId) as { seq: number }
    ).seq;
    const insert = this.db.prepare(
      'INSERT INTO agent_messages (session_id, seq, json) VALUES (?, ?, ?)',
    );
    messages.forEach((message, i) => insert.run(sessionId, last + i + 1, JSON.stringify(message)));
  }

  /** Replaces the whole transcript (compaction); in the caller's transaction. */
  replace(sessionId: string, messages: readonly ModelMessage[]): void {
    this.db.prepare('DELETE FROM agent_messages WHERE session_id = ?').run(sessionId);
    this.append(sessionId, messages);
  }
}
