import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openWorkbench, type BrowserWorkbench } from './support/browserWorkbench';
import { arm, echoLatency, installProbe } from './support/pageProbe';
import { openRawShell } from './support/rawDocker';
import { compare, publish } from './support/report';
import { repeat } from './support/stats';

// Keystroke → echo at an idle bash prompt. Berth: measured inside Chromium, from the key's
// keydown to the echoed character in xterm's DOM rows (keyboard → WebSocket → host → docker exec
// → bash → back). Baseline: one byte written to a raw dockerode exec stream until bash echoes it.
// Reports only.

/** 30 distinct characters, typed one at a time on one line (about 75 columns with the prompt). */
const keys = 'abcdefghijklmnopqrstuvwxyz0123';
/** An echo takes milliseconds; ten seconds means it is lost. */
const echoTimeoutMs = 10_000;
/** A pause between keystrokes, so each one meets an idle terminal as a typist's would. */
const gapMs = 30;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('keystroke echo latency at an idle prompt', () => {
  let wb: BrowserWorkbench;
  const berth: number[] = [];
  const berthSocket: number[] = [];
  const raw: number[] = [];

  beforeAll(async () => {
    wb = await openWorkbench(`bench keys ${Date.now().toString(36)}`);
    await wb.page.locator('.xterm').first().click();
    await installProbe(wb.page);
  });

  afterAll(async () => {
    await wb?.close();
    // A failed run publishes nothing: half a series would read as a result.
    if (berth.length !== keys.length || raw.length !== keys.length) return;
    publish({
      key: 'keystrokeEcho',
      title: `Keystroke echo: ${keys.length} keystrokes at an idle bash prompt`,
      baseline:
        'one byte written to a raw dockerode exec stream (TTY, hijacked, bash -l) into the same sandbox, until it comes back',
      comparisons: [
        compare('key → echo rendered', 'ms', berth, raw),
        compare('key → echo arrived in page', 'ms', berthSocket, raw),
      ],
      notes: [
        'Berth: keydown (document, capture phase) until a MutationObserver on .xterm-rows sees the character; page clock.',
        "'arrived in page': until the WebSocket frame with the echo reached the page, before xterm wrote it.",
      ],
    });
  });

  it(`Berth in Chromium: ${keys.length} keystrokes`, async () => {
    const { page } = wb;
    let typed = '';
    const latencies = await repeat(keys.length, async (i) => {
      const key = keys[i]!;
      typed += key;
      // The prompt's `$ ` then everything typed so far: only this keystroke's echo completes it.
      await arm(page, { key, want: `$ ${typed}` });
      await page.keyboard.press(key);
      const timing = await echoLatency(page, echoTimeoutMs);
      await pause(gapMs);
      return timing;
    });
    await page.keyboard.press('Control+U');
    berth.push(...latencies.map((t) => t.ms));
    berthSocket.push(...latencies.map((t) => t.wsMs));
  });

  it(`baseline: raw dockerode exec: ${keys.length} keystrokes`, async () => {
    const shell = await openRawShell(wb.containerId, { cols: 160, rows: 40 });
    try {
      await shell.firstPrompt;
      const latencies = await repeat(keys.length, async (i) => {
        const key = keys[i]!;
        const echoed = shell.watch.waitFor(key, echoTimeoutMs);
        const t0 = performance.now();
        shell.stream.write(key);
        const t1 = await echoed;
        await pause(gapMs);
        return t1 - t0;
      });
      raw.push(...latencies);
    } finally {
      await shell.close();
    }
  });
});
