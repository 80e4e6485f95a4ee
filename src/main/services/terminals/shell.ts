import { RpcError } from '../../../shared/contract';
import type { ExecProcess, SandboxRuntime } from '../sandboxes/sandboxRuntime';

/**
 * Every shell carries its terminal id in this variable. Docker does not end an exec when its
 * client disconnects, so closing a tab finds the shell by it (its children inherit it too).
 */
export const terminalMarker = 'BERTH_TERMINAL';

export interface ShellSize {
  cols: number;
  rows: number;
}

const shellStart = 'cd -- "$1" 2>/dev/null || cd /workspace; exec /bin/bash -l';

/** Starts a login shell for one terminal tab in the sandbox, in `workingDir`. */
export async function spawnShell(
  runtime: SandboxRuntime,
  containerId: string,
  terminalId: string,
  size: ShellSize,
  workingDir: string,
): Promise<ExecProcess> {
  try {
    return await runtime.exec(containerId, {
      // Through `cd`, not the exec's working directory: a primary repository removed inside the
      // sandbox must leave the shell in /workspace, not fail to start. `exec` keeps one process.
      cmd: ['/bin/bash', '-c', shellStart, 'berth-shell', workingDir],
      tty: true,
      env: {
        TERM: 'xterm-256color',
        COLORTERM: 'truecolor',
        LANG: 'C.UTF-8',
        [terminalMarker]: terminalId,
      },
      cols: size.cols,
      rows: size.rows,
    });
  } catch (error) {
    if (error instanceof RpcError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new RpcError(
      'unavailable',
      `Could not start a shell in the sandbox (${detail}). Check that the session is running and its engine is reachable.`,
    );
  }
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
