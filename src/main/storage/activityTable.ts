import type { ActivityEvent, ActivityKind, ActivityData } from '../../shared/contract';
import type { Db } from './db';

interface Row {
  session_id: string;
  seq: number;
  turn: number;
  at: string;
  kind: string;
  data: string;
}

const toEvent = (row: Row): ActivityEvent =>
  ({
    sessionId: row.session_id,
    seq: row.seq,
    turn: row.turn,
    at: row.at,
    kind: row.kind,
    data: JSON.parse(row.data) as unknown,
  }) as ActivityEvent;

/** An event before it has its place in the log. */
export type NewActivity = {
  [K in ActivityKind]: { kind: K; data: ActivityData[K] };
}[ActivityKind];

/**
 * The `activity` table: the append-only log of each session (triggers refuse updates and
 * deletes). Sequence numbers are dense per session, so a page is one primary-key range scan
 * however long the log is.
 */
export class ActivityTable {
  private readonly insert;
  private readonly lastSeqStmt;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO activity (session_id, seq, turn, at, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.lastSeqStmt = db.prepare(
      'SELECT COALESCE(MAX(seq), 0) AS seq FROM activity WHERE session_id = ?',
    );
  }

  lastSeq(sessionId: string): number {
    return (this.lastSeqStmt.get(sessionId) as { seq: number }).seq;
  }

  /**
   * Appends events in order with the next sequence numbers and returns them as stored. Call it
   * inside the caller's transaction when other tables change with it.
   */
  append(sessionId: string, turn: number, events: readonly NewActivity[]): ActivityEvent[] {
    let seq = this.lastSeq(sessionId);
    const at = new Date().toISOString();
    return events.map((event) => {
      seq += 1;
      this.insert.run(sessionId, seq, turn, at, event.kind, JSON.stringify(event.data));
      return { sessionId, seq, turn, at, kind: event.kind, data: event.data } as ActivityEvent;
    });
  }

  /** Up to `limit` events after `afterSeq`, oldest first (the shared copy catches up with these). */
  after(sessionId: string, afterSeq: number, limit = 1000): ActivityEvent[] {
    const rows = this.db
      .prepare(
        `SELECT session_id, seq, turn, at, kind, data FROM activity
         WHERE session_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
      )
      .all(sessionId, afterSeq, limit) as Row[];
    return rows.map(toEvent);
  }

  /**
   * Stores an event copied from another workbench's log (a teammate's session) as it is, if it
   * is the next one; returns whether it was stored.
   */
  copy(event: ActivityEvent): boolean {
    if (event.seq !== this.lastSeq(event.sessionId) + 1) return false;
    this.insert.run(
      event.sessionId,
      event.seq,
      event.turn,
      event.at,
      event.kind,
      JSON.stringify(event.data),
    );
    return true;
  }

  /** The newest `limit` events before `beforeSeq` (or the newest), oldest first. */
  page(
    sessionId: string,
    limit: number,
    beforeSeq?: number,
  ): { events: ActivityEvent[]; hasMore: boolean } {
    const rows = this.db
      .prepare(
        `SELECT session_id, seq, turn, at, kind, data FROM activity
         WHERE session_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
      )
      .all(sessionId, beforeSeq ?? Number.MAX_SAFE_INTEGER, limit + 1) as Row[];
    const hasMore = rows.length > limit;
    return { events: rows.slice(0, limit).reverse().map(toEvent), hasMore };
  }

  /** Events of some kinds in a turn, oldest first (recovery and stuck detection read these). */
  ofTurn(sessionId: string, turn: number, kinds: readonly ActivityKind[]): ActivityEvent[] {
    const marks = kinds.map(() => '?').join(', ');
    const rows = this.db
      .prepare(
        `SELECT session_id, seq, turn, at, kind, data FROM activity
         WHERE session_id = ? AND turn = ? AND kind IN (${marks}) ORDER BY seq`,
      )
      .all(sessionId, turn, ...kinds) as Row[];
    return rows.map(toEvent);
  }

  /** The newest `limit` events of some kinds, oldest first (what a summary needs, not all). */
  recentOfKinds(sessionId: string, kinds: readonly ActivityKind[], limit: number): ActivityEvent[] {
    const marks = kinds.map(() => '?').join(', ');
    const rows = this.db
      .prepare(
        `SELECT session_id, seq, turn, at, kind, data FROM activity
         WHERE session_id = ? AND kind IN (${marks}) ORDER BY seq DESC LIMIT ?`,
      )
      .all(sessionId, ...kinds, limit) as Row[];
    return rows.reverse().map(toEvent);
  }

  count(sessionId: string): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM activity WHERE session_id = ?').get(sessionId) as {
        n: number;
      }
    ).n;
  }
}
