import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { EngineState, Session } from '../src/shared/contract';
import { startHost, type HostHarness } from '../src/main/testing/hostHarness';
import { sandboxSh } from '../src/main/testing/sandboxShell';
import { startSshEngine, type SshEngineFixture } from '../src/main/testing/sshEngine';
import { within } from '../src/main/testing/within';
import { AckingTerminals } from './support/ackingTerminals';
import { sessionReaches } from './support/hostEvents';
import { checkResponse, httpGet, type Target } from './support/portsFixture';
import { compare, publish, type Comparison } from './support/report';
import { repeat, summarize } from './support/stats';

// Remote engines: the same operations on a session on the SSH engine and on one on the local
// engine, in one in-process host (real Docker, real SQLite, the RPC client over the in-memory
// transport) with both engines added. The SSH engine is this machine's own dockerd reached
// through Debian's sshd on loopback (src/main/testing/sshEngine.ts), so SSH / local isolates
// the transport: the ssh2 connection, its channels to the Docker socket, and sshd, and no network.
// 1. sessions.create → running (sessions.changed), then terminals.open → the first prompt;
// 2. one key written to an idle shell → its echo in terminals.output;
// 3. `head -c 20000000 /dev/zero | base64` in the shell: characters received by the client / s;
// 4. a download through api.ports.forward of a sandbox's python3 -m http.server, MB/s.
// Runs interleave the engines, the order alternating. Reports only: the machines are shared and
// noisy, so no timing is asserted; output that never arrives or a short download fails the run.

type Side = 'local' | 'ssh';
const sides: Side[] = ['local', 'ssh'];
/** Run `run`'s order: local first on even runs, SSH first on odd ones. */
const order = (run: number): Side[] => (run % 2 === 0 ? sides : [...sides].reverse());

const startRuns = 5;
/** 50 distinct characters, typed one at a time on one line (about 60 columns with the prompt). */
const keys = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWX';
/** A pause between keystrokes, so each meets an idle terminal as a typist's would. */
const gapMs = 30;
const floodRuns = 5;
const floodInputBytes = 20_000_000;
/** base64 of the input: 4 characters per 3 bytes, folded at 76, each line ending CR LF on the TTY. */
const floodChars =
  4 * Math.ceil(floodInputBytes / 3) + 2 * Math.ceil((4 * Math.ceil(floodInputBytes / 3)) / 76);
const downloadRuns = 5;
const bigBytes = 150_000_000;
const sandboxPort = 8000;
const sandboxDir = '/tmp/berth-remote-bench';
const size = { cols: 120, rows: 30 };
/** A sandbox prompt: the user's `$ `, or root's `# `. */
const prompts = ['$ ', '# '];
/** Typed as is, the prompt line never contains `READY-2`: only a drawn prompt does. */
const setPrompt = "PS1='READY-$((1+1))> '";
const ready = 'READY-2> ';
/** A start or an echo that takes a minute is lost, not slow; a flood gets three. */
const stepTimeoutMs = 60_000;
const floodTimeoutMs = 180_000;
/** The first session may build the sandbox image: minutes on a fresh machine. */
const buildTimeoutMs = 540_000;
const loopback = '127.0.0.1';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
const mbPerS = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const bySide = <T>(make: () => T): Record<Side, T> => ({ local: make(), ssh: make() });

interface StartTimes {
  running: number;
  prompt: number;
  total: number;
}

/** The long-lived session of one engine, its terminal and its forwarded server. */
interface Sandbox {
  session: Session;
  terminalId: string;
  forwarded: Target;
}

