import { runChecked, runInSandbox } from '../sandboxes/runInSandbox';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';

/** What a repository's session branch holds, read from the sandbox with real git. */
export interface SessionWork {
  /** Commit messages since the base, newest first. */
  commits: string[];
  /** `git diff --stat` of everything against the base commit, committed or not. */
  diffStat: string;
  /** Changed and untracked files not committed yet (`git status --porcelain` paths). */
  uncommitted: string[];
}

/** Reads the session's work in one exec: commits, diff stat and uncommitted files. */
export async function readSessionWork(
  runtime: SandboxRuntime,
  containerId: string,
  repoDir: string,
  baseCommit: string | null,
): Promise<SessionWork> {
  // NUL-separated sections; untracked files are added with -N so the stat counts them.
  const script = [
    'base="$1"',
    'if [ -n "$base" ]; then git log --format=%s%n%b%x00 "$base..HEAD"; else git log --format=%s%n%b%x00 HEAD 2>/dev/null; fi',
    'printf "\\001"',
    'git status --porcelain=v1 -z --untracked-files=all',
    'printf "\\001"',
    'if [ -n "$base" ]; then git diff --stat=100 "$base"; fi',
  ].join('\n');
  const result = await runInSandbox(runtime, containerId, {
    cmd: ['bash', '-c', script, 'work', baseCommit ?? ''],
    workingDir: repoDir,
    user: 'berth',
  });
  const [log = '', status = '', stat = ''] = result.stdout.toString('utf8').split('\u0001');
  return {
    commits: log
      .split('\0')
      .map((c) => c.trim())
      .filter(Boolean),
    uncommitted: status
      .split('\0')
      .filter((entry) => entry.length > 3)
      .map((entry) => entry.slice(3)),
    diffStat: stat.trim(),
  };
}

/**
 * Commits every uncommitted change on the session branch with the pull request's title and
 * description: done only when the user opens a pull request, never behind their back.
 */
export async function commitUncommitted(
  runtime: SandboxRuntime,
  containerId: string,
  repoDir: string,
  message: { title: string; body: string },
): Promise<void> {
  await runChecked(
    runtime,
    containerId,
    {
      cmd: [
        'bash',
        '-c',
        'git add -A && git commit -q -m "$1" -m "$2"',
        'commit',
        message.title,
        message.body || message.title,
      ],
      workingDir: repoDir,
      user: 'berth',
    },
    'Committing the uncommitted changes',
  );
}
