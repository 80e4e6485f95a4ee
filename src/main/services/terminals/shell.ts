import { RpcError } from '../../../shared/contract';
import { helperCommand } from '../sandboxes/helperScripts';
import type { ExecOptions, ExecProcess, SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { PtyHelperStream } from './ptyHelperStream';

/**
 * Every shell carries its terminal id in this variable. Docker does not end an exec when its
 * client disconnects, so closing a tab finds the shell by it (its children inherit it too).
 */
export const terminalMarker = 'BERTH_TERMINAL';

export interface ShellSize {
  cols: number;
  rows: number;
}

/** A terminal's shell: `resumed` when it is the shell the tab had before its link dropped. */
export interface ShellProcess extends ExecProcess {
  resumed: boolean;
}

const shellStart = 'cd -- "$1" 2>/dev/null || cd /workspace; exec /bin/bash -l';

/**
 * Bytes of output the pty helper may send ahead of the window's acknowledgements. Measured in
 * Chromium on the 2-core machine: 128 K kept long lines at 4–5 MB/s, 512 K at 6.6 (what a TTY
 * exec reached before), and a `yes` flood then leaves 80–150 ms behind a Ctrl-C (was 350–1,200).
 */
export const helperWindowBytes = 512 * 1024;

/** How long the helper may take to start before the shell is given up. */
const helperStartMs = 15_000;

/**
 * Starts a login shell for one terminal tab in the sandbox, in `workingDir`: under Berth's pty
 * helper (resources/pty/berth-pty.py: flow control inside the sandbox, and the tab's earlier
 * shell taken over when a lost link left it running), or, in an image without python3, in a
 * plain TTY exec.
 */
export async function spawnShell(
  runtime: SandboxRuntime,
  containerId: string,
  terminalId: string,
  size: ShellSize,
  workingDir: string,
): Promise<ShellProcess> {
  // Through `cd`, not the exec's working directory: a primary repository removed inside the
  // sandbox must leave the shell in /workspace, not fail to start. `exec` keeps one process.
  const shell = ['/bin/bash', '-c', shellStart, 'berth-shell', workingDir];
  const env = {
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    LANG: 'C.UTF-8',
    [terminalMarker]: terminalId,
  };
  try {
    const helped = await startHelped(runtime, containerId, { cmd: shell, env, size });
    if (helped) return helped;
    const plain = await runtime.exec(containerId, {
      cmd: shell,
      tty: true,
      env,
      cols: size.cols,
      rows: size.rows,
    });
    return Object.assign(plain, { resumed: false });
  } catch (error) {
    if (error instanceof RpcError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new RpcError(
      'unavailable',
      `Could not start a shell in the sandbox (${detail}). Check that the session is running and its engine is reachable.`,
    );
  }
}

/** The shell under the pty helper, or null when the image has no python3 to run it. */
async function startHelped(
  runtime: SandboxRuntime,
  containerId: string,
  shell: { cmd: string[]; env: NonNullable<ExecOptions['env']>; size: ShellSize },
): Promise<ShellProcess | null> {
  let stderr = '';
  const { cols, rows } = shell.size;
  const helper = helperCommand('pty/berth-pty.py', [
    String(cols),
    String(rows),
    String(helperWindowBytes),
    ...shell.cmd,
  ]);
  const exec = await runtime.exec(containerId, {
    cmd: helper.cmd,
    tty: false,
    env: { ...shell.env, ...helper.env },
    onStderr: (chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    },
  });
  const stream = new PtyHelperStream(exec.stream, helperWindowBytes);
  try {
    const started = await withTimeout(
      stream.ready.then(() => true),
      helperStartMs,
    );
    if (!started) throw new Error('the terminal helper did not start in time');
  } catch (error) {
    stream.destroy();
    const said = `${(error as Error).message}\n${stderr}`;
    if (/python3.*(not found|no such file)/i.test(said)) return null;
    throw new Error(said.trim(), { cause: error });
  }
  return {
    stream,
    resize: (c, r) => {
      stream.resize(c, r);
      return Promise.resolve();
    },
    wait: () => exec.wait(),
    resumed: stream.resumed,
  };
}

/**
 * Sends SIGHUP (what a closing terminal sends) to the terminal's shell: the marked process whose
 * parent is unmarked. bash passes it on to its jobs; `nohup`ed ones live on, as in any terminal.
 * Waits up to 2 s (20 × 0.1 s) for the shell to go, then kills it. POSIX sh: any image has it.
 */
const endScript = `
m="${terminalMarker}=$1"
has() { tr '\\0' '\\n' < "/proc/$1/environ" 2>/dev/null | grep -qxF "$m"; }
roots=""
for d in /proc/[0-9]*; do
  p=\${d#/proc/}
  has "$p" || continue
  pp=$(sed 's/.*) . //' "/proc/$p/stat" 2>/dev/null | cut -d' ' -f1)
  has "$pp" || roots="$roots $p"
done
[ -z "$roots" ] && exit 0
kill -HUP $roots 2>/dev/null
i=0
while [ $i -lt 20 ]; do
  alive=""
  for p in $roots; do [ -d "/proc/$p" ] && alive="$alive $p"; done
  [ -z "$alive" ] && exit 0
  sleep 0.1
  i=$((i + 1))
done
kill -KILL $alive 2>/dev/null
exit 0
`;

/** Ends a terminal's shell inside the sandbox and waits until it is gone (at most ~5 s). */
export async function endShell(
  runtime: SandboxRuntime,
  containerId: string,
  terminalId: string,
): Promise<void> {
  const exec = await runtime.exec(containerId, {
    cmd: ['/bin/sh', '-c', endScript, 'berth-end-shell', terminalId],
    tty: false,
  });
  exec.stream.resume();
  try {
    await withTimeout(exec.wait(), 5000);
  } finally {
    exec.stream.destroy();
  }
}

/** Resolves like `promise`, or with null after `ms` (an engine that never answers). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