describe('remote engine: a session over SSH against one on the local engine, same dockerd', () => {
  let ssh: SshEngineFixture | undefined;
  let h: HostHarness;
  let terminals: AckingTerminals;
  const engineIds = bySide(() => '');
  const sandboxes: Partial<Record<Side, Sandbox>> = {};
  const start = bySide((): StartTimes[] => []);
  const echo = bySide((): number[] => []);
  const flood = bySide((): number[] => []);
  const download = bySide((): number[] => []);
  const suffix = Date.now().toString(36);
  /** Each engine's last `/_ping` round trip as its monitor reports it, read at the end. */
  const pingMs = bySide((): number | undefined => undefined);

  async function engineState(engineId: string, want: EngineState): Promise<void> {
    await within(
      `engine ${engineId} to be ${want}`,
      async () => {
        const status = await h.client.api.engines.status({ engineId });
        return status.state === want ? status : undefined;
      },
      30_000,
    );
  }

  /** Writes `command` and Enter, and waits for the next prompt. */
  async function run(id: string, command: string): Promise<void> {
    const back = terminals.waitFor(id, ready, stepTimeoutMs);
    await h.client.api.terminals.write({ id, data: `${command}\r` });
    await back;
  }

  /** One session start through the contract as a window makes it; deleted after. */
  async function startOnce(side: Side, name: string): Promise<StartTimes> {
    const { client } = h;
    const running = sessionReaches(client, name, 'running', buildTimeoutMs);
    const t0 = performance.now();
    const session = await client.api.sessions.create({ name, engineId: engineIds[side] });
    try {
      const t1 = await running;
      const t2 = performance.now();
      const terminal = await client.api.terminals.open({ sessionId: session.id, ...size });
      const t3 = (await terminals.firstPrompt(terminal.id, stepTimeoutMs)).at;
      return { running: t1 - t0, prompt: t3 - t2, total: t1 - t0 + (t3 - t2) };
    } finally {
      await client.api.sessions.delete({ id: session.id });
    }
  }

  /** A session that stays: a terminal at a known prompt, a file served and forwarded. */
  async function openSandbox(side: Side): Promise<Sandbox> {
    const { client } = h;
    const created = await client.api.sessions.create({
      name: `bench remote ${side} ${suffix}`,
      engineId: engineIds[side],
    });
    const session = await h.waitForStatus(created.id, 'running', buildTimeoutMs);
    if (session.engineId !== engineIds[side]) {
      throw new Error(`session on ${session.engineId}, not ${engineIds[side]}`);
    }
    const terminal = await client.api.terminals.open({ sessionId: session.id, ...size });
    await terminals.firstPrompt(terminal.id, stepTimeoutMs);
    await run(terminal.id, setPrompt);

    // Set up straight through the local socket (the same dockerd): not measured.
    const id = session.containerId!;
    const hashed = await sandboxSh(
      id,
      `set -e; mkdir -p ${sandboxDir}; cd ${sandboxDir}
       head -c ${bigBytes} /dev/urandom > big; sha256sum big
       setsid nohup python3 -m http.server ${sandboxPort} --bind ${loopback} >/dev/null 2>&1 < /dev/null &`,
    );
    const bigSha = hashed.split(' ')[0]!;
    await within(
      `the ${side} sandbox's server in ports.list`,
      async () => {
        const view = await client.api.ports.list({ sessionId: session.id });
        return view.listening.some((p) => p.port === sandboxPort) ? true : undefined;
      },
      15_000,
    );
    const forward = await client.api.ports.forward({ sessionId: session.id, port: sandboxPort });
    if (forward.status !== 'active' || forward.localPort === undefined) {
      throw new Error(`the ${side} forward is ${forward.status}: ${forward.error ?? ''}`);
    }
    const forwarded = { host: loopback, port: forward.localPort };
    // Unmeasured warm-up, and the one full check: every byte, by sha256.
    checkResponse(`${side} /big`, await httpGet(forwarded, '/big', true), bigBytes, bigSha);
    return { session, terminalId: terminal.id, forwarded };
  }

  beforeAll(async () => {
    ssh = await startSshEngine();
    h = await startHost({ engineRetryMs: { remote: 200 } });
    terminals = new AckingTerminals(h.client, prompts);
    const list = await h.client.api.engines.list({});
    engineIds.local = list.engines.find((e) => e.kind === 'local')!.id;
    const added = await h.client.api.engines.add({
      name: 'bench-ssh',
      address: ssh.address,
      identityFile: ssh.identityFile,
    });
    engineIds.ssh = added.id;
    await engineState(added.id, 'host_key_unknown');
    await h.client.api.engines.trustHostKey({
      engineId: added.id,
      fingerprint: ssh.hostKey.fingerprint,
    });
    await engineState(added.id, 'connected');
    // Unmeasured first starts: the image (built here if missing), the SSH channels, caches.
    for (const side of sides) await startOnce(side, `bench remote warm-up ${side} ${suffix}`);
    for (const side of sides) sandboxes[side] = await openSandbox(side);
  });

  afterAll(async () => {
    terminals?.dispose();
    for (const side of sides) {
      if (!engineIds[side]) continue;
      const status = await h.client.api.engines
        .status({ engineId: engineIds[side] })
        .catch(() => undefined);
      pingMs[side] = status?.latencyMs;
    }
    for (const side of sides) {
      const sandbox = sandboxes[side];
      if (sandbox) {
        await h.client.api.sessions.delete({ id: sandbox.session.id }).catch(() => undefined);
      }
    }
    await h?.close();
    await ssh?.close();
    // A failed run publishes nothing: half a series would read as a result.
    const complete = sides.every(
      (side) =>
        start[side].length === startRuns &&
        echo[side].length === keys.length &&
        flood[side].length === floodRuns &&
        download[side].length === downloadRuns,
    );
    if (!complete) return;

    const pick = (side: Side, key: keyof StartTimes) => start[side].map((t) => t[key]);
    const comparisons: Comparison[] = [
      compare('create → running', 'ms', pick('ssh', 'running'), pick('local', 'running')),
      compare('open terminal → prompt', 'ms', pick('ssh', 'prompt'), pick('local', 'prompt')),
      compare('create → prompt (total)', 'ms', pick('ssh', 'total'), pick('local', 'total')),
      compare('key → echo', 'ms', echo.ssh, echo.local),
      compare('terminal output', 'MB/s', flood.ssh, flood.local),
      compare('port-forward download', 'MB/s', download.ssh, download.local),
    ];

    // The table asked for: SSH / local for every row, whatever the unit.
    const med = (s: number[]) => summarize(s).median;
    const p90 = (s: number[]) => summarize(s).p90;
    const rows: [string, string, number, number][] = [
      ['create → prompt, median', 'ms', med(pick('local', 'total')), med(pick('ssh', 'total'))],
      [
        '  of which create → running',
        'ms',
        med(pick('local', 'running')),
        med(pick('ssh', 'running')),
      ],
      ['  of which open → prompt', 'ms', med(pick('local', 'prompt')), med(pick('ssh', 'prompt'))],
      ['key → echo, p50', 'ms', med(echo.local), med(echo.ssh)],
      ['key → echo, p90', 'ms', p90(echo.local), p90(echo.ssh)],
      ['terminal output, median', 'MB/s', med(flood.local), med(flood.ssh)],
      ['port-forward download, median', 'MB/s', med(download.local), med(download.ssh)],
    ];
    const fmt = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(v < 100 ? 1 : 0));
    const cells = rows.map(([metric, unit, local, remote]) => [
      `${metric} (${unit})`,
      fmt(local),
      fmt(remote),
      `${(remote / local).toFixed(2)}×`,
    ]);
    const header = ['metric', 'local', 'SSH', 'SSH/local'];
    const widths = header.map((title, i) =>
      Math.max(title.length, ...cells.map((c) => c[i]!.length)),
    );
    const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i]!)).join(' | ');

    publish({
      key: 'remoteEngine',
      title: 'Remote engine: a session on the SSH engine (Berth column) against the local engine',
      baseline:
        'the same operation on a session on the local engine (unix socket), the same dockerd, same host process, same run',
      comparisons,
      notes: [
        'SSH / local, medians (p90 where named); for MB/s below 1 means SSH is slower:',
        line(header),
        line(widths.map((w) => '─'.repeat(w))),
        ...cells.map(line),
        `SSH engine: sshd on 127.0.0.1 (MaxSessions 10, stream-local forwarding on), ssh2 in the host. No network: this is the transport's own cost. Last /_ping as the engine monitors report it: local ${pingMs.local ?? '?'} ms, SSH ${pingMs.ssh ?? '?'} ms.`,
        `Start: ${startRuns} runs per engine; sessions.create until sessions.changed says running, then terminals.open until the first output with "$ " or "# "; each session deleted after (not timed).`,
        `Echo: ${keys.length} keys per engine, one at a time alternating engines, ${gapMs} ms apart; terminals.write → the character in terminals.output.`,
        `Terminal output: head -c ${floodInputBytes} /dev/zero | base64 (≈${(floodChars / 1e6).toFixed(1)} M characters with CR LF), ${floodRuns} runs per engine; characters received by the client from Enter to a computed end marker, every batch acked on arrival.`,
        `Download: ${bigBytes / 1e6} MB of random bytes from python3 -m http.server in the sandbox through ports.forward, ${downloadRuns} runs per engine, read by a raw-socket HTTP/1.0 client in its own Node process; sha256 checked once per engine, byte count every run.`,
      ],
    });
  });

  it(`create → first prompt: ${startRuns} interleaved runs per engine`, async () => {
    await repeat(startRuns, async (i) => {
      for (const side of order(i)) {
        start[side].push(await startOnce(side, `bench remote start ${side} ${suffix} ${i}`));
      }
    });
  });

  it(`key → echo: ${keys.length} keys per engine, alternating`, async () => {
    const { client } = h;
    await repeat(keys.length, async (i) => {
      const key = keys[i]!;
      for (const side of order(i)) {
        const id = sandboxes[side]!.terminalId;
        const echoed = terminals.waitFor(id, key, stepTimeoutMs);
        const t0 = performance.now();
        const written = client.api.terminals.write({ id, data: key });
        const t1 = (await echoed).at;
        await written;
        echo[side].push(t1 - t0);
        await pause(gapMs);
      }
    });
    // Ctrl+U empties the line; Enter on an empty line gives a fresh prompt.
    for (const side of sides) await run(sandboxes[side]!.terminalId, '\u0015');
  });

  it(`terminal output: ${floodRuns} interleaved runs per engine`, async () => {
    const { client } = h;
    await repeat(floodRuns, async (i) => {
      for (const side of order(i)) {
        const id = sandboxes[side]!.terminalId;
        const n = Math.floor(Math.random() * 1e9);
        const typedTail = `DONE-$((${n}+1))`;
        // The command line's own echo is not part of the measurement.
        const echoed = terminals.waitFor(id, typedTail, stepTimeoutMs);
        await client.api.terminals.write({
          id,
          data: `head -c ${floodInputBytes} /dev/zero | base64; echo ${typedTail}`,
        });
        await echoed;
        const done = terminals.waitFor(id, `DONE-${n + 1}`, floodTimeoutMs);
        const back = terminals.waitFor(id, ready, floodTimeoutMs);
        back.catch(() => undefined);
        const before = terminals.received(id);
        const t0 = performance.now();
        await client.api.terminals.write({ id, data: '\r' });
        const end = await done;
        await back;
        const chars = end.chars - before;
        if (chars < floodChars) {
          throw new Error(`${side}: ${chars} characters arrived, fewer than ${floodChars}`);
        }
        flood[side].push(mbPerS(chars, end.at - t0));
      }
    });
  });

  it(`port-forward download: ${downloadRuns} interleaved runs per engine`, async () => {
    await repeat(downloadRuns, async (i) => {
      for (const side of order(i)) {
        const r = await httpGet(sandboxes[side]!.forwarded, '/big');
        checkResponse(`${side} /big`, r, bigBytes);
        download[side].push(mbPerS(r.bodyBytes, r.endMs));
      }
    });
  });
});
