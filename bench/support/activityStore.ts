import { randomBytes } from 'node:crypto';
import { ActivityTable } from '../../src/main/storage/activityTable';
import type { Db } from '../../src/main/storage/db';
import { SessionsTable } from '../../src/main/storage/sessionsTable';
import type { ActivityTurn } from './activityEvents';

/**
 * A session row written straight into a data directory's database, as Berth would have left a
 * stopped session: no container, so the engine is never asked about it. The activity log's
 * foreign key needs it.
 */
export function insertStoppedSession(db: Db, name: string): string {
  const id = randomBytes(6).toString('hex');
  const now = new Date().toISOString();
  new SessionsTable(db).insert({
    id,
    name,
    status: 'stopped',
    engineId: 'local',
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** Appends turns through ActivityTable, up to 1,000 events a transaction (a filled log, fast). */
export function fillLog(db: Db, sessionId: string, turns: readonly ActivityTurn[]): void {
  const table = new ActivityTable(db);
  const batch = 1000;
  for (const { turn, events } of turns) {
    for (let i = 0; i < events.length; i += batch) {
      db.transaction(() => table.append(sessionId, turn, events.slice(i, i + batch)))();
    }
  }
}
