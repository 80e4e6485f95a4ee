import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchChromium } from '../e2e/fixtures/browser';
import { openWorkbench, type BrowserWorkbench } from './support/browserWorkbench';
import type { RawShell } from './support/rawDocker';
import { compare, publish, type Comparison } from './support/report';
import { execIn } from './support/sandboxExec';
import { repeat, summarize } from './support/stats';
import {
  arm,
  installTerminalClock,
  reading,
  visibleFont,
  waitForVisible,
} from './support/terminalClock';
import { goalTable, judge, type GoalRow } from './support/terminalGoals';
import { measureFirstPaint, memoryOf, servePid, type Memory } from './support/terminalHost';
import { mixedFile, putFile } from './support/terminalMixedFile';
import {
  prompt,
  promptedShell,
  rawCat,
  rawEcho,
  rawInterrupt,
  setPrompt,
} from './support/terminalRaw';
import { chunkChars, openXtermAlone } from './support/terminalXtermAlone';

// Issue 10, terminal speed, measured in browser mode in headless Chromium on a real session with
// three terminal tabs, on the page's own clock (keydown → what xterm's DOM rows show), each beside
// a baseline from the same run. Reports only, never asserts a timing; a measured operation that
// never completes fails the run.
// 1. Ctrl+C under a `yes` flood, one tab: keydown → a fresh prompt on the last non-empty row.
// 2. The same with a second, hidden tab flooding all along.
// 3. `cat` of a 20 MB file of mixed text (SGR colours, CJK, emoji), MB/s, against xterm.js alone
//    fed the same text in 64 K-character writes, and against a raw `docker exec -t` stream.
// 4. Key → echo at an idle prompt, by hop: page sends, echo arrives in the page, echo rendered.
// 5. `berth serve` URL → the workbench's first paint; the server's RSS, one session, 3 terminals.

const floodMs = 5_000;
/** A raw stream reader never falls behind a flood, so a shorter one keeps the bench short. */
const rawFloodMs = 2_000;
const interruptRounds = 5;
/** The hidden tab's output reaching the page is counted over the last second before Ctrl+C too. */
const hiddenCountMs = 1_000;
/** An interrupt or a prompt that takes a minute is lost, not slow. */
const interruptTimeoutMs = 60_000;
const echoKeys = 'abcdefghijklmnopqrstuvwxyz0123';
/** A pause between keystrokes, so each one meets an idle terminal as a typist's would. */
const echoGapMs = 30;
const fileBytes = 20_000_000;
const fileName = 'berth-bench-mixed.txt';
const filePath = `/tmp/${fileName}`;
const catRuns = 3;
/** Even at 0.5 MB/s the file takes 40 s; three minutes means the output is stuck. */
const catTimeoutMs = 180_000;
const paintLaunches = 5;
const idleMs = 5_000;
/** One frame at 60 Hz, the rate headless Chromium runs animation frames at. */
const frameMs = 1000 / 60;
/** The prompt as the rows show it (trailing spaces trimmed). */
const promptRow = prompt.trimEnd();

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const mbPerS = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const computed = (): { typed: string; shown: string } => {
  const n = Math.floor(Math.random() * 1e9);
  return { typed: `$((${n}+1))`, shown: String(n + 1) };
};

const paint = { brand: [] as number[], fcp: [] as number[], fcpFromNavigation: [] as number[] };
const memory: { setup?: Memory; end?: Memory } = {};
const echo = {
  send: [] as number[],
  arrival: [] as number[],
  rendered: [] as number[],
  renderAfterArrival: [] as number[],
  raw: [] as number[],
  alone: [] as number[],
};
const oneTab = { rendered: [] as number[], arrival: [] as number[], raw: [] as number[] };
const twoTabs = {
  rendered: [] as number[],
  arrival: [] as number[],
  /** The hidden tab's output frames arriving from 1 s before Ctrl+C to the prompt, MB/s. */
  hiddenRate: [] as number[],
  raw: [] as number[],
};
const cat = {
  berth: [] as number[],
  arrived: [] as number[],
  alone: [] as number[],
  raw: [] as number[],
};
let fileNote = '';
let sizeNote = '';

