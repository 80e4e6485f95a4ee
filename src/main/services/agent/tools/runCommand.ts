import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandDetail } from '../../../../shared/contract';
import type { SandboxRuntime } from '../../sandboxes/sandboxRuntime';
import { HeadTailCollector, logCap, modelCap } from './cap';
import { runScript } from './sandboxScript';
import { toolError } from './toolError';
import { displayPath, resolveToolPath } from './toolPaths';
import { toolLimits, type RunCommandInput } from './toolSchemas';
import type { ToolContext, ToolOutcome } from './toolTypes';

/** Non-interactive everything: no pagers, no prompts, no colours (vibe's `_get_base_env`). */
export const commandEnv: Record<string, string> = {
  CI: 'true',
  NONINTERACTIVE: '1',
  TERM: 'dumb',
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  LESS: '-FX',
  DEBIAN_FRONTEND: 'noninteractive',
};

/** Every process of a command carries `BERTH_TOOL_CALL=<token>`, which is how it is found. */
const tokenVariable = 'BERTH_TOOL_CALL';
/** After the command exits, grandchildren may hold the pipe open: wait this long (codex's). */
const drainMs = 2000;
/** `timeout -k`: seconds between TERM and KILL when the time is up. */
const killAfterS = 5;

/**
 * What is needed to find a command's processes in the sandbox, even after Berth restarted:
 * the tool call id (already in the `tool.started` event) is enough; the pgid is informational.
 */
export interface CommandRef {
  toolCallId: string;
  pgid?: number;
}

export interface RunCommandOptions {
  /** Told once the command runs in its own process group. */
  onStarted?: (ref: CommandRef) => void;
}

/**
 * argv: CWD SECONDS TOKEN COMMAND. The command runs in a new session (its own process group)
 * under `timeout -k 5`, stdin at /dev/null, stdout and stderr on one pipe so their order is
 * the order they were written. The wrapper talks on the exec's stderr, apart from the output:
 * `berth:pgid N` before the command starts, `berth:exit N` when it ended. The command is an
 * argument of bash -lc, never spliced into script text; only the session carries the token, so
 * this wrapper itself is never a target of the kill.
 */
const wrapper = String.raw`
cd -- "$1" 2>/dev/null || { printf 'berth:nocwd\n' >&2; exit 0; }
${tokenVariable}=$3 setsid -w bash -c \
  'printf "berth:pgid %s\n" "$$" >&2; exec timeout -k ${killAfterS} "$1" bash -lc "$2" </dev/null 2>&1' \
  berth-command "$2" "$4"
printf 'berth:exit %s\n' "$?" >&2
`;

/**
 * Run as the sandbox user, not root: root in a sandbox has no capabilities (no-new-privileges),
 * so it could neither read another user's /proc/PID/environ nor signal its processes.
 * TERM to every process group (and process) that carries the token, KILL after 2 s
 * for whatever is left. Prints how many processes it found. argv: TOKEN_ENTRY.
 */
const killScript = String.raw`
entry=$1
pids() { grep -lsazxF -- "$entry" /proc/[0-9]*/environ 2>/dev/null | cut -d / -f 3; }
signal() {
  list=$(pids)
  [ -n "$list" ] || return 0
  groups=$(ps -eo pid=,pgid= | awk -v list=" $(echo $list) " 'index(list, " " $1 " ") { print $2 }' | sort -u)
  for g in $groups; do [ "$g" -gt 1 ] && kill -s "$1" -- "-$g" 2>/dev/null; done
  kill -s "$1" $list 2>/dev/null
  return 0
}
found=$(pids | wc -l)
signal TERM
i=0
while [ -n "$(pids)" ] && [ "$i" -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
signal KILL
note killed "$found"
`;

/** The token of a tool call: a hash, so any id is safe in the environment and in grep. */
export function commandToken(toolCallId: string): string {
  return createHash('sha256').update(toolCallId).digest('hex').slice(0, 32);
}

/**
 * Kills a command's whole process group in the sandbox: on Stop, and after a restart for a
 * command whose `tool.started` has no result. Returns how many processes were found.
 */
export async function killCommandGroup(
  runtime: SandboxRuntime,
  containerId: string,
  ref: CommandRef,
  user = 'berth',
): Promise<number> {
  const outcome = await runScript(
    { runtime, containerId, user },
    killScript,
    [`${tokenVariable}=${commandToken(ref.toolCallId)}`],
    { doing: 'Stopping the command', timeoutMs: 30_000 },
  );
  if (!outcome.ok) throw new Error(`Stopping the command failed: ${outcome.error}`);
  return Number(outcome.frames[0]?.args[0] ?? 0);
}

