import { runInSandbox } from '../../sandboxes/runInSandbox';
import type { ToolContext } from './toolTypes';

/**
 * The tools' small bash scripts, run in the sandbox as its user with their inputs as argv
 * (`bash -c SCRIPT berth-tool ARG…`): a path or a pattern is never spliced into script text.
 * A script answers in frames, `NAME BYTES [ARG…]\n` then BYTES bytes, so file contents need no
 * escaping; it exits 3 with a message on stderr for a problem the model should hear about.
 */
export const scriptPrelude = String.raw`
fail() { printf '%s\n' "$*" >&2; exit 3; }
# frame NAME FILE [ARG…]: the header, then the file's bytes. ARGs are numbers or words.
frame() {
  local name=$1 file=$2
  shift 2
  printf '%s %s' "$name" "$(wc -c < "$file")"
  if [ $# -gt 0 ]; then printf ' %s' "$@"; fi
  printf '\n'
  cat -- "$file"
}
# note NAME [ARG…]: a frame without a body.
note() {
  printf '%s 0' "$1"
  shift
  if [ $# -gt 0 ]; then printf ' %s' "$@"; fi
  printf '\n'
}
`;

export interface Frame {
  name: string;
  args: string[];
  body: Buffer;
}

export type ScriptOutcome = { ok: true; frames: Frame[] } | { ok: false; error: string };

export interface ScriptOptions {
  /** Written to the script's stdin (file contents): never through argv, whose size is limited. */
  stdin?: Buffer | string;
  /** Defaults to the sandbox user of the context. */
  user?: string;
  /** What the script does, for the error when it fails unexpectedly. */
  doing: string;
  timeoutMs?: number;
}

/** Runs `script` (after the prelude) with `args`; exit 3 is a tool error, others throw. */
export async function runScript(
  ctx: Pick<ToolContext, 'runtime' | 'containerId' | 'user'>,
  script: string,
  args: string[],
  options: ScriptOptions,
): Promise<ScriptOutcome> {
  const result = await runInSandbox(ctx.runtime, ctx.containerId, {
    cmd: ['bash', '-c', scriptPrelude + script, 'berth-tool', ...args],
    user: options.user ?? ctx.user,
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (result.code === 3) return { ok: false, error: result.stderr.trim() || 'failed' };
  if (result.code !== 0) {
    const detail = result.stderr.trim().slice(-2000);
    throw new Error(
      `${options.doing} failed in the sandbox (exit ${result.code ?? 'unknown'})${detail ? `: ${detail}` : ''}`,
    );
  }
  return { ok: true, frames: parseFrames(result.stdout) };
}

export function parseFrames(output: Buffer): Frame[] {
  const frames: Frame[] = [];
  let at = 0;
  while (at < output.length) {
    const newline = output.indexOf(0x0a, at);
    if (newline === -1) throw new Error(`A tool script's output ends inside a frame header.`);
    const [name = '', bytes = '', ...args] = output
      .subarray(at, newline)
      .toString('utf8')
      .split(' ');
    const length = Number(bytes);
    if (name === '' || !Number.isInteger(length) || length < 0) {
      throw new Error(`A tool script printed a bad frame header: ${name} ${bytes}`);
    }
    const start = newline + 1;
    if (start + length > output.length) throw new Error(`A tool script's frame ${name} is short.`);
    frames.push({ name, args, body: output.subarray(start, start + length) });
    at = start + length;
  }
  return frames;
}
