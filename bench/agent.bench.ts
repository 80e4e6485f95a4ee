import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AgentStatus } from '../src/shared/contract';
import { startHost, type HostHarness } from '../src/main/testing/hostHarness';
import {
  callTool,
  startScriptedModel,
  type ScriptedModelServer,
  makeDefaultModel,
} from '../src/main/testing/scriptedModel';
import { rawCommand } from './support/rawCommand';
import { compare, publish } from './support/report';
import { repeat, summarize } from './support/stats';
import { ToolCallClock } from './support/toolCallClock';

// The agent loop's cost per tool call with the model taken out. Berth: a scripted turn of 50
// `run_command` calls (one a model step) through an in-process host, timed on the host's event
// bus from each `tool.call` to its `tool.result`. Baseline: the same 50 commands as plain
// dockerode execs in the same sandbox, one after another. Reports only.

const calls = 50;
const runs = 3;
/** 50 echo commands take seconds; five minutes means the loop is stuck. */
const turnTimeoutMs = 300_000;
/** Where a turn can end; anything but `finished` fails the run. */
const turnEnds: AgentStatus[] = ['finished', 'error', 'stuck', 'limit', 'stopped', 'interrupted'];

interface TurnTimes {
  /** tool.call → tool.result, one per call. */
  perCall: number[];
  /** tool.started → tool.result: the exec and the result's write, without policy and tool.started. */
  exec: number[];
  /** agent.send → finished, scripted model included. */
  wall: number;
  cwd: string;
}

const commandsOf = (label: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `echo step-${label}-${i + 1}`);

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe(`agent step overhead, model excluded: ${calls} run_command calls`, () => {
  let model: ScriptedModelServer;
  let h: HostHarness;
  let clock: ToolCallClock;
  let sessionId: string;
  let containerId: string;
  let cwd: string;
  const berth: TurnTimes[] = [];
  const raw: number[][] = [];

  /** One scripted turn: `n` echo commands, then finish. Checks every result. */
  async function berthTurn(label: string, n: number): Promise<TurnTimes> {
    clock.clear();
    const commands = commandsOf(label, n);
    model.push(
      ...commands.map((command) => callTool('run_command', { command })),
      callTool('finish', { summary: `ran ${n} commands`, outcome: 'done' }),
    );
    const ended = clock.reaches(turnEnds, turnTimeoutMs);
    const t0 = performance.now();
    await h.client.api.agent.send({ sessionId, text: `Run ${n} echo commands, one at a time.` });
    const status = await ended;
    const wall = performance.now() - t0;
    if (status !== 'finished') {
      const state = await h.client.api.agent.state({ sessionId });
      throw new Error(`the turn ended ${status}: ${state.statusDetail ?? 'no detail'}`);
    }
    model.expectDone();
    const times = [...clock.calls.values()].filter((c) => c.tool === 'run_command');
    if (times.length !== n) throw new Error(`${times.length} run_command calls, not ${n}`);
    times.forEach((t, i) => {
      const result = t.event?.data;
      const detail = result?.detail;
      if (
        result?.status !== 'ok' ||
        detail?.type !== 'command' ||
        detail.exitCode !== 0 ||
        detail.command !== commands[i] ||
        detail.output.trim() !== `step-${label}-${i + 1}`
      ) {
        throw new Error(`call ${i + 1} of ${label} went wrong: ${JSON.stringify(result)}`);
      }
    });
    const last = times[times.length - 1]!.event!.data.detail as { cwd: string };
    return {
      perCall: times.map((t) => t.result! - t.called),
      exec: times.map((t) => t.result! - t.started!),
      wall,
      cwd: last.cwd,
    };
  }

  /** The same commands as plain execs in the same sandbox and directory, one after another. */
  async function rawTurn(label: string, n: number): Promise<number[]> {
    const ms: number[] = [];
    for (const [i, command] of commandsOf(label, n).entries()) {
      const result = await rawCommand(containerId, command, cwd);
      if (result.exitCode !== 0 || result.output.trim() !== `step-${label}-${i + 1}`) {
        throw new Error(`raw ${command} went wrong: ${JSON.stringify(result)}`);
      }
      ms.push(result.ms);
    }
    return ms;
  }

  beforeAll(async () => {
    model = await startScriptedModel();
    h = await startHost();
    await makeDefaultModel(h.client.api, model);
    const session = await h.client.api.sessions.create({
      name: `bench agent ${Date.now().toString(36)}`,
    });
    sessionId = session.id;
    const running = await h.waitForStatus(sessionId, 'running');
    if (!running.containerId) throw new Error('a running session reports no container');
    containerId = running.containerId;
    clock = new ToolCallClock(h.host.events, sessionId);
    // Unmeasured: the first turn loads the instructions; both sides get a warm-up.
    cwd = (await berthTurn('warm', 5)).cwd;
    await rawTurn('warm', 5);
  });

  afterAll(async () => {
    clock?.dispose();
    if (sessionId) await h?.client.api.sessions.delete({ id: sessionId }).catch(() => undefined);
    await h?.close();
    await model?.close();
    // A failed run publishes nothing: half a series would read as a result.
    if (berth.length !== runs || raw.length !== runs) return;
    const wall = summarize(berth.map((t) => t.wall));
    publish({
      key: 'agentStepOverhead',
      title: `Agent step overhead, model excluded: a turn of ${calls} run_command calls`,
      baseline: `the same ${calls} commands as dockerode execs (bash -lc, user berth, same sandbox and cwd), sequential, output read to the end, exit code inspected`,
      comparisons: [
        compare(
          `${calls} calls: Σ tool.call → tool.result`,
          'ms',
          berth.map((t) => sum(t.perCall)),
          raw.map(sum),
        ),
        compare(
          'one call: tool.call → tool.result',
          'ms',
          berth.flatMap((t) => t.perCall),
          raw.flat(),
        ),
        compare(
          'one call: tool.started → tool.result',
          'ms',
          berth.flatMap((t) => t.exec),
          raw.flat(),
        ),
      ],
      notes: [
        "Berth: in-process host; times taken on the host's event bus when agent.activity is emitted, right after each event's commit (synchronous=FULL).",
        'tool.call → tool.result holds the policy, tool.started and tool.result (two synced writes) and the exec: setsid, timeout and bash -lc, output streamed.',
        `The whole turn with the scripted model (send → finished): median ${wall.median.toFixed(0)} ms [${wall.min.toFixed(0)}–${wall.max.toFixed(0)}].`,
        `${runs} runs alternate Berth and baseline; every result is checked (exit 0, its own output). Goal in the issue: ≤ 1.3×.`,
      ],
    });
  });

  it(`${runs} alternating runs of a ${calls}-call turn and the raw execs`, async () => {
    await repeat(runs, async (run) => {
      berth.push(await berthTurn(`r${run + 1}`, calls));
      raw.push(await rawTurn(`r${run + 1}`, calls));
    });
  });
});