/** Runs a command in the sandbox, streams its output, and kills it on timeout or Stop. */
export async function runCommand(
  input: RunCommandInput,
  ctx: ToolContext,
  options: RunCommandOptions = {},
): Promise<ToolOutcome> {
  const resolved = resolveToolPath(ctx.repoDir, input.cwd ?? '.');
  if (!resolved.ok) return toolError(resolved.error);
  const cwd = resolved.path;
  const timeoutS = Math.min(
    input.timeout_s ?? toolLimits.commandTimeoutS,
    toolLimits.commandMaxTimeoutS,
  );
  const toolCallId = ctx.toolCallId;
  const detail: CommandDetail = {
    type: 'command',
    command: input.command,
    cwd,
    exitCode: null,
    timedOut: false,
    output: '',
    truncated: false,
  };
  if (ctx.signal.aborted) {
    return {
      status: 'stopped',
      modelOutput: 'Stopped before it started.',
      summary: 'stopped',
      detail,
    };
  }

  const started = Date.now();
  const forModel = new HeadTailCollector(modelCap);
  const forLog = new HeadTailCollector(logCap);
  const decoder = new StringDecoder('utf8');
  const take = (text: string) => {
    if (text === '') return;
    forModel.push(text);
    forLog.push(text);
    ctx.onOutput?.(text);
  };

  let pgid: number | undefined;
  let exitCode: number | null | undefined;
  let noCwd = false;
  let control = '';
  let exited!: () => void;
  const exitSeen = new Promise<void>((resolve) => (exited = resolve));
  const onControl = (chunk: Buffer) => {
    control += chunk.toString('utf8');
    for (let newline = control.indexOf('\n'); newline !== -1; newline = control.indexOf('\n')) {
      const line = control.slice(0, newline);
      control = control.slice(newline + 1);
      const [word, value] = line.split(' ');
      if (word === 'berth:pgid') {
        pgid = Number(value);
        options.onStarted?.({ toolCallId, pgid });
      } else if (word === 'berth:exit') {
        exitCode = Number(value);
        exited();
      } else if (word === 'berth:nocwd') {
        noCwd = true;
      } else {
        // The wrapper's own complaints (setsid or bash missing) are output too.
        take(`${line}\n`);
      }
    }
  };

  const exec = await ctx.runtime.exec(ctx.containerId, {
    cmd: [
      'bash',
      '-c',
      wrapper,
      'berth-run',
      cwd,
      String(timeoutS),
      commandToken(toolCallId),
      input.command,
    ],
    tty: false,
    user: ctx.user,
    env: commandEnv,
    onStderr: onControl,
  });
  const stream = exec.stream;
  stream.on('data', (chunk: Buffer) => take(decoder.write(chunk)));
  const ended = new Promise<void>((resolve) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  // Stdin is closed at once (and the command's is /dev/null): nothing can wait on it.
  stream.end();

  const stopController = new AbortController();
  const aborted = new Promise<'aborted'>((resolve) => {
    if (ctx.signal.aborted) resolve('aborted');
    ctx.signal.addEventListener('abort', () => resolve('aborted'), {
      once: true,
      signal: stopController.signal,
    });
  });
  // A backstop if the wrapper's own timeout never fires (a wedged engine).
  const backstop = sleep((timeoutS + killAfterS + 15) * 1000, 'backstop' as const, {
    signal: stopController.signal,
  }).catch(() => 'cancelled' as const);

  let stopped = false;
  let backstopped = false;
  try {
    const first = await Promise.race([
      ended.then(() => 'ended' as const),
      exitSeen.then(() => 'exited' as const),
      aborted,
      backstop,
    ]);
    if (first === 'aborted' || first === 'backstop') {
      stopped = first === 'aborted';
      backstopped = first === 'backstop';
      await killCommandGroup(ctx.runtime, ctx.containerId, { toolCallId }, ctx.user);
    }
    if (first !== 'ended') await Promise.race([ended, sleep(drainMs)]);
    if (exitCode === undefined && !stopped) {
      exitCode = await Promise.race([exec.wait(), sleep(5000, null)]);
    }
  } finally {
    stopController.abort();
    stream.destroy();
  }
  take(decoder.end());

  if (noCwd) return toolError(`cwd ${displayPath(ctx.repoDir, cwd)} does not exist`);
  const durationMs = Date.now() - started;
  const code = exitCode ?? null;
  const timedOut = backstopped || code === 124 || (code === 137 && durationMs >= timeoutS * 1000);
  const log = forLog.result();
  detail.exitCode = code;
  detail.timedOut = timedOut;
  detail.output = log.text;
  detail.truncated = log.truncated;

  const seconds = formatSeconds(durationMs);
  const summary = stopped
    ? `stopped after ${seconds}`
    : timedOut
      ? `timed out after ${timeoutS} s`
      : `exit ${code ?? '?'} in ${seconds}`;
  const footer = stopped
    ? `[stopped by the user after ${seconds}; the command was killed]`
    : timedOut
      ? `[timed out after ${timeoutS} s (exit ${code ?? 124}); the command was killed. Raise timeout_s, or run long jobs in the background with output to a file]`
      : `[exit code ${code ?? 'unknown'}, ${seconds}]`;
  const output = forModel.result().text;
  return {
    status: stopped ? 'stopped' : 'ok',
    modelOutput: `${output === '' ? '(no output)\n' : output.endsWith('\n') ? output : `${output}\n`}${footer}`,
    summary,
    detail,
  };
}

function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
