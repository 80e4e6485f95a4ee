import { performance } from 'node:perf_hooks';
import { openRawShell, type RawShell } from './rawDocker';

/**
 * The raw baselines of the terminal speed bench: the same keystrokes and commands written to
 * dockerode exec streams (TTY, hijacked, `bash -l` as the sandbox user) in the same sandbox, read
 * by Node as fast as they come. No batching, flow control, socket or browser.
 */

/** Typed as is, the prompt line never contains `READY-2`: only a drawn prompt does. */
export const setPrompt = "PS1='READY-$((1+1))> '";
export const prompt = 'READY-2> ';
/** A lost interrupt or output shows within a minute, or never. */
const waitMs = 60_000;

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A raw shell whose prompt is `READY-2> `. */
export async function promptedShell(
  containerId: string,
  size: { cols: number; rows: number },
): Promise<RawShell> {
  const shell = await openRawShell(containerId, size);
  await shell.firstPrompt;
  const ready = shell.watch.waitFor(prompt, waitMs);
  shell.stream.write(`${setPrompt}\r`);
  await ready;
  return shell;
}

/**
 * `yes` in every shell for `floodMs`, then Ctrl+C in the first: ms from writing ^C until its
 * next prompt arrives on the stream. The other shells are interrupted afterwards.
 */
export async function rawInterrupt(shells: RawShell[], floodMs: number): Promise<number> {
  for (const shell of shells) shell.stream.write('yes\r');
  await pause(floodMs);
  const [first, ...others] = shells;
  const back = first!.watch.waitFor(prompt, waitMs);
  const t0 = performance.now();
  first!.stream.write('\x03');
  const t1 = await back;
  for (const other of others) {
    const stopped = other.watch.waitFor(prompt, waitMs);
    other.stream.write('\x03');
    await stopped;
  }
  return t1 - t0;
}

/** `cat path; echo <computed marker>`: ms from Enter until the marker arrives on the stream. */
export async function rawCat(shell: RawShell, path: string, timeoutMs: number): Promise<number> {
  const n = Math.floor(Math.random() * 1e9);
  const typedTail = `DONE-$((${n}+1))`;
  const echoed = shell.watch.waitFor(typedTail, waitMs);
  shell.stream.write(`cat ${path}; echo ${typedTail}`);
  await echoed;
  const done = shell.watch.waitFor(`DONE-${n + 1}`, timeoutMs);
  const back = shell.watch.waitFor(prompt, timeoutMs);
  back.catch(() => undefined);
  const t0 = performance.now();
  shell.stream.write('\r');
  const t1 = await done;
  await back;
  return t1 - t0;
}

/** One byte written at the prompt until bash echoes it back; `gapMs` after each. */
export async function rawEcho(shell: RawShell, keys: string, gapMs: number): Promise<number[]> {
  const latencies: number[] = [];
  for (const key of keys) {
    const echoed = shell.watch.waitFor(key, 10_000);
    const t0 = performance.now();
    shell.stream.write(key);
    latencies.push((await echoed) - t0);
    await pause(gapMs);
  }
  const cleared = shell.watch.waitFor(prompt, 10_000);
  // Ctrl+U empties the line; Enter on an empty line gives a fresh prompt.
  shell.stream.write('\u0015\r');
  await cleared;
  return latencies;
}
