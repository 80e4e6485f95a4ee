import type { Page } from 'playwright-core';

/**
 * A clock inside the page for terminal measurements with several tabs, on the page's own clock:
 * t0 at a key's keydown (document, capture phase: before xterm sees it), tSend when the page
 * sends its first `terminals.write` after that, tWs when the wanted `terminals.output` frame
 * arrives (before the app's listener runs), t1 when a MutationObserver on the visible tab's
 * `.xterm-rows` sees the wanted text; from `arm` to t1 it also counts each terminal's output
 * frames (so a hidden tab's flood can be shown to reach the page). It finds the visible tab the
 * way a screen reader does (the selected tab of the "Terminals" tablist and the panel it
 * controls), so it needs nothing from the app but its markup. The types below are the few DOM
 * shapes it touches (the Node tsconfig has no DOM library).
 */
interface PageElement {
  textContent: string | null;
  children: ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  getClientRects(): ArrayLike<unknown>;
}
interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    getElementById(id: string): PageElement | null;
    addEventListener(
      type: 'keydown',
      listener: (event: { key: string; ctrlKey: boolean }) => void,
      capture: boolean,
    ): void;
  };
  getComputedStyle(element: PageElement): {
    visibility: string;
    fontFamily: string;
    fontSize: string;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: Record<string, boolean>): void;
    disconnect(): void;
  };
  WebSocket: new (...args: never[]) => {
    addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
    send(data: unknown): void;
  };
  TextDecoder: new () => { decode(data: unknown): string };
  Blob: new () => { text(): Promise<string> };
  ArrayBuffer: { isView(value: unknown): boolean };
  berthTerminalClock?: Clock;
}

/** What stops the clock: text anywhere in the visible rows, or the last non-empty row's end. */
export type Until = { contains: string } | { lastRowEndsWith: string };

interface Clock {
  key: string;
  ctrl: boolean;
  /** Text the wanted `terminals.output` frame holds ('' = the first output frame). */
  wsWant: string;
  until: Until | null;
  /** When `arm` ran: output frames are counted from here (a window before the key, too). */
  tArm: number;
  t0: number;
  tSend: number;
  tWs: number;
  t1: number;
  /** The topic (terminal id) of the frame that set tWs, so other tabs' frames can be told apart. */
  wantTopic: string;
  /** Characters of `terminals.output` frames per topic between tArm and t1 (wire size). */
  chars: Record<string, number>;
  observer: { disconnect(): void } | null;
  /**
   * The visible terminal's rows: the selected tab of the Terminals tablist names its panel
   * (aria-controls); failing that, the first tabpanel that is laid out and visible.
   */
  visibleRows(): PageElement | null;
  /** Whether `until` holds for these rows (no-break spaces read as spaces). */
  holds(rows: PageElement, until: Until): boolean;
}

/** One measurement, on the page clock; null where that hop was not seen. */
export interface ClockReading {
  /** keydown → the wanted text in the DOM rows. */
  ms: number;
  /** keydown → the page sent its `terminals.write` frame. */
  sendMs: number | null;
  /** keydown → the wanted `terminals.output` frame arrived in the page. */
  wsMs: number | null;
  /**
   * Wire characters of other terminals' output frames that arrived between `arm` and t1; null
   * when the wanted frame was not seen (then which terminal is "other" is unknown).
   */
  otherChars: number | null;
  /** arm → t1: the window `otherChars` was counted in. */
  countedMs: number;
}

/**
 * Must run before the app loads (an init script): the WebSocket has to be wrapped before the app
 * opens it. Frames are timed as they arrive, ahead of the app's own listener; text, ArrayBuffer
 * and Blob frames are all looked into, so a change of wire format keeps the clock working as long
 * as the frame still names `terminals.output` / `terminals.write`.
 */
export async function installTerminalClock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals;
    const clock: Clock = {
      key: '',
      ctrl: false,
      wsWant: '',
      until: null,
      tArm: 0,
      t0: 0,
      tSend: 0,
      tWs: 0,
      t1: 0,
      wantTopic: '',
      chars: {},
      observer: null,
      visibleRows() {
        const tab = g.document.querySelector(
          '[role="tablist"][aria-label="Terminals"] [role="tab"][aria-selected="true"]',
        );
        const controlled = tab?.getAttribute('aria-controls');
        const panel = controlled ? g.document.getElementById(controlled) : null;
        const rows = panel?.querySelector('.xterm-rows');
        if (rows) return rows;
        const panels = g.document.querySelectorAll('[role="tabpanel"]');
        for (let i = 0; i < panels.length; i += 1) {
          const candidate = panels[i]!;
          if (candidate.getClientRects().length === 0) continue;
          if (g.getComputedStyle(candidate).visibility !== 'visible') continue;
          const found = candidate.querySelector('.xterm-rows');
          if (found) return found;
        }
        return null;
      },
      holds(rows, until) {
        const clean = (text: string | null): string => (text ?? '').replace(/\u00a0/g, ' ');
        if ('contains' in until) return clean(rows.textContent).includes(until.contains);
        for (let i = rows.children.length - 1; i >= 0; i -= 1) {
          const line = clean(rows.children[i]!.textContent).trimEnd();
          if (line !== '') return line.endsWith(until.lastRowEndsWith);
        }
        return false;
      },
    };
    g.berthTerminalClock = clock;
    const counting = (): boolean => clock.tArm !== 0 && clock.t1 === 0;
    g.document.addEventListener(
      'keydown',
      (event) => {
        // Playwright's Control+C reports key 'C': with Ctrl the letter's case does not matter.
        const key = clock.ctrl ? event.key.toLowerCase() : event.key;
        if (clock.key !== '' && clock.t0 === 0 && key === clock.key) {
          if (event.ctrlKey === clock.ctrl) clock.t0 = performance.now();
        }
      },
      true,
    );
    const decoder = new g.TextDecoder();
    // Calls `use` with the frame's text, at once for text and binary, later for a Blob.
    const withText = (data: unknown, use: (text: string) => void): void => {
      if (typeof data === 'string') use(data);
      else if (data instanceof g.Blob) void data.text().then(use);
      else if (data instanceof ArrayBuffer || g.ArrayBuffer.isView(data)) use(decoder.decode(data));
    };
    const onOutput = (at: number, text: string): void => {
      if (!text.includes('terminals.output')) return;
      const topic = /"topic":"([^"]*)"/.exec(text.slice(0, 300))?.[1] ?? '?';
      clock.chars[topic] = (clock.chars[topic] ?? 0) + text.length;
      if (clock.t0 === 0 || at < clock.t0 || clock.tWs !== 0) return;
      if (clock.wsWant === '' || text.includes(clock.wsWant)) {
        clock.tWs = at;
        clock.wantTopic = topic;
      }
    };
    const Native = g.WebSocket;
    g.WebSocket = class extends Native {
      constructor(...args: never[]) {
        super(...args);
        this.addEventListener('message', (event) => {
          const at = performance.now();
          if (counting()) withText(event.data, (text) => onOutput(at, text));
        });
      }
      override send(data: unknown): void {
        const at = performance.now();
        if (clock.t0 !== 0 && clock.t1 === 0 && clock.tSend === 0) {
          withText(data, (text) => {
            if (clock.tSend === 0 && text.includes('terminals.write')) clock.tSend = at;
          });
        }
        super.send(data);
      }
    };
  });
}

