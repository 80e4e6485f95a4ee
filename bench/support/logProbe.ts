import type { BrowserContext, Page } from 'playwright-core';

/**
 * Probes for the chat's activity log, run inside the page on the page's own clock: when the
 * newest event's text is on screen, the long tasks (> 50 ms) the main thread had, the pages of
 * `agent.activity` the window asked for and the big frames it got. Only these functions run in
 * the page; the types below are the few DOM shapes they touch (the Node tsconfig has no DOM).
 */

interface Rect {
  top: number;
  bottom: number;
  height: number;
}
interface PageNode {
  nodeValue: string | null;
}
interface PageElement {
  getBoundingClientRect(): Rect;
}
interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    createTreeWalker(root: PageElement, whatToShow: number): { nextNode(): PageNode | null };
    createRange(): { selectNodeContents(node: PageNode): void; getBoundingClientRect(): Rect };
    addEventListener(type: 'pointerdown', listener: () => void, capture: boolean): void;
  };
  PerformanceObserver: new (
    callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void,
  ) => { observe(options: { type: string; buffered: boolean }): void };
  WebSocket: new (...args: never[]) => {
    addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
    send(data: unknown): void;
  };
  berthLog?: LogProbe;
}

/** A stretch of main-thread work over 50 ms, on the page clock. */
export interface LongTask {
  start: number;
  duration: number;
}

interface LogProbe {
  longTasks: LongTask[];
  /** performance.now() of the latest pointerdown anywhere (capture phase). */
  pointerDownAt: number;
  /** `agent.activity` calls the window made. */
  activityCalls: number;
  /** Arrival of every incoming frame over 16 KB (an activity page is tens to hundreds of KB). */
  bigFrames: { at: number; bytes: number }[];
}

/** The Activity log (ActivityLog.tsx: role="log", aria-label="Activity"). */
export const activityLogSelector = '[role="log"][aria-label="Activity"]';

/**
 * Before the app loads, in every page of `target`: the long-task observer, the pointer clock
 * and the socket counters.
 */
export async function installLogProbe(target: Page | BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals;
    const probe: LogProbe = { longTasks: [], pointerDownAt: 0, activityCalls: 0, bigFrames: [] };
    g.berthLog = probe;
    new g.PerformanceObserver((list) => {
      for (const e of list.getEntries())
        probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    g.document.addEventListener(
      'pointerdown',
      () => {
        probe.pointerDownAt = performance.now();
      },
      true,
    );
    const Native = g.WebSocket;
    g.WebSocket = class extends Native {
      constructor(...args: never[]) {
        super(...args);
        this.addEventListener('message', (event) => {
          const size = typeof event.data === 'string' ? event.data.length : 0;
          if (size > 16_384) probe.bigFrames.push({ at: performance.now(), bytes: size });
        });
      }
      override send(data: unknown): void {
        if (typeof data === 'string' && data.includes('"agent.activity"')) probe.activityCalls += 1;
        super.send(data);
      }
    };
  });
}

/**
 * Waits (every animation frame) until `text` is on screen inside the Activity log: in a text
 * node of the log whose box overlaps the log's visible box, not merely in the DOM (a virtual row
 * can be rendered before the list has scrolled to it). Resolves with the page's performance.now().
 */
export async function textOnScreen(page: Page, text: string, timeoutMs: number): Promise<number> {
  const handle = await page
    .waitForFunction(
      ([wanted, selector]) => {
        const g = globalThis as unknown as PageGlobals;
        const log = g.document.querySelector(selector);
        if (!log) return 0;
        const box = log.getBoundingClientRect();
        // 4 = NodeFilter.SHOW_TEXT.
        const walker = g.document.createTreeWalker(log, 4);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!(node.nodeValue ?? '').includes(wanted)) continue;
          const range = g.document.createRange();
          range.selectNodeContents(node);
          const r = range.getBoundingClientRect();
          if (r.height > 0 && r.bottom > box.top && r.top < box.bottom) return performance.now();
        }
        return 0;
      },
      [text, activityLogSelector] as const,
      { polling: 'raf', timeout: timeoutMs },
    )
    .catch((error: unknown) => {
      throw new Error(`"${text}" never showed in the Activity log: ${(error as Error).message}`, {
        cause: error,
      });
    });
  return (await handle.jsonValue()) as number;
}

/** What the probe saw so far. */
export async function readLogProbe(page: Page): Promise<LogProbe> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).berthLog!);
}

/** The page's performance.now(). */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}
