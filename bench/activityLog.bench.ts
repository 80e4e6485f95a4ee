import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { ActivityTable, type NewActivity } from '../src/main/storage/activityTable';
import { openDb, type Db } from '../src/main/storage/db';
import { activityEvents } from './support/activityEvents';
import { insertStoppedSession } from './support/activityStore';
import { compare, publish } from './support/report';
import { repeat } from './support/stats';

// The activity log (src/main/storage/activityTable.ts). Reports only, never asserts on timing.

// ---- a. append rate --------------------------------------------------------------------------

const batchedEvents = 100_000;
/** Events per transaction when batched: what a busy loop's writes could be grouped into. */
const batchSize = 1000;
/** One event per transaction, each a synced commit: a few thousand say enough. */
const singleEvents = 3000;
const batchedRuns = 5;
const singleRuns = 5;

/** Appends one transaction's events; made once per run, as a long-lived store holds its table. */
type Appender = (events: readonly NewActivity[]) => void;

/** Berth: ActivityTable.append inside a transaction, as the agent's store calls it. */
function berthAppender(db: Db, sessionId: string): Appender {
  const table = new ActivityTable(db);
  return (events) => db.transaction(() => table.append(sessionId, 1, events))();
}

/**
 * Baseline: a prepared INSERT of the same rows into the same table, sequence numbers counted in
 * JavaScript. It serializes the data too: storing an event means that much in any design.
 */
function rawAppender(db: Db, sessionId: string): Appender {
  const insert = db.prepare(
    'INSERT INTO activity (session_id, seq, turn, at, kind, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let seq = 0;
  return (events) => {
    db.transaction(() => {
      const at = new Date().toISOString();
      for (const event of events) {
        seq += 1;
        insert.run(sessionId, seq, 1, at, event.kind, JSON.stringify(event.data));
      }
    })();
  };
}

/**
 * Appends `events` in transactions of `size` to a fresh data directory's database (openDb: WAL,
 * synchronous=FULL, every migration) and returns events per second. Checks the log after.
 */
function appendRate(
  events: readonly NewActivity[],
  size: number,
  raw: boolean,
): { rate: number; stored: number } {
  const dir = mkdtempSync(join(tmpdir(), 'berth-bench-log-'));
  const db = openDb(dir);
  try {
    const sessionId = insertStoppedSession(db, 'append');
    const append = (raw ? rawAppender : berthAppender)(db, sessionId);
    const t0 = performance.now();
    for (let i = 0; i < events.length; i += size) {
      append(events.slice(i, i + size));
    }
    const seconds = (performance.now() - t0) / 1000;
    return { rate: events.length / seconds, stored: new ActivityTable(db).lastSeq(sessionId) };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('activity log: append rate on a real file (WAL, synchronous=FULL)', () => {
  const events = activityEvents(batchedEvents);
  const berthBatched: number[] = [];
  const rawBatched: number[] = [];
  const berthSingle: number[] = [];
  const rawSingle: number[] = [];
  const bytes = events.reduce((n, e) => n + JSON.stringify(e.data).length, 0);

  afterAll(() => {
    // A failed run publishes nothing: half a series would read as a result.
    if (berthBatched.length !== batchedRuns || berthSingle.length !== singleRuns) return;
    publish({
      key: 'activityAppend',
      title: `Activity log append: ${batchedEvents.toLocaleString('en')} events`,
      baseline:
        'a prepared better-sqlite3 INSERT of the same rows into the same activity table, same transactions, same pragmas',
      comparisons: [
        compare(
          `${batchedEvents / 1000}k events, ${batchSize} a transaction`,
          'events/s',
          berthBatched,
          rawBatched,
        ),
        compare(
          `${singleEvents.toLocaleString('en')} events, 1 a transaction`,
          'events/s',
          berthSingle,
          rawSingle,
        ),
      ],
      notes: [
        'Berth: ActivityTable.append in db.transaction, on a fresh data directory opened with openDb (WAL, foreign keys, synchronous=FULL).',
        `Realistic events: user messages, markdown model text, run_command calls and results with output; ${Math.round(bytes / events.length)} bytes of JSON an event on average.`,
        'Each run writes a fresh database file; runs alternate Berth and baseline.',
      ],
    });
  });

  it(`${batchedRuns} runs: ${batchedEvents} events, ${batchSize} a transaction`, async () => {
    await repeat(batchedRuns, async () => {
      const berth = appendRate(events, batchSize, false);
      const raw = appendRate(events, batchSize, true);
      expect([berth.stored, raw.stored]).toEqual([events.length, events.length]);
      berthBatched.push(berth.rate);
      rawBatched.push(raw.rate);
    });
  });

  it(`${singleRuns} runs: ${singleEvents} events, one a transaction`, async () => {
    const some = events.slice(0, singleEvents);
    await repeat(singleRuns, async () => {
      const berth = appendRate(some, 1, false);
      const raw = appendRate(some, 1, true);
      expect([berth.stored, raw.stored]).toEqual([some.length, some.length]);
      berthSingle.push(berth.rate);
      rawSingle.push(raw.rate);
    });
  });
});
