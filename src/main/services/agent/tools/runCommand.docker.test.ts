import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandDetail } from '../../../../shared/contract';
import { sandboxSh } from '../../../testing/sandboxShell';
import { runInSandbox } from '../../sandboxes/runInSandbox';
import { killCommandGroup, runCommand, type CommandRef } from './runCommand';
import { runSandboxTool } from './runTool';
import { startTestSandbox, type TestSandbox } from './testSandbox';

// run_command against a real sandbox: exit codes, timeouts, caps, and Stop killing the group.
const repo = '/workspace/app';
let sandbox: TestSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox('run-command');
  await sandboxSh(sandbox.containerId, `mkdir -p ${repo}/sub`);
});

afterAll(async () => {
  await sandbox?.remove();
});

/** Command lines of the sandbox's processes, from outside Berth. */
const processes = async () =>
  (await sandboxSh(sandbox.containerId, 'ps -eo args=')).split('\n').map((line) => line.trim());
const count = (list: string[], args: string) => list.filter((line) => line === args).length;

describe('run_command', () => {
  it('returns the exit code as data, in the repository, non-interactive', async () => {
    const chunks: string[] = [];
    const result = await runSandboxTool(
      'run_command',
      {
        command: 'pwd; id -u; echo "$TERM $CI $PAGER"; read -r x || echo stdin-closed; exit 3',
      },
      sandbox.context(repo, { onOutput: (text) => chunks.push(text) }),
    );
    expect(result.status).toBe('ok');
    expect(result.summary).toMatch(/^exit 3 in \d+\.\d s$/);
    const output = '/workspace/app\n1000\ndumb true cat\nstdin-closed\n';
    expect(result.modelOutput).toMatch(
      new RegExp(`^${output.replace(/\//g, '\\/')}\\[exit code 3, \\d+\\.\\d s\\]$`),
    );
    expect(result.detail).toMatchObject<Partial<CommandDetail>>({
      type: 'command',
      cwd: repo,
      exitCode: 3,
      timedOut: false,
      output,
      truncated: false,
    });
    expect(chunks.join('')).toBe(output);
  });

  it('interleaves stdout and stderr in the order they were written, in cwd', async () => {
    const result = await runSandboxTool(
      'run_command',
      { command: 'echo out1; echo err1 >&2; echo out2; echo err2 >&2; pwd', cwd: 'sub' },
      sandbox.context(repo),
    );
    expect((result.detail as CommandDetail).output).toBe(
      'out1\nerr1\nout2\nerr2\n/workspace/app/sub\n',
    );
    const missing = await runSandboxTool(
      'run_command',
      { command: 'true', cwd: 'nope' },
      sandbox.context(repo),
    );
    expect(missing).toMatchObject({ status: 'error', modelOutput: 'cwd nope does not exist' });
  });

  it('kills a command at its timeout: exit 124', async () => {
    const started = Date.now();
    const result = await runSandboxTool(
      'run_command',
      { command: 'echo before; sleep 30', timeout_s: 1 },
      sandbox.context(repo),
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.detail).toMatchObject({ exitCode: 124, timedOut: true, output: 'before\n' });
    expect(result.summary).toBe('timed out after 1 s');
    expect(result.modelOutput).toMatch(/\[timed out after 1 s \(exit 124\)/);
    expect(count(await processes(), 'sleep 30')).toBe(0);
  });

  it('caps what the model sees, middle elided, and keeps more for the log', async () => {
    const result = await runSandboxTool(
      'run_command',
      { command: 'seq 1 100000' },
      sandbox.context(repo),
    );
    const lines = result.modelOutput.split('\n');
    expect(lines.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(lines[127]).toBe('128');
    expect(lines[128]).toBe('[… 99744 lines elided …]');
    expect(lines[129]).toBe('99873');
    expect(lines.at(-2)).toBe('100000');
    expect(lines.at(-1)).toMatch(/^\[exit code 0, /);
    expect(Buffer.byteLength(result.modelOutput)).toBeLessThan(10 * 1024 + 100);
    const detail = result.detail as CommandDetail;
    // 588,895 bytes: under the log's 1 MiB, so the log has all of it.
    expect(detail.truncated).toBe(false);
    expect(detail.output.length).toBe(588_895);
  });

  it('kills the whole process group on Stop', async () => {
    const stop = new AbortController();
    const started: CommandRef[] = [];
    const running = runCommand(
      { command: 'sleep 600 & sleep 600; echo never' },
      sandbox.context(repo, { signal: stop.signal, toolCallId: 'call_stop_1' }),
      { onStarted: (ref) => started.push(ref) },
    );
    for (let i = 0; i < 100 && count(await processes(), 'sleep 600') < 2; i++) await sleep(50);
    expect(started).toEqual([{ toolCallId: 'call_stop_1', pgid: expect.any(Number) }]);
    expect(count(await processes(), 'sleep 600')).toBe(2);
    const pgids = await sandboxSh(
      sandbox.containerId,
      `ps -eo pgid=,args= | awk '$2 == "sleep" && $3 == "600" { print $1 }' | sort -u`,
    );
    expect(pgids.trim()).toBe(String(started[0]!.pgid));
    const stopAt = Date.now();
    stop.abort();
    const result = await running;
    expect(Date.now() - stopAt).toBeLessThan(5000);
    expect(result.status).toBe('stopped');
    expect(result.summary).toMatch(/^stopped after /);
    expect(result.modelOutput).toMatch(/\[stopped by the user after .*; the command was killed\]$/);
    expect(count(await processes(), 'sleep 600')).toBe(0);
  });

  it('finds and kills an orphan by its tool call id alone, as after a restart', async () => {
    const running = runSandboxTool(
      'run_command',
      { command: 'sleep 700; echo never' },
      sandbox.context(repo, { toolCallId: 'call_orphan' }),
    );
    for (let i = 0; i < 100 && count(await processes(), 'sleep 700') < 1; i++) await sleep(50);
    // Another call's id finds nothing.
    expect(await killCommandGroup(sandbox.runtime, sandbox.containerId, { toolCallId: 'x' })).toBe(
      0,
    );
    expect(
      await killCommandGroup(sandbox.runtime, sandbox.containerId, { toolCallId: 'call_orphan' }),
    ).toBeGreaterThanOrEqual(2);
    const result = await running;
    expect(result.status).toBe('ok');
    expect((result.detail as CommandDetail).exitCode).not.toBe(0);
    expect(count(await processes(), 'sleep 700')).toBe(0);
  });

  it('returns when the command exits even if a background child keeps the pipe', async () => {
    const started = Date.now();
    const result = await runSandboxTool(
      'run_command',
      { command: '(sleep 20 &) ; echo done' },
      sandbox.context(repo),
    );
    const took = Date.now() - started;
    expect(result.detail).toMatchObject({ exitCode: 0, output: 'done\n' });
    expect(took).toBeGreaterThanOrEqual(2000);
    expect(took).toBeLessThan(5000);
  });

  it('costs little more than a bare exec', async () => {
    const ctx = sandbox.context(repo);
    const time = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const start = performance.now();
        await run();
        times.push(performance.now() - start);
      }
      return times.sort((a, b) => a - b)[3]!;
    };
    const bare = await time(() =>
      runInSandbox(sandbox.runtime, sandbox.containerId, { cmd: ['true'], user: ctx.user }),
    );
    const wrapped = await time(() => runCommand({ command: 'true' }, ctx));
    console.log(
      `median of 7: bare exec ${bare.toFixed(0)} ms, run_command ${wrapped.toFixed(0)} ms`,
    );
    expect(wrapped).toBeLessThan(bare + 500);
  });
});