/**
 * Arms the clock on the visible tab: the next keydown of `key` (with or without Ctrl) starts it,
 * `until` stops it. Throws if `until` already holds (the screen is not what the bench thinks).
 */
export async function arm(
  page: Page,
  target: { key: string; ctrl?: boolean; wsWant?: string; until: Until },
): Promise<void> {
  const problem = await page.evaluate(
    ([key, ctrl, wsWant, until]) => {
      const g = globalThis as unknown as PageGlobals;
      const clock = g.berthTerminalClock;
      if (!clock) return 'the terminal clock is not installed (installTerminalClock, then load)';
      const rows = clock.visibleRows();
      if (!rows) return 'no visible terminal rows (is the DOM renderer on?)';
      if (clock.holds(rows, until)) return `${JSON.stringify(until)} already holds before the key`;
      clock.observer?.disconnect();
      Object.assign(clock, { key, ctrl, wsWant, until, t0: 0, tSend: 0, tWs: 0, t1: 0 });
      Object.assign(clock, { wantTopic: '', chars: {}, tArm: performance.now() });
      const observer = new g.MutationObserver(() => {
        if (clock.t0 === 0 || clock.t1 !== 0) return;
        if (clock.holds(rows, until)) {
          clock.t1 = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(rows, { childList: true, subtree: true, characterData: true });
      clock.observer = observer;
      return '';
    },
    [target.key, target.ctrl ?? false, target.wsWant ?? '', target.until] as const,
  );
  if (problem) throw new Error(`cannot arm the terminal clock: ${problem}`);
}

/** Waits (checking every animation frame) until the armed clock stopped; its reading. */
export async function reading(page: Page, timeoutMs: number): Promise<ClockReading> {
  try {
    const handle = await page.waitForFunction(
      () => {
        const c = (globalThis as unknown as PageGlobals).berthTerminalClock!;
        if (c.t0 === 0 || c.t1 === 0) return 0;
        let otherChars = 0;
        for (const [topic, chars] of Object.entries(c.chars)) {
          if (topic !== c.wantTopic) otherChars += chars;
        }
        return {
          ms: c.t1 - c.t0,
          sendMs: c.tSend === 0 ? null : c.tSend - c.t0,
          wsMs: c.tWs === 0 ? null : c.tWs - c.t0,
          otherChars: c.wantTopic === '' ? null : otherChars,
          countedMs: c.t1 - c.tArm,
        };
      },
      undefined,
      { polling: 'raf', timeout: timeoutMs },
    );
    return (await handle.jsonValue()) as ClockReading;
  } catch (error) {
    const state = await page
      .evaluate(() => {
        const c = (globalThis as unknown as PageGlobals).berthTerminalClock;
        return c ? { until: c.until, keySeen: c.t0 !== 0, frameSeen: c.tWs !== 0 } : null;
      })
      .catch(() => null);
    throw new Error(
      `the terminal never showed what was awaited (${JSON.stringify(state)}): ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/** Waits (on animation frames) until `until` holds in the visible tab, outside any measurement. */
export async function waitForVisible(page: Page, until: Until, timeoutMs: number): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted) => {
        const clock = (globalThis as unknown as PageGlobals).berthTerminalClock!;
        const rows = clock.visibleRows();
        return rows !== null && clock.holds(rows, wanted);
      },
      until,
      { polling: 'raf', timeout: timeoutMs },
    );
  } catch (error) {
    throw new Error(`the visible terminal never showed ${JSON.stringify(until)}`, { cause: error });
  }
}

/** The visible terminal's font as the app set it (what xterm alone must be given). */
export async function visibleFont(page: Page): Promise<{ family: string; sizePx: number }> {
  const font = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const rows = g.berthTerminalClock?.visibleRows();
    if (!rows) return null;
    const style = g.getComputedStyle(rows);
    return { family: style.fontFamily, sizePx: Number.parseFloat(style.fontSize) };
  });
  if (!font) throw new Error('no visible terminal rows to read the font from');
  return font;
}
