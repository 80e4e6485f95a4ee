import type { Locator, Page } from 'playwright-core';

/**
 * Timing of the Changes panel inside the page, on the page's own clock: t0 when a click's
 * pointerdown reaches the document (capture phase, before the app sees it), t1 on the first
 * animation frame where what the user waits for is in the DOM. The WebSocket is wrapped so each
 * `reviews.changes` / `reviews.file` call can be split into its round trip (call frame sent →
 * result frame arrived) and what the window did with it. Only these functions run in the page;
 * the types below are the few DOM shapes they touch (the Node tsconfig has no DOM library).
 */

interface PageElement {
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
}
interface PageGlobals {
  document: PageElement & {
    addEventListener(type: 'pointerdown', listener: () => void, capture: boolean): void;
  };
  PerformanceObserver: new (
    callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void,
  ) => { observe(options: { type: string; buffered: boolean }): void };
  WebSocket: new (...args: never[]) => {
    addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
    send(data: unknown): void;
  };
  berthReview?: ReviewProbe;
}

/** One `reviews.*` call the window made, on the page clock. */
export interface ReviewCall {
  method: string;
  sent: number;
  /** 0 until its result frame arrives. */
  received: number;
  /** The window cancelled it (a newer read replaced it): no result will come. */
  cancelled: boolean;
  /** Characters of the result frame. */
  chars: number;
}

interface ReviewProbe {
  pointerDownAt: number;
  calls: ReviewCall[];
  /** Main-thread tasks over 50 ms, on the page clock. */
  longTasks: { start: number; duration: number }[];
}

/** A click's wait: ms from its pointerdown, and that pointerdown on the page clock. */
export interface ClickTiming {
  ms: number;
  t0: number;
}

/** Before the app loads: the pointerdown clock and the WebSocket's review calls. */
export async function installReviewProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals;
    const probe: ReviewProbe = { pointerDownAt: 0, calls: [], longTasks: [] };
    g.berthReview = probe;
    new g.PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        probe.longTasks.push({ start: e.startTime, duration: e.duration });
      }
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
      private readonly pending = new Map<number, ReviewCall>();
      constructor(...args: never[]) {
        super(...args);
        // Added before the app's own listener, so it runs first: arrival, not handling.
        this.addEventListener('message', (event) => {
          const at = performance.now();
          if (typeof event.data !== 'string' || !event.data.startsWith('{"t":"result"')) return;
          const id = /"id":(\d+)/.exec(event.data.slice(0, 40));
          const call = id ? this.pending.get(Number(id[1])) : undefined;
          if (!call) return;
          this.pending.delete(Number(id![1]));
          call.received = at;
          call.chars = event.data.length;
        });
      }
      override send(data: unknown): void {
        if (
          typeof data === 'string' &&
          /^\{"t":"call".{0,40}"reviews\.(changes|file)"/.test(data)
        ) {
          const message = JSON.parse(data) as { id: number; method: string };
          const sent = performance.now();
          const call = { method: message.method, sent, received: 0, chars: 0, cancelled: false };
          this.pending.set(message.id, call);
          probe.calls.push(call);
        } else if (typeof data === 'string' && data.startsWith('{"t":"cancel"')) {
          const { id } = JSON.parse(data) as { id: number };
          const call = this.pending.get(id);
          if (call) call.cancelled = true;
          this.pending.delete(id);
        }
        super.send(data);
      }
    };
  });
}

/** The page's pointerdown time and review calls so far. */
async function readProbe(page: Page): Promise<ReviewProbe> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).berthReview!);
}

/** A page wait that timed out says what never showed, not only Playwright's timeout. */
async function explain<T>(what: string, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Clicks `target` and waits, every animation frame, until the panel's totals read `totals`
 * and at least one file row is rendered. Milliseconds from the click's pointerdown.
 */
export async function clickUntilTotals(
  page: Page,
  target: Locator,
  totals: string,
  timeoutMs: number,
): Promise<ClickTiming> {
  await target.click();
  const wait = page.waitForFunction(
    (wanted) => {
      const g = globalThis as unknown as PageGlobals;
      const panel = g.document.querySelector('.changes-panel');
      const shown = panel?.querySelector('.changes-totals')?.textContent ?? '';
      if (!shown.includes(wanted) || !panel?.querySelector('[data-path]')) return 0;
      const t0 = g.berthReview!.pointerDownAt;
      return { ms: performance.now() - t0, t0 };
    },
    totals,
    { polling: 'raf', timeout: timeoutMs },
  );
  const timing = await explain(`the totals never read "${totals}"`, wait);
  return (await timing.jsonValue()) as ClickTiming;
}

/**
 * Clicks `target` and waits, every animation frame, until a rendered line of the diff editor
 * (`.view-line` in `[data-testid="diff-editor"]`) shows `text`. Milliseconds from pointerdown.
 */
export async function clickUntilDiffLine(
  page: Page,
  target: Locator,
  text: string,
  timeoutMs: number,
): Promise<ClickTiming> {
  await target.click();
  const wait = page.waitForFunction(
    (wanted) => {
      const g = globalThis as unknown as PageGlobals;
      const lines = g.document.querySelectorAll('[data-testid="diff-editor"] .view-line');
      for (let i = 0; i < lines.length; i += 1) {
        const line = (lines[i]!.textContent ?? '').replace(/\u00a0/g, ' ');
        if (!line.includes(wanted)) continue;
        const t0 = g.berthReview!.pointerDownAt;
        return { ms: performance.now() - t0, t0 };
      }
      return 0;
    },
    text,
    { polling: 'raf', timeout: timeoutMs },
  );
  const timing = await explain(`no diff line showed "${text}"`, wait);
  return (await timing.jsonValue()) as ClickTiming;
}

/**
 * The round trip (call sent → result arrived, ms) of the first `method` call the window made
 * after the latest pointerdown, once its result is in, and when it arrived (ms after the
 * pointerdown); waits up to `timeoutMs` for it.
 */
export async function roundTripAfterClick(
  page: Page,
  method: string,
  timeoutMs: number,
): Promise<{ ms: number; chars: number; arrived: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await readProbe(page);
    const call = probe.calls.find(
      (c) => c.method === method && c.sent >= probe.pointerDownAt && !c.cancelled,
    );
    if (call && call.received > 0) {
      return {
        ms: call.received - call.sent,
        chars: call.chars,
        arrived: call.received - probe.pointerDownAt,
      };
    }
    if (Date.now() > deadline) {
      throw new Error(`the window made no ${method} call that ended within ${timeoutMs} ms`);
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Milliseconds of long main-thread tasks (> 50 ms) that began within `span` of a click. */
export async function longTaskMs(page: Page, span: ClickTiming): Promise<number> {
  return page.evaluate(
    ({ t0, ms }) =>
      (globalThis as unknown as PageGlobals)
        .berthReview!.longTasks.filter((t) => t.start >= t0 && t.start < t0 + ms)
        .reduce((sum, t) => sum + t.duration, 0),
    span,
  );
}

/** Waits until none of the window's review calls is in flight. */
export async function reviewCallsSettled(page: Page, timeoutMs: number): Promise<void> {
  const wait = page.waitForFunction(
    () =>
      (globalThis as unknown as PageGlobals).berthReview!.calls.every(
        (c) => c.received > 0 || c.cancelled,
      ),
    undefined,
    { polling: 100, timeout: timeoutMs },
  );
  await explain('a review call never ended', wait);
}
