import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/fixtures/browser';
import { startBerth, type BerthServer } from '../e2e/fixtures/berthServer';
import { WorkbenchPage } from '../e2e/pages/WorkbenchPage';
import { ActivityTable, type NewActivity } from '../src/main/storage/activityTable';
import { openDb, type Db } from '../src/main/storage/db';
import { activityEvents, activityTurns } from './support/activityEvents';
import { fillLog, insertStoppedSession } from './support/activityStore';
import {
  activityLogSelector,
  installLogProbe,
  pageNow,
  readLogProbe,
  textOnScreen,
  type LongTask,
} from './support/logProbe';
import { compare, publish } from './support/report';
import { repeat, summarize } from './support/stats';

// The activity log (src/main/storage/activityTable.ts): (a) how fast events go to disk, beside
// raw INSERTs into the same table; (b) how long a session with 100k events takes to show its
// newest event in Chromium, beside a session of 10, and whether scrolling up through it stalls
// the main thread. Reports only, never asserts on timing; a log that never shows fails the run.

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

// ---- b. opening a long log in the browser ----------------------------------------------------

const longEvents = 100_000;
const shortEvents = 10;
const openRuns = 3;
/** How long the reader scrolls up through the long log, wheel notch after wheel notch. */
const scrollMs = 2000;
/** One wheel notch in Chromium on Linux is about 100 px; a fast reader flicks several at once. */
const wheelPx = 400;
/** Seconds at most for a log to show; more means it never will. */
const showTimeoutMs = 30_000;

interface LoggedSession {
  id: string;
  name: string;
  /** The summary of the newest event: what the reader sees at the bottom of the chat. */
  marker: string;
}

