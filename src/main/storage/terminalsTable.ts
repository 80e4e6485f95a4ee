import type { Terminal, TerminalStatus } from '../../shared/contract';
import type { Db } from './db';

interface Row {
  id: string;
  session_id: string;
  title: string;
  status: TerminalStatus;
  exit_code: number | null;
  exit_reason: string | null;
  cols: number;
  rows: number;
  position: number;
  created_at: string;
}

const columns =
  'id, session_id, title, status, exit_code, exit_reason, cols, rows, position, created_at';

const toTerminal = (row: Row): Terminal => {
  const terminal: Terminal = {
    id: row.id,
    sessionId: row.session_id,
    title: row.title,
    status: row.status,
    cols: row.cols,
    rows: row.rows,
    position: row.position,
    createdAt: row.created_at,
  };
  if (row.exit_code !== null) terminal.exitCode = row.exit_code;
  if (row.exit_reason !== null) terminal.exitReason = row.exit_reason;
  return terminal;
};

export type TerminalPatch = Partial<Pick<Terminal, 'title' | 'status' | 'cols' | 'rows'>> & {
  exitCode?: number | null;
  exitReason?: string | null;
};

/** The `terminals` table: the tabs of each session, with the tail of their output. */
export class TerminalsTable {
  constructor(private readonly db: Db) {}

  insert(terminal: Terminal): void {
    this.db
      .prepare(
        `INSERT INTO terminals (id, session_id, title, status, cols, rows, position, created_at)
         VALUES (@id, @sessionId, @title, @status, @cols, @rows, @position, @createdAt)`,
      )
      .run(terminal);
  }

  get(id: string): Terminal | undefined {
    const row = this.db
      .prepare(`SELECT ${columns} FROM terminals WHERE id = ? AND closed_at IS NULL`)
      .get(id) as Row | undefined;
    return row && toTerminal(row);
  }

  /** Open tabs of a session, in tab order. */
  listBySession(sessionId: string): Terminal[] {
    const rows = this.db
      .prepare(
        `SELECT ${columns} FROM terminals WHERE session_id = ? AND closed_at IS NULL ORDER BY position, created_at`,
      )
      .all(sessionId) as Row[];
    return rows.map(toTerminal);
  }

  nextPosition(sessionId: string): number {
    const row = this.db
      .prepare('SELECT MAX(position) AS max FROM terminals WHERE session_id = ?')
      .get(sessionId) as { max: number | null };
    return (row.max ?? -1) + 1;
  }

  update(id: string, patch: TerminalPatch): Terminal {
    const current = this.get(id);
    if (!current) throw new Error(`No terminal ${id}`);
    this.db
      .prepare(
        `UPDATE terminals SET title = @title, status = @status, cols = @cols, rows = @rows,
           exit_code = @exitCode, exit_reason = @exitReason WHERE id = @id`,
      )
      .run({
        id,
        title: patch.title ?? current.title,
        status: patch.status ?? current.status,
        cols: patch.cols ?? current.cols,
        rows: patch.rows ?? current.rows,
        exitCode: patch.exitCode === undefined ? (current.exitCode ?? null) : patch.exitCode,
        exitReason:
          patch.exitReason === undefined ? (current.exitReason ?? null) : patch.exitReason,
      });
    return this.get(id)!;
  }

  /** Closing keeps the row (marked closed) so the session's history stays complete. */
  close(id: string, now = new Date().toISOString()): void {
    this.db.prepare('UPDATE terminals SET closed_at = ? WHERE id = ?').run(now, id);
  }

  saveScrollback(id: string, scrollback: string): void {
    this.db.prepare('UPDATE terminals SET scrollback = ? WHERE id = ?').run(scrollback, id);
  }

  scrollback(id: string): string {
    const row = this.db.prepare('SELECT scrollback FROM terminals WHERE id = ?').get(id) as
      { scrollback: string } | undefined;
    return row?.scrollback ?? '';
  }
}
