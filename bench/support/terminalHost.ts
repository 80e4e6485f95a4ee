import { readdirSync, readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { startBerth } from '../../e2e/fixtures/berthServer';

// `performance` is the global one on both sides: an import of node:perf_hooks would be rewritten
// inside the page functions below too, where it does not exist.

/** The few DOM shapes the first-paint watcher touches (the Node tsconfig has no DOM library). */
interface PaintGlobals {
  document: {
    evaluate(
      xpath: string,
      context: unknown,
      resolver: null,
      type: number,
      result: null,
    ): { singleNodeValue: { getBoundingClientRect(): { width: number } } | null };
  };
  requestAnimationFrame(callback: () => void): void;
  PerformanceObserver: new (
    callback: (list: { getEntries(): { startTime: number }[] }) => void,
  ) => {
    observe(options: { type: string; buffered: boolean }): void;
  };
  berthBrandAt?: number;
  berthFcpAt?: number;
}

export interface FirstPaint {
  /** `berth serve` printed its URL → the brand "Berth" was laid out in a frame (wall clock). */
  brandMs: number;
  /** `berth serve` printed its URL → Chromium's first-contentful-paint. */
  fcpMs: number;
  /** Navigation start → first-contentful-paint (the page's own entry). */
  fcpFromNavigationMs: number;
}

/**
 * One launch as a user makes it: `berth serve` starts (on `dataDir`, kept between launches),
 * and the moment it prints its URL the already-open Chromium navigates there, in a fresh context
 * (empty cache). The page records, on its own clock, the first animation frame in which an
 * element of the body (not the <title>) whose text is exactly "Berth" has a size, and its first-contentful-paint entry; both
 * are put on the wall clock with performance.timeOrigin (page and Node share the system clock).
 */
export async function measureFirstPaint(browser: Browser, dataDir: string): Promise<FirstPaint> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(() => {
      const g = globalThis as unknown as PaintGlobals;
      const look = (): void => {
        const brand = g.document.evaluate(
          "//body//*[normalize-space(text())='Berth']",
          g.document,
          null,
          9, // XPathResult.FIRST_ORDERED_NODE_TYPE
          null,
        ).singleNodeValue;
        if (brand && brand.getBoundingClientRect().width > 0) g.berthBrandAt = performance.now();
        else g.requestAnimationFrame(look);
      };
      g.requestAnimationFrame(look);
      new g.PerformanceObserver((list) => {
        g.berthFcpAt ??= list.getEntries()[0]?.startTime;
      }).observe({ type: 'paint', buffered: true });
    });
    const server = await startBerth({ dataDir });
    const printedAt = performance.timeOrigin + performance.now();
    try {
      await page.goto(server.url);
      const handle = await page.waitForFunction(
        () => {
          const g = globalThis as unknown as PaintGlobals;
          if (g.berthBrandAt === undefined) return 0;
          const fcp = performance
            .getEntriesByName('first-contentful-paint')
            .map((entry) => entry.startTime)[0];
          if (fcp === undefined) return 0;
          return { origin: performance.timeOrigin, brand: g.berthBrandAt, fcp };
        },
        undefined,
        { polling: 50, timeout: 30_000 },
      );
      const at = (await handle.jsonValue()) as { origin: number; brand: number; fcp: number };
      return {
        brandMs: at.origin + at.brand - printedAt,
        fcpMs: at.origin + at.fcp - printedAt,
        fcpFromNavigationMs: at.fcp,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await context.close();
  }
}

export interface Memory {
  /** Resident set size of the `berth serve` process now, MB (10^6 bytes). */
  rssMb: number;
  /** Its peak resident set size so far (VmHWM), MB. */
  peakMb: number;
  /** Processes `berth serve` started (none expected: docker exec runs in the engine), and theirs. */
  children: number;
  childrenRssMb: number;
}

/** The pid of the `berth serve` running on `dataDir` (startBerth does not expose its child). */
export function servePid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone meanwhile
    }
    if (argv.includes('serve') && argv.includes(dataDir)) return Number(entry);
  }
  throw new Error(`no berth serve process runs on ${dataDir}`);
}

const statusKb = (pid: number, field: string): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Number(match[1]) : 0;
};

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (list) found.push(...list.split(/\s+/).map(Number));
  }
  return found.flatMap((child) => [child, ...childrenOf(child)]);
}

export function memoryOf(pid: number): Memory {
  const mb = (kb: number): number => (kb * 1024) / 1e6;
  const children = childrenOf(pid);
  return {
    rssMb: mb(statusKb(pid, 'VmRSS')),
    peakMb: mb(statusKb(pid, 'VmHWM')),
    children: children.length,
    childrenRssMb: mb(children.reduce((sum, child) => sum + statusKb(child, 'VmRSS'), 0)),
  };
}
