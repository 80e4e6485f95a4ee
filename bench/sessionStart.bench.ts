import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startHost, type HostHarness } from '../src/main/testing/hostHarness';
import { sessionReaches, TerminalOutputs } from './support/hostEvents';
import {
  createPlainContainer,
  openRawShell,
  removeContainer,
  removeLeftoverBaselines,
} from './support/rawDocker';
import { compare, publish, type Comparison } from './support/report';
import { repeat } from './support/stats';

// Session create → first shell prompt. Berth: an in-process host (real Docker, real SQLite) and
// its RPC client over the in-memory transport. Baseline: dockerode alone on the same image.
// Reports only: the machines are shared and noisy, so no timing is asserted.

const runs = 5;
const prompt = '$ ';
const size = { cols: 120, rows: 30 };
/** A start normally takes a second or two; a minute means something is broken. */
const stepTimeoutMs = 60_000;

interface StartTimes {
  running: number;
  prompt: number;
  total: number;
}

/** One Berth session start, through the contract as a window would make it; deleted after. */
async function berthStart(h: HostHarness, name: string): Promise<StartTimes> {
  const client = h.client;
  const running = sessionReaches(client, name, 'running', stepTimeoutMs);
  const t0 = performance.now();
  const session = await client.api.sessions.create({ name });
  const t1 = await running;
  const outputs = new TerminalOutputs(client, prompt);
  try {
    const t2 = performance.now();
    const terminal = await client.api.terminals.open({ sessionId: session.id, ...size });
    const t3 = await outputs.arrival(terminal.id, stepTimeoutMs);
    return { running: t1 - t0, prompt: t3 - t2, total: t1 - t0 + (t3 - t2) };
  } finally {
    outputs.dispose();
    await client.api.sessions.delete({ id: session.id });
  }
}

/** The same with dockerode alone: a plain container of the same image and a login shell. */
async function rawStart(image: string): Promise<StartTimes> {
  const t0 = performance.now();
  const container = await createPlainContainer(image);
  try {
    await container.start();
    const t1 = performance.now();
    const shell = await openRawShell(container.id);
    const t3 = await shell.firstPrompt;
    await shell.close();
    return { running: t1 - t0, prompt: t3 - t1, total: t3 - t0 };
  } finally {
    await removeContainer(container.id);
  }
}

describe('session start: create → first shell prompt', () => {
  let h: HostHarness;
  let image: string;
  const berth: StartTimes[] = [];
  const raw: StartTimes[] = [];
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    await removeLeftoverBaselines();
    h = await startHost();
    // The first session builds the sandbox image (minutes on a fresh machine): not measured.
    const warm = await h.client.api.sessions.create({ name: `bench warm-up ${suffix}` });
    const ready = await h.waitForStatus(warm.id, 'running');
    if (!ready.image) throw new Error('a running session reports no image');
    image = ready.image;
    await h.client.api.sessions.delete({ id: warm.id });
    // Both sides start warm: the baseline gets its unmeasured first run too.
    await berthStart(h, `bench warm-up 2 ${suffix}`);
    await rawStart(image);
  });

  afterAll(async () => {
    await h?.close();
    // A failed run publishes nothing: half a series would read as a result.
    if (berth.length !== runs || raw.length !== runs) return;
    const pick = (series: StartTimes[], key: keyof StartTimes) => series.map((t) => t[key]);
    const comparisons: Comparison[] = [
      compare('create → running', 'ms', pick(berth, 'running'), pick(raw, 'running')),
      compare('open terminal → prompt', 'ms', pick(berth, 'prompt'), pick(raw, 'prompt')),
      compare('create → prompt (total)', 'ms', pick(berth, 'total'), pick(raw, 'total')),
    ];
    publish({
      key: 'sessionStart',
      title: 'Session start: create → first shell prompt',
      baseline: `dockerode createContainer(${image}, sleep infinity) + start, then exec /bin/bash -l with a TTY, hijacked`,
      comparisons,
      notes: [
        'Berth: in-process host; sessions.create until sessions.changed says running; terminals.open until the first output with "$ ".',
        'Berth also makes the workspace volume, applies the hardened host config and sizes the TTY.',
        'Runs alternate Berth, baseline, Berth, … so both meet the same load on a shared machine.',
      ],
    });
  });

  it(`${runs} alternating runs of Berth and the dockerode baseline`, async () => {
    await repeat(runs, async (run) => {
      berth.push(await berthStart(h, `bench start ${suffix} ${run}`));
      raw.push(await rawStart(image));
    });
  });
});
