import type { Db } from './db';

/** A port of a session the user wants forwarded now, or whenever it listens. */
export interface PortForwardRow {
  sessionId: string;
  port: number;
  /** The user asked for it (Open, forward by number); it stays until stopped. */
  wanted: boolean;
  /** Forwarded without asking whenever it listens. */
  alwaysForward: boolean;
  /** The port it last had on the user's machine. */
  localPort?: number;
}

interface Row {
  session_id: string;
  port: number;
  wanted: number;
  always_forward: number;
  local_port: number | null;
}

const toForward = (row: Row): PortForwardRow => ({
  sessionId: row.session_id,
  port: row.port,
  wanted: row.wanted === 1,
  alwaysForward: row.always_forward === 1,
  ...(row.local_port !== null ? { localPort: row.local_port } : {}),
});

/** The `port_forwards` table. A row with neither flag set is deleted. */
export class PortForwardsTable {
  constructor(private readonly db: Db) {}

  list(sessionId: string): PortForwardRow[] {
    const rows = this.db
      .prepare(
        `SELECT session_id, port, wanted, always_forward, local_port FROM port_forwards
         WHERE session_id = ? ORDER BY port`,
      )
      .all(sessionId) as Row[];
    return rows.map(toForward);
  }

  put(forward: PortForwardRow): void {
    if (!forward.wanted && !forward.alwaysForward) {
      this.db
        .prepare('DELETE FROM port_forwards WHERE session_id = ? AND port = ?')
        .run(forward.sessionId, forward.port);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO port_forwards (session_id, port, wanted, always_forward, local_port, updated_at)
         VALUES (@sessionId, @port, @wanted, @always, @localPort, @now)
         ON CONFLICT (session_id, port) DO UPDATE SET wanted = @wanted,
           always_forward = @always, local_port = @localPort, updated_at = @now`,
      )
      .run({
        sessionId: forward.sessionId,
        port: forward.port,
        wanted: forward.wanted ? 1 : 0,
        always: forward.alwaysForward ? 1 : 0,
        localPort: forward.localPort ?? null,
        now: new Date().toISOString(),
      });
  }
}
