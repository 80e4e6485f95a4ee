import { posix } from 'node:path';

/** The only tree the agent's file tools may touch: the sandbox's workspace. */
export const workspaceRoot = '/workspace';

export type ResolvedPath = { ok: true; path: string } | { ok: false; error: string };

/**
 * A path the model gave, made absolute in the sandbox: relative to `repoDir`, or absolute under
 * /workspace. `..` is folded first, so `../../etc/passwd` is refused like `/etc/passwd`. This is
 * lexical only: a symlink inside the workspace may still point out of it, which is fine because
 * the sandbox (not this check) is the security boundary; the check keeps the agent's edits where
 * the user reviews them.
 */
export function resolveToolPath(repoDir: string, input: string): ResolvedPath {
  const raw = input.trim();
  if (raw === '') return { ok: false, error: 'the path is empty' };
  if (raw.includes('\0')) return { ok: false, error: 'the path contains a NUL byte' };
  const resolved = posix.resolve(repoDir, raw);
  if (!isInWorkspace(resolved)) {
    return {
      ok: false,
      error: `${input} is outside ${workspaceRoot}; use a path relative to ${repoDir} or under ${workspaceRoot}`,
    };
  }
  return { ok: true, path: resolved };
}

export function isInWorkspace(absolute: string): boolean {
  return absolute === workspaceRoot || absolute.startsWith(`${workspaceRoot}/`);
}

/** How a path is shown to the model and the user: relative to repoDir when inside it. */
export function displayPath(repoDir: string, absolute: string): string {
  if (absolute === repoDir) return '.';
  const relative = posix.relative(repoDir, absolute);
  return relative.startsWith('..') ? absolute : relative;
}

/**
 * The directories between a file's directory and repoDir, nearest first, repoDir itself left
 * out (its AGENTS.md is in the instructions already). Empty for files outside repoDir.
 */
export function directoriesBetween(repoDir: string, file: string): string[] {
  const dirs: string[] = [];
  if (!file.startsWith(`${repoDir}/`)) return dirs;
  for (let dir = posix.dirname(file); dir !== repoDir && dir.startsWith(`${repoDir}/`);) {
    dirs.push(dir);
    dir = posix.dirname(dir);
  }
  return dirs;
}
