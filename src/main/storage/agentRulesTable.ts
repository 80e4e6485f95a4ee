import type { ApprovalRule } from '../../shared/contract';
import type { Db } from './db';

interface Row {
  id: string;
  tool: 'run_command';
  pattern: string;
  decision: ApprovalRule['decision'];
  created_at: string;
}

/** `agent_rules`: the user's approval rules per session. */
export class AgentRulesTable {
  constructor(private readonly db: Db) {}

  list(sessionId: string): ApprovalRule[] {
    const rows = this.db
      .prepare(
        'SELECT id, tool, pattern, decision, created_at FROM agent_rules WHERE session_id = ? ORDER BY created_at, rowid',
      )
      .all(sessionId) as Row[];
    return rows.map((r) => ({
      id: r.id,
      tool: r.tool,
      pattern: r.pattern,
      decision: r.decision,
      createdAt: r.created_at,
    }));
  }

  add(sessionId: string, rule: ApprovalRule): void {
    this.db
      .prepare(
        'INSERT INTO agent_rules (id, session_id, tool, pattern, decision, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(rule.id, sessionId, rule.tool, rule.pattern, rule.decision, rule.createdAt);
  }

  remove(sessionId: string, id: string): boolean {
    return (
      this.db.prepare('DELETE FROM agent_rules WHERE session_id = ? AND id = ?').run(sessionId, id)
        .changes === 1
    );
  }
}
