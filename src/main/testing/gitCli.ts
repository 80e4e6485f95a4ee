import { spawn } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The git CLI for test support code (Debian's git 2.39; product code never shells out to git),
 * and the steps every made repository shares. Every run gets a clean environment so results do
 * not depend on the machine's config.
 */

export interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}
export interface GitOptions {
  cwd?: string;
  input?: string | Uint8Array;
  env?: Record<string, string>;
}

/** The environment git runs in: no inherited GIT_* (a test may run inside a hook), no user or
 * system config (this machine's global config has a credential helper), English messages. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return {
    ...env,
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Berth Test',
    GIT_AUTHOR_EMAIL: 'test@berth.invalid',
    GIT_COMMITTER_NAME: 'Berth Test',
    GIT_COMMITTER_EMAIL: 'test@berth.invalid',
    ...extra,
  };
}

/** Runs git and reports how it went, without throwing on a non-zero exit. */
export function runGit(args: string[], options: GitOptions = {}): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env: gitEnv(options.env) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    // git may exit before reading all its input (an error); that is reported by the exit code.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input);
  });
}

/** Runs git and returns its stdout; throws with git's stderr (and no secret) when it fails. */
export async function git(args: string[], options: GitOptions = {}): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    const shown = args.map((a) => a.replace(/(extraHeader=Authorization:).*/i, '$1 ***'));
    throw new Error(`git ${shown.join(' ')} exited ${result.code}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}

export interface GitAuth {
  username: string;
  token: string;
}

/** `-c http.extraHeader=…` arguments that authenticate one git command and are stored nowhere. */
export function authArgs(auth: GitAuth): string[] {
  const basic = Buffer.from(`${auth.username}:${auth.token}`).toString('base64');
  return ['-c', `http.extraHeader=Authorization: Basic ${basic}`];
}

const made = new Set<string>();

/** A new temp dir, removed by removeTempRepos(). */
export async function tempDir(label: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `berth-${label}-`));
  made.add(dir);
  return dir;
}

/** Removes every temp dir the repository helpers made: call it in afterAll. */
export async function removeTempRepos(): Promise<void> {
  const dirs = [...made];
  made.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

export type FileContent = string | Uint8Array;
/** Files to write before a commit, by repository-relative path; null deletes. */
export type FileSet = Record<string, FileContent | null>;
export interface CommitSpec {
  message: string;
  files: FileSet;
}

export async function writeFiles(dir: string, files: FileSet): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    if (content === null) {
      await rm(full, { recursive: true, force: true });
      continue;
    }
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}

export async function initRepo(dir: string, branch: string): Promise<void> {
  await git(['-c', `init.defaultBranch=${branch}`, 'init', '-q', dir]);
}

// 2024-01-01T00:00:00Z; commit n is n minutes later, so hashes are the same on every run.
export const EPOCH = 1_704_067_200;

/** Stages everything in the work tree and commits it; returns the new commit. */
export async function commitAll(dir: string, message: string, n = 0): Promise<string> {
  const date = `${EPOCH + n * 60} +0000`;
  await git(['add', '-A'], { cwd: dir });
  await git(['commit', '-q', '--allow-empty', '-m', message], {
    cwd: dir,
    env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
  });
  return (await git(['rev-parse', 'HEAD'], { cwd: dir })).trim();
}

/** Tracked paths in the index, byte for byte (git ls-files -z), sorted. */
export async function trackedPaths(dir: string): Promise<string[]> {
  const out = await git(['-c', 'core.quotepath=false', 'ls-files', '-z'], { cwd: dir });
  return out.split('\0').filter(Boolean).sort();
}

/** Bytes under a directory (files and symlinks themselves), for reporting a repository's size. */
export async function sizeOf(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let total = 0;
  for (const entry of entries) {
    if (entry.isFile()) total += (await lstat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}
