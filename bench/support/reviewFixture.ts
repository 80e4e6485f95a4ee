import { performance } from 'node:perf_hooks';
import { PassThrough } from 'node:stream';
import type { ChangeList, FileDiff, FileSide } from '../../src/shared/contract';
import type { FileSet } from '../../src/main/testing/repoFactory';
import { summarize } from './stats';
import { docker } from './rawDocker';

/**
 * The review benchmark's repository and the agent's work on it. The host repository holds
 * 1,200 small TypeScript-like files (40–120 lines) and two 10,000-line files; in the sandbox
 * the "agent" then leaves 1,000 changed files, none committed: 600 modified (the two large
 * files among them), 200 new and untracked, 100 deleted and 100 moved with plain `mv`.
 */

export const repoName = 'app';
export const workdir = `/workspace/${repoName}`;
/** The two 10k-line files: one to open, both to switch between. */
export const largeFiles = ['big/alpha.ts', 'big/beta.ts'] as const;
export const largeLines = 10_000;

const smallFiles = 1_200;
const modifiedSmall = 598;
const deleted = { from: 600, count: 100 };
const renamed = { from: 700, count: 100 };
const newInPlace = 150;
const newInNewDir = 50;

/** What the change list must hold, by status, or the run is wrong (not fast). */
export const expected = {
  files: 1_000,
  modified: modifiedSmall + largeFiles.length,
  added: newInPlace + newInNewDir,
  deleted: deleted.count,
  renamed: renamed.count,
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const smallPath = (i: number): string =>
  `src/pkg-${pad(Math.floor(i / 20), 2)}/file-${pad(i, 4)}.ts`;

const words = ['parse', 'token', 'state', 'chunk', 'stream', 'buffer', 'escape', 'render'];

/** A source-like line: distinct per file and line, about 60 bytes. */
const line = (file: string, k: number): string =>
  `export const ${words[k % words.length]}${k} = make('${file}', ${k}, ${(k * 7919) % 1000});`;

function source(name: string, lines: number): string {
  const body = Array.from({ length: lines }, (_, k) => line(name, k));
  return `// ${name}\nimport { make } from '../lib/make';\n\n${body.join('\n')}\n`;
}

/** The host repository's files (one initial commit). */
export function baseFiles(): FileSet {
  const files: FileSet = {};
  for (let i = 0; i < smallFiles; i += 1) files[smallPath(i)] = source(`f${i}`, 40 + (i % 81));
  for (const path of largeFiles) files[path] = source(path, largeLines - 3);
  files['README.md'] = '# Review bench\n';
  return files;
}

const range = (from: number, count: number): number[] =>
  Array.from({ length: count }, (_, k) => from + k);

/**
 * The agent's changes, as one shell script run in `workdir`: every modified small file gets
 * line 5 rewritten and two lines appended; each large file gets every 50th line rewritten
 * (200 lines) and 100 lines inserted in the middle.
 */
export function agentScript(): string {
  const list = (paths: string[]): string => paths.map((p) => `'${p}'`).join(' ');
  const modified = range(0, modifiedSmall).map(smallPath);
  const gone = range(deleted.from, deleted.count).map(smallPath);
  const moved = range(renamed.from, renamed.count).map(smallPath);
  const fresh = [
    ...range(0, newInPlace).map((k) => smallPath(k * 8).replace('/file-', '/new-')),
    ...range(0, newInNewDir).map((k) => `generated/new-${pad(k, 3)}.ts`),
  ];
  return [
    'set -e',
    `cd ${workdir}`,
    `for f in ${list(modified)}; do sed -i -e '5s/.*/export const edited = true;/' -e '$a export const added1 = 1;\\nexport const added2 = 2;' "$f"; done`,
    `rm ${list(gone)}`,
    'mkdir -p moved generated',
    `for f in ${list(moved)}; do mv "$f" "moved/$(basename "$f")"; done`,
    `for f in ${list(fresh)}; do seq 1 60 | sed "s|.*|export const n& = '$f';|" > "$f"; done`,
    `for f in ${list([...largeFiles])}; do awk 'NR % 50 == 0 { print "export const rewritten" NR " = true;"; next } { print } NR == 5001 { for (i = 0; i < 100; i++) print "// inserted " i }' "$f" > "$f.tmp" && mv "$f.tmp" "$f"; done`,
  ].join('\n');
}

export interface RawExec {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number | null;
  /** Exec created → stdout read to its end → exit code known. */
  ms: number;
}

/**
 * The baseline's transport: one plain dockerode exec of `cmd` as the sandbox user, no shell
 * login, no TTY, stdout read to the end, then the exit code from the engine. What Berth's
 * reader does too (runInSandbox), without the RPC and the host around it.
 */
export async function rawExec(containerId: string, cmd: string[]): Promise<RawExec> {
  const t0 = performance.now();
  const exec = await docker.getContainer(containerId).exec({
    Cmd: cmd,
    User: 'berth',
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  const out = new PassThrough().on('data', (chunk: Buffer) => chunks.push(chunk));
  const err = new PassThrough().on('data', (chunk: Buffer) => errors.push(chunk));
  docker.modem.demuxStream(stream, out, err);
  await new Promise<void>((resolve, reject) => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', reject);
  });
  // The demuxer writes into `out`; its end comes after the last of that data.
  const drained = new Promise((resolve) => out.once('end', resolve));
  out.end();
  await drained;
  const { ExitCode } = await exec.inspect();
  const ms = performance.now() - t0;
  if (ExitCode !== 0) {
    throw new Error(`${cmd.join(' ').slice(0, 200)} exited ${ExitCode}: ${Buffer.concat(errors)}`);
  }
  return {
    stdout: Buffer.concat(chunks),
    stderr: Buffer.concat(errors),
    exitCode: ExitCode ?? null,
    ms,
  };
}

/**
 * Where a shell script's time goes, in the sandbox: the script run once under `bash -x` with
 * every trace line stamped by `$EPOCHREALTIME` (no process per stamp), and each line's time
 * taken as the gap to the next line. Commands are keyed by their text with the temp directory
 * and commit ids blanked, so several runs add up. Not a measurement: tracing costs a little.
 */
export async function traceStages(
  containerId: string,
  script: string,
  args: string[],
): Promise<Map<string, number>> {
  // bash expands PS4 at each line; ${EPOCHREALTIME} is microseconds, a builtin variable.
  const cmd = ['env', 'PS4=+ ${EPOCHREALTIME} ', 'bash', '-x', '-c', script, ...args];
  const run = await rawExec(containerId, cmd);
  const lines = run.stderr
    .toString('utf8')
    .split('\n')
    .map((line) => /^\++ (\d+\.\d+) (.*)$/.exec(line))
    .filter((match) => match !== null);
  const stages = new Map<string, number>();
  for (const [i, match] of lines.entries()) {
    const next = lines[i + 1];
    if (!next) break;
    const key = match[2]!
      .replace(/\/tmp\/tmp\.\w+/g, '$tmp')
      .replace(/\b[0-9a-f]{40}\b/g, '<commit>')
      .slice(0, 90);
    const ms = (Number(next[1]) - Number(match[1])) * 1000;
    stages.set(key, (stages.get(key) ?? 0) + ms);
  }
  return stages;
}

export const lineCount = (text: string): number =>
  text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/**
 * The script's time in the sandbox and its stages of 5 ms or more (medians over the traced
 * runs), slowest first: `~146 ms in all; git diff … 102 ms; git add --intent-to-add … 8 ms`.
 */
export function stagesNote(runsOf: Map<string, number>[]): string {
  const keys = new Set(runsOf.flatMap((run) => [...run.keys()]));
  const total = summarize(runsOf.map((run) => [...run.values()].reduce((a, b) => a + b, 0)));
  const slow = [...keys]
    .map((key) => ({ key, ms: summarize(runsOf.map((run) => run.get(key) ?? 0)).median }))
    .filter((stage) => stage.ms >= 5)
    .sort((a, b) => b.ms - a.ms)
    .map((stage) => `${stage.key} ${stage.ms.toFixed(0)} ms`);
  return [
    `~${total.median.toFixed(0)} ms in all`,
    ...(slow.length ? slow : ['no line over 5 ms']),
  ].join('; ');
}

/** Fails the run when the list is not the 1,000 changes the fixture made. */
export function checkList(list: ChangeList): void {
  const by = (status: string) => list.files.filter((f) => f.status === status).length;
  const found = {
    files: list.totals.files,
    modified: by('modified'),
    added: by('added'),
    deleted: by('deleted'),
    renamed: by('renamed'),
  };
  if (JSON.stringify(found) !== JSON.stringify(expected) || list.truncated) {
    throw new Error(
      `the change list is not the fixture's: ${JSON.stringify(found)}, want ${JSON.stringify(expected)}`,
    );
  }
}

function textOf(side: FileSide, what: string): string {
  if (side.kind !== 'text') throw new Error(`${what} is ${side.kind}, not text`);
  return side.text;
}

/** Fails the run when a large file's diff is not 10,000 base lines and 10,100 working lines. */
export function checkDiff(diff: FileDiff): void {
  const base = lineCount(textOf(diff.base, `${diff.path} (base)`));
  const work = textOf(diff.work, `${diff.path} (work)`);
  if (
    base !== largeLines ||
    lineCount(work) !== largeLines + 100 ||
    !work.includes('rewritten50')
  ) {
    throw new Error(`${diff.path}: ${base} base lines, ${lineCount(work)} working lines`);
  }
}
