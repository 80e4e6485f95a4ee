import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  authArgs,
  commitAll,
  EPOCH,
  git,
  gitEnv,
  initRepo,
  sizeOf,
  tempDir,
  writeFiles,
  type CommitSpec,
  type FileSet,
  type GitAuth,
} from './gitCli';

/**
 * Real git repositories in temp dirs, made with the git CLI, for integration tests and benches.
 * The awkward ones (odd names, symlinks, submodules, LFS pointers…) are in nastyRepos.ts, the
 * git runner and the shared steps in gitCli.ts; both are re-exported here.
 */

export * from './nastyRepos';
export * from './gitCli';

export interface MadeRepo {
  dir: string;
  branch: string;
  /** Every commit, oldest first. */
  commits: string[];
  head: string;
}

const defaultHistory: CommitSpec[] = [
  { message: 'Add notes', files: { 'NOTES.md': 'First notes.\n' } },
  { message: 'Extend notes', files: { 'NOTES.md': 'First notes.\nSecond thoughts.\n' } },
];

/**
 * A repository with a work tree and history: `files` in an initial commit, then `commits`
 * (by default two commits writing NOTES.md).
 */
export async function makeRepo(
  options: { branch?: string; files?: FileSet; commits?: CommitSpec[] } = {},
): Promise<MadeRepo> {
  const branch = options.branch ?? 'main';
  const dir = join(await tempDir('repo'), 'repo');
  await initRepo(dir, branch);
  const files = options.files ?? { 'README.md': '# Test repository\n' };
  const history = [{ message: 'Initial commit', files }, ...(options.commits ?? defaultHistory)];
  const commits: string[] = [];
  for (const [n, commit] of history.entries()) {
    await writeFiles(dir, commit.files);
    commits.push(await commitAll(dir, commit.message, n));
  }
  return { dir, branch, commits, head: commits[commits.length - 1] ?? '' };
}

/**
 * A clone of an HTTP remote whose `origin` is `remoteUrl`, like a user's clone whose credentials
 * live in a credential store: nothing secret in .git/config (checked). Pass authArgs(auth) to
 * later fetches and pushes.
 */
export async function cloneWithOrigin(
  remoteUrl: string,
  auth: GitAuth,
  options: { branch?: string } = {},
): Promise<{ dir: string }> {
  if (new URL(remoteUrl).username) throw new Error(`${remoteUrl} carries credentials`);
  const dir = join(await tempDir('clone'), 'clone');
  const branch = options.branch ? ['-b', options.branch] : [];
  await git([...authArgs(auth), 'clone', '-q', ...branch, remoteUrl, dir]);
  const config = await readFile(join(dir, '.git', 'config'), 'utf8');
  const basic = Buffer.from(`${auth.username}:${auth.token}`).toString('base64');
  if (config.includes(auth.token) || config.includes(basic) || /extraheader/i.test(config)) {
    throw new Error(`the clone of ${remoteUrl} stored a credential in .git/config`);
  }
  return { dir };
}

export interface LargeRepo {
  dir: string;
  headCommit: string;
  /** Bytes in .git: mostly fast-import's one pack. */
  sizeBytes: number;
}

/**
 * A benchmark repository: `files` files in nested directories, `commits` commits, about
 * `historyMB` of incompressible history, checked out on main. Built with `git fast-import` fed
 * from here (a git add/commit loop takes minutes for 10k files) and left as its pack, no gc.
 */
export async function makeLargeRepo(
  options: { files?: number; historyMB?: number; commits?: number } = {},
): Promise<LargeRepo> {
  const files = options.files ?? 10_000;
  const commits = Math.max(1, options.commits ?? 10);
  const dir = join(await tempDir('large'), 'repo');
  await initRepo(dir, 'main');
  // Every file in the first commit, then a tenth of them rewritten by each later commit.
  const changed = Math.ceil(files / 10);
  const blobs = files + (commits - 1) * changed;
  const average = Math.max(1, Math.floor(((options.historyMB ?? 100) * 2 ** 20) / blobs));
  // Compression level 1: random bytes do not shrink, so a higher level only costs time.
  const child = spawn('git', ['-c', 'core.compression=1', 'fast-import', '--quiet', '--done'], {
    cwd: dir,
    env: gitEnv(),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  const stderr: Buffer[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = once(child, 'close') as Promise<[number | null]>;
  // Writes in batches of about 1 MB and waits for the pipe to drain, so memory stays flat.
  let batch: Buffer[] = [];
  let batched = 0;
  const push = async (piece: Buffer | string, flush = false): Promise<void> => {
    const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
    batch.push(chunk);
    batched += chunk.length;
    if (batched < 2 ** 20 && !flush) return;
    const ok = child.stdin.write(Buffer.concat(batch));
    batch = [];
    batched = 0;
    if (!ok) await once(child.stdin, 'drain');
  };
  for (let c = 0; c < commits; c++) {
    const message = c === 0 ? 'Add every file\n' : `Rewrite files, round ${c}\n`;
    const who = `Berth Test <test@berth.invalid> ${EPOCH + c * 60} +0000`;
    await push(`commit refs/heads/main\nauthor ${who}\ncommitter ${who}\n`);
    await push(`data ${Buffer.byteLength(message)}\n${message}`);
    const first = c === 0 ? 0 : ((c - 1) * changed) % files;
    const count = c === 0 ? files : changed;
    for (let k = 0; k < count; k++) {
      const i = (first + k) % files;
      // Sizes spread from half to one and a half times the average, like real files.
      const size = Math.max(1, Math.round(average * (0.5 + Math.random())));
      await push(`M 100644 inline ${largeRepoPath(i)}\ndata ${size}\n`);
      await push(randomBytes(size));
      await push('\n');
    }
  }
  await push('done\n', true);
  child.stdin.end();
  const [code] = await exited;
  if (code !== 0) throw new Error(`git fast-import exited ${code}: ${Buffer.concat(stderr)}`);
  await git(['reset', '-q', '--hard'], { cwd: dir });
  const headCommit = (await git(['rev-parse', 'HEAD'], { cwd: dir })).trim();
  return { dir, headCommit, sizeBytes: await sizeOf(join(dir, '.git')) };
}

/** Path of file i in a large repo: 20 files a directory, 25 directories a module. */
export function largeRepoPath(i: number): string {
  const d = Math.floor(i / 20);
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `src/module-${pad(Math.floor(d / 25), 3)}/part-${pad(d % 25, 2)}/file-${pad(i, 5)}.dat`;
}
