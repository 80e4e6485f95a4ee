import { RpcError } from '../../../shared/contract';
import type { SandboxRuntime } from './sandboxRuntime';

export interface RunOptions {
  cmd: string[];
  /** Written to the process's stdin, which is then closed. */
  stdin?: Buffer | string;
  workingDir?: string;
  user?: string;
  env?: Record<string, string>;
  /** The process is abandoned (its stream destroyed) after this long; default 120 s. */
  timeoutMs?: number;
  /** Sees stderr as it comes (progress lines), besides its collection for the result. */
  onStderr?: (text: string) => void;
}

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs a command in a running sandbox to completion and collects its output, stdout and
 * stderr apart. For short git commands and scripts; long-lived processes use `exec` directly.
 */
export async function runInSandbox(
  runtime: SandboxRuntime,
  containerId: string,
  options: RunOptions,
): Promise<RunResult> {
  let stderr = '';
  const exec = await runtime.exec(containerId, {
    cmd: options.cmd,
    tty: false,
    ...(options.workingDir ? { workingDir: options.workingDir } : {}),
    ...(options.user ? { user: options.user } : {}),
    ...(options.env ? { env: options.env } : {}),
    onStderr: (chunk) => {
      const text = chunk.toString('utf8');
      options.onStderr?.(text);
      // Messages only; a runaway stderr keeps its last 64 KiB.
      stderr = (stderr + text).slice(-65_536);
    },
  });
  const chunks: Buffer[] = [];
  exec.stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    exec.stream.once('end', resolve);
    exec.stream.once('close', resolve);
    exec.stream.once('error', reject);
  });
  if (options.stdin !== undefined) exec.stream.end(options.stdin);
  else exec.stream.end();
  const timeoutMs = options.timeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RpcError(
            'unavailable',
            `${options.cmd[0] ?? 'A command'} in the sandbox did not finish in ${Math.round(timeoutMs / 1000)} s.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    await Promise.race([ended, timedOut]);
    const code = await Promise.race([exec.wait(), timedOut]);
    return { code, stdout: Buffer.concat(chunks), stderr };
  } finally {
    clearTimeout(timer);
    exec.stream.destroy();
  }
}

/** Runs a command and returns its stdout as text; a non-zero exit throws with its stderr. */
export async function runChecked(
  runtime: SandboxRuntime,
  containerId: string,
  options: RunOptions,
  doing: string,
): Promise<string> {
  const result = await runInSandbox(runtime, containerId, options);
  if (result.code !== 0) {
    const detail = result.stderr.trim() || result.stdout.toString('utf8').trim();
    throw new RpcError(
      'internal',
      `${doing} failed in the sandbox (exit ${result.code ?? 'unknown'})${detail ? `: ${detail.slice(-2000)}` : '.'}`,
    );
  }
  return result.stdout.toString('utf8');
}
