import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * xterm.js alone: the package the app bundles (node_modules/@xterm/xterm and the Unicode 11
 * addon), in a blank page of the same browser, sized and styled like the app's terminal, with the
 * DOM renderer. Nothing between the bytes and xterm: no socket, no host, no React. The app keeps
 * its xterm instances in a module-scoped registry inside its bundle (terminalRegistry.ts) and on
 * nothing the page can reach, so the baseline cannot write through the app's own instance
 * without a change to src/; this page stands in for it.
 */
const root = resolve(import.meta.dirname, '../..');
const xtermJs = resolve(root, 'node_modules/@xterm/xterm/lib/xterm.js');
const xtermCss = resolve(root, 'node_modules/@xterm/xterm/css/xterm.css');
const unicode11Js = resolve(root, 'node_modules/@xterm/addon-unicode11/lib/addon-unicode11.js');

/** The page is served from a made-up origin, so fetch() of the payload is same-origin. */
const origin = 'http://xterm-alone.bench';

/** createXterm.ts's scrollback: trimming a full buffer is part of xterm's cost. */
const scrollback = 10_000;
/** The size of one write: what the host's output batcher hands on at most (64 KB). */
export const chunkChars = 64 * 1024;

interface XtermTerminal {
  write(data: string, callback?: () => void): void;
  loadAddon(addon: unknown): void;
  open(element: unknown): void;
  focus(): void;
  unicode: { activeVersion: string };
}
interface PageRows {
  textContent: string | null;
  children: ArrayLike<{ textContent: string | null }>;
}
interface AlonePageGlobals {
  document: {
    body: { appendChild(element: unknown): void };
    createElement(tag: string): { style: Record<string, string> };
    querySelector(selector: string): PageRows | null;
  };
  Terminal: new (options: Record<string, unknown>) => XtermTerminal;
  Unicode11Addon: { Unicode11Addon: new () => unknown };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
    disconnect(): void;
  };
  fetch(url: string): Promise<{ text(): Promise<string> }>;
  requestAnimationFrame(callback: () => void): void;
  aloneTerm?: XtermTerminal;
  aloneChunks?: string[];
}

export interface XtermAlone {
  /**
   * Writes the payload in chunks (each chunk written from the previous one's write callback,
   * i.e. as soon as xterm has parsed it), then `\r\n<marker>\r\n`; ms from the first write until
   * a MutationObserver on `.xterm-rows` sees the marker. The screen is cleared first (untimed).
   */
  flood(marker: string, timeoutMs: number): Promise<number>;
  /** Writes text and waits until xterm has parsed it (untimed: to set up a row for `echo`). */
  write(text: string): Promise<void>;
  /** term.write(char) → ms until a MutationObserver sees the last non-empty row end so. */
  echo(char: string, expectedRowEnd: string): Promise<number>;
  close(): Promise<void>;
}

