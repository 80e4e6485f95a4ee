import type { Page } from 'playwright-core';

/**
 * Timing done inside the page, on the page's own clock: t0 when a key's keydown reaches the
 * document (capture phase: before xterm's textarea handles it), t1 when what the benchmark waits
 * for shows in xterm's DOM rows. Only the probe's functions run in the page; the types below are
 * the few DOM shapes they touch (the Node tsconfig has no DOM library).
 */
interface PageElement {
  textContent: string | null;
}
interface PageKeyEvent {
  key: string;
}
interface PageSocket {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}
type PageSocketClass = new (...args: never[]) => PageSocket;
interface PageGlobals {
  document: {
    querySelector(selector: string): PageElement | null;
    addEventListener(
      type: 'keydown',
      listener: (event: PageKeyEvent) => void,
      capture: boolean,
    ): void;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: Record<string, boolean>): void;
  };
  WebSocket: PageSocketClass;
  berthBench?: Probe;
}
interface Probe {
  /** The key whose next keydown sets t0. */
  key: string;
  /** Text the echo observer waits for in `.xterm-rows` (no-break spaces read as spaces). */
  want: string;
  /** Text the WebSocket clock waits for in a `terminals.output` frame ('' = any). */
  wsWant: string;
  t0: number;
  /** The first terminals.output frame with `wsWant` arrived (before the app parsed it). */
  tWs: number;
  /**
   * The latest terminals.output frame since t0: stands in for tWs when `wsWant` was cut between
   * two frames (the host batches output in pieces of up to 64 KB).
   */
  tLast: number;
  t1: number;
}

/** Durations on the page's clock: to the frame's arrival over the WebSocket, and to the screen. */
export interface PageTiming {
  ms: number;
  wsMs: number;
}

/**
 * Before the app loads: every WebSocket frame is timed on arrival, ahead of the app's own
 * listener, so a measurement can split transport (host → browser) from xterm's parse and render.
 */
export async function installSocketClock(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const g = globalThis as unknown as PageGlobals;
    const Native = g.WebSocket;
    g.WebSocket = class extends Native {
      constructor(...args: never[]) {
        super(...args);
        this.addEventListener('message', (event) => {
          const at = performance.now();
          const probe = g.berthBench;
          if (!probe || probe.t0 === 0 || probe.t1 !== 0 || typeof event.data !== 'string') return;
          if (!event.data.includes('"terminals.output"')) return;
          probe.tLast = at;
          if (probe.tWs === 0 && event.data.includes(probe.wsWant)) probe.tWs = at;
        });
      }
    };
  });
}

/**
 * Installs the keydown clock and an echo observer on the (only) terminal's rows. The observer
 * fires on the DOM renderer's own writes, so t1 is when the character is in the DOM, not when a
 * poll next looked.
 */
export async function installProbe(page: Page): Promise<void> {
  const installed = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const rows = g.document.querySelector('.xterm-rows');
    if (!rows) return false;
    const probe: Probe = { key: '', want: '', wsWant: '', t0: 0, tWs: 0, tLast: 0, t1: 0 };
    g.berthBench = probe;
    g.document.addEventListener(
      'keydown',
      (event) => {
        if (probe.key !== '' && event.key === probe.key && probe.t0 === 0)
          probe.t0 = performance.now();
      },
      true,
    );
    new g.MutationObserver(() => {
      if (probe.want === '' || probe.t0 === 0 || probe.t1 !== 0) return;
      if ((rows.textContent ?? '').replace(/\u00a0/g, ' ').includes(probe.want)) {
        probe.t1 = performance.now();
      }
    }).observe(rows, { childList: true, subtree: true, characterData: true });
    return true;
  });
  if (!installed)
    throw new Error('no .xterm-rows in the page: is a terminal open with the DOM renderer?');
}

/** Arms the probe: the next keydown of `key` starts the clock; `want` (if given) stops it. */
export async function arm(
  page: Page,
  target: { key: string; want?: string; wsWant?: string },
): Promise<void> {
  await page.evaluate(
    ([key, want, wsWant]) => {
      const g = globalThis as unknown as PageGlobals;
      Object.assign(g.berthBench!, { key, want, wsWant, t0: 0, tWs: 0, tLast: 0, t1: 0 });
    },
    [target.key, target.want ?? '', target.wsWant ?? ''] as const,
  );
}

/** A page wait that timed out says what never showed, not only Playwright's timeout. */
async function explain<T>(what: string, wait: Promise<T>): Promise<T> {
  try {
    return await wait;
  } catch (error) {
    throw new Error(`${what}: ${(error as Error).message}`, { cause: error });
  }
}

/** Reads a timing a page function produced; a frame the socket clock never saw is a bench bug. */
async function timing(
  what: string,
  wait: Promise<{ jsonValue(): Promise<unknown> }>,
): Promise<PageTiming> {
  const value = (await (await explain(what, wait)).jsonValue()) as PageTiming;
  if (!(value.wsMs > 0)) throw new Error(`${what}: the socket clock saw no terminals.output frame`);
  return value;
}

/** From the armed keydown until the echo observer saw what `arm` was given. */
export function echoLatency(page: Page, timeoutMs: number): Promise<PageTiming> {
  const wait = page.waitForFunction(
    () => {
      const p = (globalThis as unknown as PageGlobals).berthBench!;
      return p.t1 === 0 ? 0 : { ms: p.t1 - p.t0, wsMs: (p.tWs || p.tLast) - p.t0 };
    },
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  );
  return timing('the keystroke was not echoed in the terminal', wait);
}

/**
 * From the armed keydown until `text` is rendered in `.xterm-rows`, checked on every animation
 * frame (what the user could see, at most one frame late).
 */
export function renderedAfterKey(page: Page, text: string, timeoutMs: number): Promise<PageTiming> {
  const wait = page.waitForFunction(
    (wanted) => {
      const g = globalThis as unknown as PageGlobals;
      const p = g.berthBench!;
      const rows = g.document.querySelector('.xterm-rows');
      if (p.t0 === 0 || !rows) return 0;
      if (!(rows.textContent ?? '').replace(/\u00a0/g, ' ').includes(wanted)) return 0;
      return { ms: performance.now() - p.t0, wsMs: (p.tWs || p.tLast) - p.t0 };
    },
    text,
    { polling: 'raf', timeout: timeoutMs },
  );
  return timing(`"${text}" was not rendered in the terminal`, wait);
}

/** Waits (on animation frames) until `text` is rendered in the terminal. */
export async function waitForRendered(page: Page, text: string, timeoutMs: number): Promise<void> {
  const wait = page.waitForFunction(
    (wanted) => {
      const rows = (globalThis as unknown as PageGlobals).document.querySelector('.xterm-rows');
      return (rows?.textContent ?? '').replace(/\u00a0/g, ' ').includes(wanted);
    },
    text,
    { polling: 'raf', timeout: timeoutMs },
  );
  await explain(`"${text}" was not rendered in the terminal`, wait);
}
