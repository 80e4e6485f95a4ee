import { createHash, randomBytes } from 'node:crypto';
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { commitAll, git, initRepo, tempDir, writeFiles, type FileSet } from './gitCli';

/**
 * Repositories that break naive code: names that need quoting or are not ASCII, long paths,
 * binaries, symlinks, no commits, no `main`, a submodule, LFS pointers. Each is committed on one
 * branch and says what it holds, so a test can check a round trip kept it all.
 */

export interface NastyRepo {
  dir: string;
  description: string;
  /** Every tracked path as `git ls-files -z` gives it, sorted like trackedPaths(). */
  paths: string[];
}

async function committed(
  description: string,
  files: FileSet,
  options: { branch?: string; extraPaths?: string[]; then?: (dir: string) => Promise<void> } = {},
): Promise<NastyRepo> {
  const dir = join(await tempDir('nasty'), 'repo');
  await initRepo(dir, options.branch ?? 'main');
  await writeFiles(dir, files);
  await options.then?.(dir);
  await commitAll(dir, description);
  const paths = [...Object.keys(files), ...(options.extraPaths ?? [])].sort();
  return { dir, description, paths };
}

export function repoWithSpaces(): Promise<NastyRepo> {
  return committed('file names with spaces (inside, leading, trailing)', {
    'a file with spaces.txt': 'spaces\n',
    'dir with spaces/inner file.md': '# inner\n',
    ' leading space.txt': 'leading\n',
    'trailing space .txt': 'trailing\n',
  });
}

export function repoWithUnicode(): Promise<NastyRepo> {
  return committed('Unicode file names: é in NFC and NFD, Japanese, emoji', {
    'café.txt': 'NFC\n',
    'cafe\u0301 decomposed.txt': 'NFD: the same letter as two code points\n',
    '日本語/ファイル.txt': 'こんにちは\n',
    'emoji 🚀.md': '# 🚀\n',
    'Ünïcödé/naïve résumé.md': 'diacritics in a directory name\n',
  });
}

export function repoWithControlCharacters(): Promise<NastyRepo> {
  return committed('a newline, a tab, a double quote and a backslash in file names', {
    'line\nbreak.txt': 'newline\n',
    'tab\there.txt': 'tab\n',
    'double"quote.txt': 'quote\n',
    'back\\slash.txt': 'backslash\n',
    'plain.txt': 'plain\n',
  });
}

/** A path of exactly `length` characters (default 200) through nested directories. */
export function repoWithLongPath(length = 200): Promise<NastyRepo> {
  let prefix = '';
  // Directory names of 30 characters: a few levels deep, each far below the 255 limit.
  for (let level = 0; prefix.length + 31 + 10 <= length; level++) {
    prefix += `level-${String(level).padStart(2, '0')}-${'x'.repeat(21)}/`;
  }
  const path = `${prefix}${'f'.repeat(length - prefix.length - 4)}.txt`;
  return committed(`a ${path.length}-character path in nested directories`, {
    [path]: 'deep\n',
    'README.md': 'A long path lives below.\n',
  });
}

export function repoWithBinaries(): Promise<NastyRepo> {
  const noise = randomBytes(300 * 1024);
  noise[0] = 0; // git calls a file binary when a NUL is in its first 8000 bytes
  const png = Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    Buffer.alloc(64 * 1024),
    randomBytes(64 * 1024),
  ]);
  return committed('binary files with NUL bytes: 300 KB of noise and a 128 KB fake PNG', {
    'assets/noise.dat': noise,
    'assets/image.png': png,
    'README.md': 'Binaries in assets/.\n',
  });
}

export function repoWithSymlinks(): Promise<NastyRepo> {
  const links: Record<string, string> = {
    'link-to-file': 'README.md',
    'link-to-dir': 'src',
    dangling: 'does/not/exist',
    'src/up-link': '../README.md',
  };
  return committed(
    'relative symlinks to a file, to a directory, up a level, and a dangling one',
    { 'README.md': 'target\n', 'src/index.ts': 'export {};\n' },
    {
      extraPaths: Object.keys(links),
      then: async (dir) => {
        for (const [path, target] of Object.entries(links)) await symlink(target, join(dir, path));
      },
    },
  );
}

/** `git init` and nothing else: HEAD names main, which does not exist yet. */
export async function emptyRepo(): Promise<NastyRepo> {
  const dir = join(await tempDir('nasty'), 'repo');
  await initRepo(dir, 'main');
  return { dir, description: 'an empty repository: no commits, HEAD unborn', paths: [] };
}

export async function repoOnTrunk(): Promise<NastyRepo> {
  const repo = await committed(
    'default branch trunk, no main',
    { 'README.md': 'trunk\n' },
    {
      branch: 'trunk',
    },
  );
  await writeFiles(repo.dir, { 'README.md': 'trunk, second commit\n' });
  await commitAll(repo.dir, 'Second commit on trunk', 1);
  return repo;
}

export interface SubmoduleRepo extends NastyRepo {
  /** The submodule's own repository (its URL in .gitmodules). */
  submoduleDir: string;
  submodulePath: string;
  submoduleCommit: string;
}

export async function repoWithSubmodule(): Promise<SubmoduleRepo> {
  const root = await tempDir('nasty');
  const submoduleDir = join(root, 'library');
  await initRepo(submoduleDir, 'main');
  await writeFiles(submoduleDir, { 'lib.txt': 'a library\n' });
  const submoduleCommit = await commitAll(submoduleDir, 'Library');
  const submodulePath = 'vendor/library';
  const dir = join(root, 'repo');
  await initRepo(dir, 'main');
  await writeFiles(dir, { 'README.md': 'Has a submodule.\n' });
  // Git 2.38.1 refuses file:// submodules by default (CVE-2022-39253); this one is ours.
  const add = ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q'];
  await git([...add, submoduleDir, submodulePath], { cwd: dir });
  await commitAll(dir, 'Add a submodule');
  return {
    dir,
    description: `a submodule at ${submodulePath} (a local repository)`,
    paths: ['.gitmodules', 'README.md', submodulePath].sort(),
    submoduleDir,
    submodulePath,
    submoduleCommit,
  };
}

/** The text git-lfs would commit in place of `content`. */
export function lfsPointer(content: Uint8Array): string {
  const oid = createHash('sha256').update(content).digest('hex');
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${content.length}\n`;
}

/** LFS pointer files, committed as plain files: git-lfs is not installed here. */
export function repoWithLfsPointers(): Promise<NastyRepo> {
  return committed('Git LFS pointer files for *.bin, with their .gitattributes', {
    '.gitattributes': '*.bin filter=lfs diff=lfs merge=lfs -text\n',
    'models/weights.bin': lfsPointer(Buffer.alloc(5 * 2 ** 20, 7)),
    'data/sample.bin': lfsPointer(Buffer.from('sample data\n')),
    'README.md': 'Large files live in LFS.\n',
  });
}

/** Every nasty repository by name, for tests that loop over them all. */
export const nastyRepos = {
  spaces: repoWithSpaces,
  unicode: repoWithUnicode,
  controlCharacters: repoWithControlCharacters,
  longPath: repoWithLongPath,
  binaries: repoWithBinaries,
  symlinks: repoWithSymlinks,
  empty: emptyRepo,
  trunk: repoOnTrunk,
  submodule: repoWithSubmodule,
  lfsPointers: repoWithLfsPointers,
} satisfies Record<string, () => Promise<NastyRepo>>;