export async function openXtermAlone(
  context: BrowserContext,
  options: {
    cols: number;
    rows: number;
    font: { family: string; sizePx: number };
    /** The file's bytes: what `cat` writes. The TTY turns each LF into CR LF; so does this. */
    payload: Buffer;
  },
): Promise<XtermAlone> {
  const page: Page = await context.newPage();
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/payload') {
      return route.fulfill({ body: options.payload, contentType: 'text/plain; charset=utf-8' });
    }
    return route.fulfill({
      body: '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#0d1015"></body></html>',
      contentType: 'text/html',
    });
  });
  await page.goto(`${origin}/`);
  await page.addStyleTag({ path: xtermCss });
  await page.addScriptTag({ path: xtermJs });
  await page.addScriptTag({ path: unicode11Js });
  const { cols, rows, font } = options;
  await page.evaluate(
    async ([cols, rows, family, sizePx, scrollback, chunkChars]) => {
      const g = globalThis as unknown as AlonePageGlobals;
      const host = g.document.createElement('div');
      Object.assign(host.style, { position: 'absolute', inset: '6px 4px 4px 10px' });
      g.document.body.appendChild(host);
      // createXterm.ts's options, minus the addons that only react to the user (fit, search,
      // links); no WebGL addon, so the DOM renderer, as in the app under the benchmarks.
      const term = new g.Terminal({
        cols,
        rows,
        fontFamily: family,
        fontSize: sizePx,
        scrollback,
        cursorBlink: true,
        allowProposedApi: true,
      });
      term.loadAddon(new g.Unicode11Addon.Unicode11Addon());
      term.unicode.activeVersion = '11';
      term.open(host);
      term.focus();
      g.aloneTerm = term;
      // Decoded and cut once, before any clock runs; LF → CR LF as the TTY's onlcr does.
      const text = (await (await g.fetch('/payload')).text()).replace(/\n/g, '\r\n');
      const chunks: string[] = [];
      for (let at = 0; at < text.length; at += chunkChars) {
        chunks.push(text.slice(at, at + chunkChars));
      }
      g.aloneChunks = chunks;
    },
    [cols, rows, font.family, font.sizePx, scrollback, chunkChars] as const,
  );

  return {
    async flood(marker, timeoutMs) {
      return page.evaluate(
        ([marker, timeoutMs]) =>
          new Promise<number>((done, fail) => {
            const g = globalThis as unknown as AlonePageGlobals;
            const term = g.aloneTerm!;
            const chunks = [...g.aloneChunks!, `\r\n${marker}\r\n`];
            const rowsEl = g.document.querySelector('.xterm-rows')!;
            // What `clear` prints (home, erase screen, erase scrollback), untimed.
            term.write('\x1b[H\x1b[2J\x1b[3J', () => {
              g.requestAnimationFrame(() => {
                const timer = setTimeout(
                  () => fail(new Error(`${marker} never rendered`)),
                  timeoutMs,
                );
                let t0 = 0;
                const observer = new g.MutationObserver(() => {
                  if (!(rowsEl.textContent ?? '').includes(marker)) return;
                  const t1 = performance.now();
                  observer.disconnect();
                  clearTimeout(timer);
                  done(t1 - t0);
                });
                observer.observe(rowsEl, { childList: true, subtree: true, characterData: true });
                let index = 0;
                const writeNext = (): void => {
                  const chunk = chunks[index];
                  index += 1;
                  if (chunk !== undefined) term.write(chunk, writeNext);
                };
                t0 = performance.now();
                writeNext();
              });
            });
          }),
        [marker, timeoutMs] as const,
      );
    },
    async write(text) {
      await page.evaluate(
        (text) =>
          new Promise<void>((done) => {
            (globalThis as unknown as AlonePageGlobals).aloneTerm!.write(text, done);
          }),
        text,
      );
    },
    async echo(char, expectedRowEnd) {
      return page.evaluate(
        ([char, expected]) =>
          new Promise<number>((done, fail) => {
            const g = globalThis as unknown as AlonePageGlobals;
            const rowsEl = g.document.querySelector('.xterm-rows')!;
            const lastRowEnds = (): boolean => {
              for (let i = rowsEl.children.length - 1; i >= 0; i -= 1) {
                const line = (rowsEl.children[i]!.textContent ?? '')
                  .replace(/\u00a0/g, ' ')
                  .trimEnd();
                if (line !== '') return line.endsWith(expected);
              }
              return false;
            };
            const timer = setTimeout(() => fail(new Error(`"${expected}" never rendered`)), 10_000);
            const observer = new g.MutationObserver(() => {
              if (!lastRowEnds()) return;
              const t1 = performance.now();
              observer.disconnect();
              clearTimeout(timer);
              done(t1 - t0);
            });
            observer.observe(rowsEl, { childList: true, subtree: true, characterData: true });
            const t0 = performance.now();
            g.aloneTerm!.write(char);
          }),
        [char, expectedRowEnd] as const,
      );
    },
    async close() {
      await page.close();
    },
  };
}
