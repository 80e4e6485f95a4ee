import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { openWorkbench, type BrowserWorkbench } from './support/browserWorkbench';
import { arm, installProbe, renderedAfterKey, waitForRendered } from './support/pageProbe';
import { openRawShell } from './support/rawDocker';
import { compare, publish } from './support/report';
import { repeat } from './support/stats';

// Bytes from a process in the sandbox to xterm in the browser (docker exec → host batching and
// flow control → WebSocket → xterm's parser → DOM renderer), against the same command's bytes
// arriving on a raw dockerode exec stream from the same container. Reports only.

const runs = 3;
/** 4 MB of `x`, folded into 40,000 lines of 100: a big build log or `cat` of a large file. */
const payloadBytes = 4_000_000;
const megabytes = payloadBytes / 1e6;
/** Even at 1 MB/s the payload takes 4 s; two minutes means the output is stuck. */
const runTimeoutMs = 120_000;

/**
 * The command and the line it ends with. The marker is computed by the shell, so the echo of
 * the command line itself can never match it.
 */
function flood(): { command: string; typedTail: string; marker: string } {
  const n = Math.floor(Math.random() * 1e9);
  const typedTail = `DONE-$((${n}+1))`;
  return {
    command: `head -c ${payloadBytes} /dev/zero | tr '\\0' 'x' | fold -w 100; echo ${typedTail}`,
    typedTail,
    marker: `DONE-${n + 1}`,
  };
}

describe('terminal throughput: sandbox process → xterm in the browser', () => {
  let wb: BrowserWorkbench;
  const berth: number[] = [];
  const berthSocket: number[] = [];
  const raw: number[] = [];

  beforeAll(async () => {
    wb = await openWorkbench(`bench flood ${Date.now().toString(36)}`);
    await wb.page.locator('.xterm').first().click();
    await installProbe(wb.page);
  });

  afterAll(async () => {
    await wb?.close();
    // A failed run publishes nothing: half a series would read as a result.
    if (berth.length !== runs || raw.length !== runs) return;
    publish({
      key: 'terminalThroughput',
      title: `Terminal throughput: ${megabytes} MB of output, Enter → end marker seen`,
      baseline:
        'the same command in a raw dockerode exec (TTY, hijacked) into the same sandbox, until the marker arrives on the stream',
      comparisons: [
        compare('MB/s, rendered in xterm', 'MB/s', berth, raw),
        compare('MB/s, arrived in the page', 'MB/s', berthSocket, raw),
      ],
      notes: [
        "Berth: keydown of Enter in the page until the marker is in xterm's DOM rows (checked every animation frame), DOM renderer.",
        "'arrived in the page': until the WebSocket frame with the marker reached the page, before xterm parsed it (transport alone).",
        `MB/s counts the ${payloadBytes} payload bytes (the TTY adds a CR LF per 100).`,
      ],
    });
  });

  it(`Berth in Chromium: ${runs} runs`, async () => {
    const { page, workbench } = wb;
    const timings = await repeat(runs, async () => {
      const { command, typedTail, marker } = flood();
      await page.keyboard.type(command);
      // The command line's own echo is not part of the measurement.
      await waitForRendered(page, typedTail, 30_000);
      await arm(page, { key: 'Enter', wsWant: marker });
      await page.keyboard.press('Enter');
      const timing = await renderedAfterKey(page, marker, runTimeoutMs);
      await workbench.waitForPrompt();
      return timing;
    });
    berth.push(...timings.map((t) => megabytes / (t.ms / 1000)));
    berthSocket.push(...timings.map((t) => megabytes / (t.wsMs / 1000)));
  });

  it(`baseline: raw dockerode exec stream: ${runs} runs`, async () => {
    const shell = await openRawShell(wb.containerId, { cols: 160, rows: 40 });
    try {
      await shell.firstPrompt;
      const rates = await repeat(runs, async () => {
        const { command, typedTail, marker } = flood();
        const echoed = shell.watch.waitFor(typedTail, 30_000);
        shell.stream.write(command);
        await echoed;
        const done = shell.watch.waitFor(marker, runTimeoutMs);
        // No `$ ` in the output before the marker: this is the prompt after it, so the next run
        // types at an idle shell.
        const back = shell.watch.waitFor('$ ', runTimeoutMs);
        back.catch(() => undefined);
        const t0 = performance.now();
        shell.stream.write('\r');
        const t1 = await done;
        await back;
        return megabytes / ((t1 - t0) / 1000);
      });
      raw.push(...rates);
    } finally {
      await shell.close();
    }
  });
});