describe('first paint: berth serve prints its URL → the workbench in Chromium', () => {
  it(`${paintLaunches} launches`, async () => {
    const chromium = await launchChromium();
    const dataDir = mkdtempSync(join(tmpdir(), 'berth-bench-paint-'));
    try {
      await repeat(paintLaunches, async () => {
        const at = await measureFirstPaint(chromium.browser, dataDir);
        paint.brand.push(at.brandMs);
        paint.fcp.push(at.fcpMs);
        paint.fcpFromNavigation.push(at.fcpFromNavigationMs);
      });
    } finally {
      await chromium.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('terminals: one session, three tabs', () => {
  let wb: BrowserWorkbench;
  let size: { cols: number; rows: number };
  let font: { family: string; sizePx: number };
  let payload: Buffer;

  const selectTab = async (index: number): Promise<void> => {
    await wb.workbench.tabs().nth(index).click();
    // Clicking the tab focuses its terminal a frame later; a click on it makes sure.
    await wb.page.locator('[role="tabpanel"]:visible .xterm').first().click();
  };
  const typeLine = async (line: string): Promise<void> => {
    await wb.page.keyboard.type(line);
    await wb.page.keyboard.press('Enter');
  };
  const yesRunning = async (): Promise<number> =>
    Number((await execIn(wb.containerId, 'pgrep -xc yes || true')).trim());
  /** Arms the clock `countMs` before Ctrl+C, so other tabs' output is counted over that too. */
  const interruptVisible = async (countMs = 0) => {
    await arm(wb.page, {
      key: 'c',
      ctrl: true,
      wsWant: prompt,
      until: { lastRowEndsWith: promptRow },
    });
    await pause(countMs);
    await wb.page.keyboard.press('Control+C');
    return reading(wb.page, interruptTimeoutMs);
  };

  beforeAll(async () => {
    const file = mixedFile(fileBytes);
    payload = file.bytes;
    fileNote = `${payload.length} bytes, ${Object.entries(file.lines)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ')} lines`;
    wb = await openWorkbench(`bench terminal speed ${Date.now().toString(36)}`);
    const { page, workbench } = wb;
    // The clock wraps the WebSocket, so it must be in the page before the app loads: reload,
    // as a user may (the terminal comes back from the host's scrollback).
    await installTerminalClock(page);
    await page.reload();
    await workbench.waitForPrompt();
    await workbench.newTerminal();
    await workbench.newTerminal();
    await putFile(wb.containerId, fileName, payload);
    await pause(idleMs);
    memory.setup = memoryOf(servePid(wb.server.dataDir));

    for (const tab of [1, 0]) {
      await selectTab(tab);
      await typeLine(setPrompt);
      await waitForVisible(page, { lastRowEndsWith: promptRow }, 30_000);
    }
    await typeLine("echo SIZE-$(stty size | tr ' ' x)-");
    const shown = await workbench.waitForText(/SIZE-(\d+)x(\d+)-/);
    const [, rows, cols] = /SIZE-(\d+)x(\d+)-/.exec(shown)!;
    size = { cols: Number(cols), rows: Number(rows) };
    font = await visibleFont(page);
    sizeNote = `${size.cols}×${size.rows}, ${font.sizePx}px ${font.family}`;
  });

  afterAll(async () => {
    await wb?.close();
  });

  it(`key → echo at an idle prompt: ${echoKeys.length} keys`, async () => {
    const { page } = wb;
    await selectTab(0);
    let typed = '';
    await repeat(echoKeys.length, async (i) => {
      const key = echoKeys[i]!;
      typed += key;
      await arm(page, { key, until: { lastRowEndsWith: `${prompt}${typed}` } });
      await page.keyboard.press(key);
      const r = await reading(page, 10_000);
      echo.rendered.push(r.ms);
      // A frame the clock cannot read (a new wire format) leaves that hop out, and says so.
      if (r.wsMs !== null) {
        echo.arrival.push(r.wsMs);
        echo.renderAfterArrival.push(r.ms - r.wsMs);
      }
      if (r.sendMs !== null) echo.send.push(r.sendMs);
      await pause(echoGapMs);
    });
    await page.keyboard.press('Control+U');
    await waitForVisible(page, { lastRowEndsWith: promptRow }, 10_000);
  });

  it(`Ctrl+C under a flood, one tab: ${interruptRounds} rounds of ${floodMs / 1000} s of yes`, async () => {
    await selectTab(0);
    await repeat(interruptRounds, async () => {
      await typeLine('yes');
      await pause(floodMs);
      const r = await interruptVisible();
      oneTab.rendered.push(r.ms);
      if (r.wsMs !== null) oneTab.arrival.push(r.wsMs);
      await pause(300);
    });
  });

  it(`Ctrl+C with two tabs flooding: ${interruptRounds} rounds`, async () => {
    const { page } = wb;
    await repeat(interruptRounds, async () => {
      await selectTab(1);
      await typeLine('yes');
      await selectTab(0);
      await typeLine('yes');
      await pause(floodMs - hiddenCountMs);
      const before = await yesRunning();
      if (before !== 2) throw new Error(`expected 2 yes processes before Ctrl+C, found ${before}`);
      const r = await interruptVisible(hiddenCountMs);
      // The hidden tab's yes still runs after the visible tab's prompt: it flooded throughout.
      const after = await yesRunning();
      if (after !== 1)
        throw new Error(`expected the hidden tab's yes still running, found ${after}`);
      twoTabs.rendered.push(r.ms);
      if (r.wsMs !== null) twoTabs.arrival.push(r.wsMs);
      if (r.otherChars !== null) twoTabs.hiddenRate.push(mbPerS(r.otherChars, r.countedMs));
      await selectTab(1);
      await page.keyboard.press('Control+C');
      await waitForVisible(page, { lastRowEndsWith: promptRow }, interruptTimeoutMs);
      await selectTab(0);
      await pause(300);
    });
  });

  it(`20 MB of mixed output: cat in a fresh tab, ${catRuns} runs`, async () => {
    const { page, workbench } = wb;
    await selectTab(2);
    await workbench.waitForPrompt();
    await repeat(catRuns, async () => {
      const cleared = computed();
      await typeLine(`clear; echo CLEARED-${cleared.typed}`);
      await waitForVisible(page, { contains: `CLEARED-${cleared.shown}` }, 30_000);
      const done = computed();
      await page.keyboard.type(`cat ${filePath}; echo DONE-${done.typed}`);
      // The command line's own echo is not part of the measurement.
      await waitForVisible(page, { contains: `DONE-${done.typed}` }, 30_000);
      const marker = `DONE-${done.shown}`;
      await arm(page, { key: 'Enter', wsWant: marker, until: { contains: marker } });
      await page.keyboard.press('Enter');
      const r = await reading(page, catTimeoutMs);
      cat.berth.push(mbPerS(payload.length, r.ms));
      if (r.wsMs !== null) cat.arrived.push(mbPerS(payload.length, r.wsMs));
      await workbench.waitForPrompt();
    });
  });

  it('baseline: xterm.js alone in a blank page of the same browser', async () => {
    const alone = await openXtermAlone(wb.page.context(), { ...size, font, payload });
    try {
      await repeat(catRuns, async () => {
        const ms = await alone.flood(`DONE-${computed().shown}`, catTimeoutMs);
        cat.alone.push(mbPerS(payload.length, ms));
      });
      await alone.write(`\x1b[H\x1b[2J\x1b[3J${prompt}`);
      let typed = '';
      for (const key of echoKeys) {
        typed += key;
        echo.alone.push(await alone.echo(key, `${prompt}${typed}`));
        await pause(echoGapMs);
      }
    } finally {
      await alone.close();
    }
  });

  it('baseline: raw dockerode exec streams in the same sandbox', async () => {
    const shells: RawShell[] = [];
    const open = async () => {
      const shell = await promptedShell(wb.containerId, size);
      shells.push(shell);
      return shell;
    };
    try {
      const first = await open();
      echo.raw.push(...(await rawEcho(first, echoKeys, echoGapMs)));
      oneTab.raw.push(...(await repeat(interruptRounds, () => rawInterrupt([first], rawFloodMs))));
      const second = await open();
      twoTabs.raw.push(
        ...(await repeat(interruptRounds, () => rawInterrupt([first, second], rawFloodMs))),
      );
      const rates = await repeat(catRuns, async () =>
        mbPerS(payload.length, await rawCat(first, filePath, catTimeoutMs)),
      );
      cat.raw.push(...rates);
    } finally {
      for (const shell of shells) await shell.close();
    }
    await pause(idleMs);
    memory.end = memoryOf(servePid(wb.server.dataDir));
  });
});

afterAll(() => {
  const comparisons: Comparison[] = [];
  const add = (
    measurement: string,
    unit: 'ms' | 'MB/s',
    berth: number[],
    baseline: number[],
    n: number,
  ): void => {
    // A cut-short series would read as a result: only complete ones are published.
    if (berth.length === n && baseline.length === n) {
      comparisons.push(compare(measurement, unit, berth, baseline));
    }
  };
  const r = interruptRounds;
  const k = echoKeys.length;
  add('Ctrl+C, 1 tab flooding: keydown → prompt rendered', 'ms', oneTab.rendered, oneTab.raw, r);
  add('Ctrl+C, 1 tab: keydown → prompt frame in page', 'ms', oneTab.arrival, oneTab.raw, r);
  add('Ctrl+C, 2 tabs flooding: → prompt rendered', 'ms', twoTabs.rendered, twoTabs.raw, r);
  add('Ctrl+C, 2 tabs: → prompt frame in page', 'ms', twoTabs.arrival, twoTabs.raw, r);
  add('20 MB mixed cat, rendered (vs xterm alone)', 'MB/s', cat.berth, cat.alone, catRuns);
  add('20 MB mixed cat, rendered (vs raw exec)', 'MB/s', cat.berth, cat.raw, catRuns);
  add('20 MB mixed cat, arrived in page (vs raw)', 'MB/s', cat.arrived, cat.raw, catRuns);
  add('key → echo arrived in page (vs raw echo)', 'ms', echo.arrival, echo.raw, k);
  add('key → echo rendered (vs raw echo)', 'ms', echo.rendered, echo.raw, k);
  add('echo arrival → rendered (vs xterm alone)', 'ms', echo.renderAfterArrival, echo.alone, k);

  const ratio =
    cat.berth.length > 0 && cat.alone.length > 0
      ? [summarize(cat.berth).median / summarize(cat.alone).median]
      : [];
  // What the host and the socket add to an echo, beyond the page and the raw exec's round trip.
  const hostOverhead =
    echo.arrival.length > 0 && echo.send.length > 0 && echo.raw.length > 0
      ? [summarize(echo.arrival).median - summarize(echo.send).median - summarize(echo.raw).median]
      : [];
  const mem = (m: Memory | undefined, pick: (m: Memory) => number): number[] =>
    m ? [pick(m)] : [];
  const goals: GoalRow[] = [
    {
      measurement: 'Ctrl+C, 1 tab: → prompt rendered',
      unit: 'ms',
      samples: oneTab.rendered,
      goal: 'p95 ≤ 250 ms',
      on: 'p95',
      atMost: 250,
    },
    {
      measurement: 'Ctrl+C, 1 tab: → prompt in page',
      unit: 'ms',
      samples: oneTab.arrival,
      goal: '',
      on: 'p95',
    },
    {
      measurement: 'Ctrl+C, 1 tab: raw exec',
      unit: 'ms',
      samples: oneTab.raw,
      goal: '',
      on: 'p95',
    },
    {
      measurement: 'Ctrl+C, 2 tabs: → prompt rendered',
      unit: 'ms',
      samples: twoTabs.rendered,
      goal: 'p95 ≤ 300 ms',
      on: 'p95',
      atMost: 300,
    },
    {
      measurement: 'Ctrl+C, 2 tabs: → prompt in page',
      unit: 'ms',
      samples: twoTabs.arrival,
      goal: '',
      on: 'p95',
    },
    {
      measurement: 'Ctrl+C, 2 tabs: hidden tab arriving',
      unit: 'MB/s',
      samples: twoTabs.hiddenRate,
      goal: '',
      on: 'p50',
    },
    {
      measurement: 'Ctrl+C, 2 tabs: raw exec',
      unit: 'ms',
      samples: twoTabs.raw,
      goal: '',
      on: 'p95',
    },
    {
      measurement: '20 MB mixed: Berth rendered',
      unit: 'MB/s',
      samples: cat.berth,
      goal: '',
      on: 'p50',
    },
    {
      measurement: '20 MB mixed: xterm alone',
      unit: 'MB/s',
      samples: cat.alone,
      goal: '',
      on: 'p50',
    },
    {
      measurement: '20 MB mixed: Berth / xterm alone',
      unit: '×',
      samples: ratio,
      goal: '≥ 0.8× (medians)',
      on: 'p50',
      atLeast: 0.8,
    },
    {
      measurement: '20 MB mixed: arrived in page',
      unit: 'MB/s',
      samples: cat.arrived,
      goal: '',
      on: 'p50',
    },
    {
      measurement: '20 MB mixed: raw exec -t cat',
      unit: 'MB/s',
      samples: cat.raw,
      goal: '',
      on: 'p50',
    },
    {
      measurement: 'key → page sent terminals.write',
      unit: 'ms',
      samples: echo.send,
      goal: '',
      on: 'p50',
    },
    {
      measurement: 'key → echo arrived in page',
      unit: 'ms',
      samples: echo.arrival,
      goal: 'p50 ≤ 3 ms',
      on: 'p50',
      atMost: 3,
    },
    { measurement: 'key → echo rendered', unit: 'ms', samples: echo.rendered, goal: '', on: 'p50' },
    {
      measurement: 'echo arrival → rendered',
      unit: 'ms',
      samples: echo.renderAfterArrival,
      goal: 'p95 ≤ 1 frame (16.7 ms)',
      on: 'p95',
      atMost: frameMs,
    },
    {
      measurement: 'raw exec: write → echo back',
      unit: 'ms',
      samples: echo.raw,
      goal: '',
      on: 'p50',
    },
    {
      measurement: 'host + socket: arrived − sent − raw (p50s)',
      unit: 'ms',
      samples: hostOverhead,
      goal: '',
      on: 'p50',
    },
    {
      measurement: 'xterm alone: write → rendered',
      unit: 'ms',
      samples: echo.alone,
      goal: '',
      on: 'p50',
    },
    {
      measurement: 'URL printed → "Berth" painted',
      unit: 'ms',
      samples: paint.brand,
      goal: 'p95 ≤ 1000 ms',
      on: 'p95',
      atMost: 1000,
    },
    {
      measurement: 'URL printed → first-contentful-paint',
      unit: 'ms',
      samples: paint.fcp,
      goal: '',
      on: 'p95',
    },
    {
      measurement: 'navigation → first-contentful-paint',
      unit: 'ms',
      samples: paint.fcpFromNavigation,
      goal: '',
      on: 'p95',
    },
    {
      measurement: 'host RSS, 3 tabs, 5 s idle, before',
      unit: 'MB',
      samples: mem(memory.setup, (m) => m.rssMb),
      goal: '≤ 250 MB',
      on: 'max',
      atMost: 250,
    },
    {
      measurement: 'host RSS, 5 s idle after the floods',
      unit: 'MB',
      samples: mem(memory.end, (m) => m.rssMb),
      goal: '≤ 250 MB',
      on: 'max',
      atMost: 250,
    },
    {
      measurement: 'host peak RSS (VmHWM) at the end',
      unit: 'MB',
      samples: mem(memory.end, (m) => m.peakMb),
      goal: '',
      on: 'max',
    },
  ];
  const table = goalTable(goals.map(judge).filter((line) => line !== null));
  const children = memory.end
    ? `${memory.end.children} (${memory.end.childrenRssMb.toFixed(1)} MB)`
    : '?';
  if (comparisons.length === 0 && paint.brand.length === 0) return;
  publish({
    key: 'terminalSpeed',
    title:
      'Terminal speed (issue 10): Ctrl+C under a flood, 20 MB mixed output, key → echo, first paint, host memory',
    baseline:
      'raw dockerode exec streams (TTY, hijacked, bash -l) in the same sandbox; for rendering, xterm.js alone in a blank page of the same browser',
    comparisons,
    notes: [
      'Berth: browser mode in headless Chromium, DOM renderer; clocks in the page: keydown (capture) → MutationObserver on the visible tab\'s .xterm-rows; "in page" = the WebSocket frame with it arrived, before the app parsed it.',
      `Ctrl+C: ${floodMs / 1000} s of yes (raw: ${rawFloodMs / 1000} s), then Ctrl+C until the last non-empty row ends with "${promptRow}" (PS1='READY-$((1+1))> '). 2 tabs: the hidden tab's yes runs before, during and after (pgrep: 2 before, 1 after).`,
      `20 MB mixed: ${fileNote}; put into the sandbox through the Docker API; cat file; echo <computed marker>, Enter → marker rendered. xterm alone: the same text (LF → CR LF) in ${chunkChars}-character writes, each from the previous write's callback; MB/s counts file bytes.`,
      `Terminal ${sizeNote}. Key → echo: one key every ${echoGapMs} ms at an idle prompt; raw: one byte on a raw exec until bash echoes it.`,
      `First paint: ${paintLaunches} launches of berth serve on one data dir (the first on an empty one), each into a fresh browser context; wall clock from the URL line to the first frame with "Berth" laid out.`,
      `Hops seen by the socket clock: echo arrival ${echo.arrival.length}/${echoKeys.length}, send ${echo.send.length}/${echoKeys.length}, Ctrl+C prompt frame ${oneTab.arrival.length}+${twoTabs.arrival.length}/${2 * interruptRounds} (a frame it cannot read as text naming terminals.output/write is left out). 'hidden tab arriving': wire characters of the other tab's output frames from ${hiddenCountMs} ms before the Ctrl+C until the prompt, per second.`,
      `Host memory: /proc VmRSS of the berth serve process; child processes at the end: ${children}.`,
      '── goals ──',
      ...table,
    ],
  });
});