interface ScrollRun {
  longTasks: LongTask[];
  /** Long tasks that began within 200 ms after a big frame (an earlier page) arrived. */
  afterPage: number;
  /** Earlier pages the window asked for while scrolling. */
  pages: number;
  movedPx: number;
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const total = (tasks: LongTask[]): number => tasks.reduce((n, t) => n + t.duration, 0);

describe('activity log: a 100k-event session opened in Chromium', () => {
  let dataDir: string;
  let server: BerthServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let long: LoggedSession;
  let short: LoggedSession;
  const click = { long: [] as number[], short: [] as number[] };
  const load = { long: [] as number[], short: [] as number[] };
  /** Long tasks between the click and the first screen of the long log. */
  const openTasks: LongTask[][] = [];
  const scrolls: ScrollRun[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'berth-bench-open-'));
    const db = openDb(dataDir);
    try {
      const logged = (name: string, count: number): LoggedSession => {
        const marker = `Newest${name.replace(/\W/g, '')}Summary${Date.now().toString(36)}`;
        const id = insertStoppedSession(db, name);
        fillLog(db, id, activityTurns(count, marker));
        if (new ActivityTable(db).count(id) !== count) throw new Error(`${name}: wrong count`);
        return { id, name, marker };
      };
      long = logged('Long log', longEvents);
      short = logged('Short log', shortEvents);
    } finally {
      db.close();
    }
    server = await startBerth({ dataDir });
    chromium = await launchChromium();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (click.long.length !== openRuns || scrolls.length !== openRuns) return;
    const scrollTasks = scrolls.flatMap((s) => s.longTasks);
    const perRun = scrolls
      .map(
        (s, i) =>
          `run ${i + 1}: ${plural(s.longTasks.length, 'long task')}, ${total(s.longTasks).toFixed(0)} ms in all, longest ${Math.max(0, ...s.longTasks.map((t) => t.duration)).toFixed(0)} ms, ${s.afterPage} right after an earlier page arrived; ${plural(s.pages, 'earlier page')} loaded, ${s.movedPx.toFixed(0)} px scrolled`,
      )
      .join('; ');
    const opening = summarize(openTasks.map((tasks) => tasks.length));
    publish({
      key: 'activityOpen',
      title: `Opening a session of ${longEvents.toLocaleString('en')} activity events to its first screen (Chromium, browser mode)`,
      baseline: `the same page opening a session of ${shortEvents} events`,
      comparisons: [
        compare('click in the sidebar → newest event on screen', 'ms', click.long, click.short),
        compare('load #/session/<id> → newest event on screen', 'ms', load.long, load.short),
      ],
      notes: [
        'Both sessions are stopped (no sandbox); the data directory was filled with ActivityTable.append before berth serve started on it.',
        "Timed in the page: from the click's pointerdown (or the navigation's start) until the newest event's summary text is inside the Activity log's visible box, checked every animation frame. Each run uses a fresh browser context.",
        `Long tasks (> 50 ms) between the click and the first screen of the long log: median ${opening.median} a run [${opening.min}–${opening.max}].`,
        `Scrolling the long log upwards for ${scrollMs / 1000} s (wheel, ${wheelPx} px a notch): ${plural(scrollTasks.length, 'long task')} over ${openRuns} runs, ${total(scrollTasks).toFixed(0)} ms in all. Goal in the issue: none.`,
        perRun,
        'Goal in the issue: ≤ 1 s to the first screen.',
      ],
    });
  });

  /** A fresh context (no stored selection), the workbench open at its start, the probe in. */
  async function freshWorkbench(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await chromium.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await installLogProbe(context);
    const page = await context.newPage();
    const workbench = new WorkbenchPage(page);
    await workbench.open(server.url);
    await workbench.sessionItem(long.name).waitFor();
    await workbench.sessionItem(short.name).waitFor();
    if ((await page.locator(activityLogSelector).count()) !== 0) {
      throw new Error('a session is already open in a fresh window: the click would time nothing');
    }
    return { context, page };
  }

  /** Click in the sidebar → the newest event on screen; leaves the session open. */
  async function openByClick(page: Page, session: LoggedSession): Promise<number> {
    await new WorkbenchPage(page).sessionItem(session.name).click();
    const shown = await textOnScreen(page, session.marker, showTimeoutMs);
    return shown - (await readLogProbe(page)).pointerDownAt;
  }

  /** A new tab straight onto the session's address → the newest event on screen. */
  async function openByAddress(context: BrowserContext, session: LoggedSession) {
    const page = await context.newPage();
    await page.goto(`${server.origin}/#/session/${encodeURIComponent(session.id)}`);
    // The page's clock starts at the navigation.
    return { page, ms: await textOnScreen(page, session.marker, showTimeoutMs) };
  }

  /** Wheel notches upwards over the log for `scrollMs`, long tasks counted meanwhile. */
  async function scrollUp(page: Page): Promise<ScrollRun> {
    const log = page.locator(activityLogSelector);
    const box = await log.boundingBox();
    if (!box) throw new Error('the Activity log has no box to scroll');
    await pause(500);
    const before = await readLogProbe(page);
    const from = await pageNow(page);
    const top0 = await log.evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const end = Date.now() + scrollMs;
    let moved = 0;
    while (Date.now() < end) {
      await page.mouse.wheel(0, -wheelPx);
      moved += wheelPx;
      await pause(16);
    }
    // Work the last notches started (a page arriving, rows measured) still counts.
    await pause(500);
    const after = await readLogProbe(page);
    const top1 = await log.evaluate((el) => (el as unknown as { scrollTop: number }).scrollTop);
    const longTasks = after.longTasks.filter((t) => t.start >= from);
    const frames = after.bigFrames.filter((f) => f.at >= from);
    const afterPage = longTasks.filter((t) =>
      frames.some((f) => t.start >= f.at - 5 && t.start - f.at < 200),
    ).length;
    if (moved === 0) throw new Error('no wheel notch was sent');
    return {
      longTasks,
      afterPage,
      pages: after.activityCalls - before.activityCalls,
      // Loading an earlier page moves scrollTop down to keep rows in place: a lower bound.
      movedPx: top0 - top1,
    };
  }

  it(`${openRuns} runs: the ${longEvents}-event and the ${shortEvents}-event session, by click and by address`, async () => {
    await repeat(openRuns, async () => {
      for (const session of [long, short]) {
        const { context, page } = await freshWorkbench();
        try {
          const ms = await openByClick(page, session);
          (session === long ? click.long : click.short).push(ms);
          if (session === long) {
            const probe = await readLogProbe(page);
            openTasks.push(probe.longTasks.filter((t) => t.start >= probe.pointerDownAt));
          }
          const opened = await openByAddress(context, session);
          (session === long ? load.long : load.short).push(opened.ms);
          if (session === long) scrolls.push(await scrollUp(opened.page));
        } finally {
          await context.close();
        }
      }
    });
  });
});
