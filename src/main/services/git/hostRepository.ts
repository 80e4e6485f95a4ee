import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import git from 'isomorphic-git';
import { RpcError } from '../../../shared/contract';

/**
 * A git repository on the user's machine (their clone) or in Berth's data directory (a mirror),
 * read with isomorphic-git: the user's machine may have no git CLI.
 */
export interface HostRepo {
  /** The folder the user named (a clone's working tree, or a bare repository). */
  path: string;
  /** The directory holding objects and refs (a linked worktree's common directory). */
  gitdir: string;
  /** HEAD files of every worktree, to tell which branches are checked out. */
  headFiles: string[];
}

const sourceField = { field: 'source' };

/** Expands `~` and makes the path absolute. */
export function normalizePath(path: string): string {
  const expanded = path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
  return isAbsolute(expanded) ? resolve(expanded) : resolve(expanded);
}

/** Opens a clone (or bare repository) at `path`; `invalid_input` naming the path otherwise. */
export function openHostRepo(path: string): HostRepo {
  const folder = normalizePath(path);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(folder);
  } catch {
    throw new RpcError('invalid_input', `No folder at ${folder}.`, sourceField);
  }
  if (!stat.isDirectory()) {
    throw new RpcError('invalid_input', `${folder} is a file, not a folder.`, sourceField);
  }
  const dotGit = join(folder, '.git');
  let gitdir: string | undefined;
  if (fs.existsSync(dotGit)) {
    gitdir = fs.statSync(dotGit).isDirectory() ? dotGit : readGitdirFile(dotGit);
  } else if (looksLikeGitdir(folder)) {
    gitdir = folder;
  }
  if (!gitdir || !looksLikeGitdir(gitdir)) {
    throw new RpcError(
      'invalid_input',
      `${folder} is not a git repository (there is no .git in it). Pick the folder of a clone, or give its clone URL.`,
      sourceField,
    );
  }
  const common = commonDir(gitdir);
  return { path: folder, gitdir: common, headFiles: headFilesOf(common, gitdir) };
}

function readGitdirFile(file: string): string | undefined {
  const match = /^gitdir:\s*(.+)\s*$/m.exec(fs.readFileSync(file, 'utf8'));
  return match ? resolve(join(file, '..'), match[1]!) : undefined;
}

function looksLikeGitdir(dir: string): boolean {
  return fs.existsSync(join(dir, 'HEAD')) && fs.existsSync(join(dir, 'objects'));
}

/** A linked worktree's gitdir names the main repository's in `commondir`. */
function commonDir(gitdir: string): string {
  const file = join(gitdir, 'commondir');
  if (!fs.existsSync(file)) return gitdir;
  return resolve(gitdir, fs.readFileSync(file, 'utf8').trim());
}

function headFilesOf(common: string, gitdir: string): string[] {
  const heads = new Set([join(common, 'HEAD'), join(gitdir, 'HEAD')]);
  const worktrees = join(common, 'worktrees');
  if (fs.existsSync(worktrees)) {
    for (const name of fs.readdirSync(worktrees)) heads.add(join(worktrees, name, 'HEAD'));
  }
  return [...heads].filter((file) => fs.existsSync(file));
}

/** Branches checked out in any worktree of the repository. */
export function checkedOutBranches(repo: HostRepo): Set<string> {
  const branches = new Set<string>();
  for (const file of repo.headFiles) {
    const match = /^ref: refs\/heads\/(.+)$/m.exec(fs.readFileSync(file, 'utf8'));
    if (match) branches.add(match[1]!.trim());
  }
  return branches;
}

/** Local branch names (refs/heads), sorted. */
export async function listBranches(gitdir: string): Promise<string[]> {
  return (await git.listBranches({ fs, gitdir })).sort();
}

/** The commit a local branch points at, or null when there is no such branch. */
export async function resolveBranch(gitdir: string, branch: string): Promise<string | null> {
  try {
    return await git.resolveRef({ fs, gitdir, ref: `refs/heads/${branch}` });
  } catch {
    return null;
  }
}

/**
 * The branch sessions start from by default: the remote's default (origin/HEAD) when the clone
 * has it as a local branch, else the checked-out branch, else the first one.
 */
export async function defaultBranch(repo: HostRepo, branches: string[]): Promise<string | null> {
  if (branches.length === 0) return null;
  try {
    const originHead = fs.readFileSync(join(repo.gitdir, 'refs/remotes/origin/HEAD'), 'utf8');
    const match = /^ref: refs\/remotes\/origin\/(.+)$/m.exec(originHead);
    if (match && branches.includes(match[1]!.trim())) return match[1]!.trim();
  } catch {
    // No origin/HEAD: fall through.
  }
  const head = /^ref: refs\/heads\/(.+)$/m.exec(fs.readFileSync(join(repo.gitdir, 'HEAD'), 'utf8'));
  if (head && branches.includes(head[1]!.trim())) return head[1]!.trim();
  return branches.includes('main') ? 'main' : branches[0]!;
}
