import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  git,
  lfsPointer,
  makeLargeRepo,
  makeRepo,
  nastyRepos,
  removeTempRepos,
  repoWithSubmodule,
  runGit,
  trackedPaths,
} from './repoFactory';

afterAll(removeTempRepos);

// `git diff --numstat` from the empty tree lists every file, `-` counts for binaries.
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

describe('makeRepo', () => {
  it('commits the files and a short history on the branch asked for', async () => {
    const repo = await makeRepo({ branch: 'develop', files: { 'a.txt': 'a\n', 'b/c.txt': 'c\n' } });
    expect(repo.commits).toHaveLength(3);
    expect(await trackedPaths(repo.dir)).toEqual(['NOTES.md', 'a.txt', 'b/c.txt']);
    expect((await git(['symbolic-ref', 'HEAD'], { cwd: repo.dir })).trim()).toBe(
      'refs/heads/develop',
    );
    expect((await git(['rev-list', 'HEAD'], { cwd: repo.dir })).trim().split('\n')).toEqual(
      [...repo.commits].reverse(),
    );
    expect(await git(['status', '--porcelain'], { cwd: repo.dir })).toBe('');
  });

  it('makes the same commits on every run, whatever the machine', async () => {
    const a = await makeRepo({ commits: [] });
    const b = await makeRepo({ commits: [] });
    expect(a.head).toBe(b.head);
  });
});

describe('nasty repositories', () => {
  for (const [name, make] of Object.entries(nastyRepos)) {
    it(`${name}: tracks exactly the paths it lists`, async () => {
      const repo = await make();
      expect(repo.description).not.toBe('');
      expect(await trackedPaths(repo.dir)).toEqual(repo.paths);
    });
  }

  it('keeps odd names byte for byte', async () => {
    const names = (await trackedPaths((await nastyRepos.controlCharacters()).dir)).join('|');
    expect(names).toContain('line\nbreak.txt');
    expect(names).toContain('tab\there.txt');
    const unicode = await trackedPaths((await nastyRepos.unicode()).dir);
    expect(unicode).toContain('café.txt');
    expect(unicode).toContain('cafe\u0301 decomposed.txt');
    expect(unicode).toContain('emoji 🚀.md');
  });

  it('has a 200-character path', async () => {
    const paths = await trackedPaths((await nastyRepos.longPath()).dir);
    expect(Math.max(...paths.map((p) => p.length))).toBe(200);
  });

  it('has binaries git calls binary, a few hundred KB', async () => {
    const { dir } = await nastyRepos.binaries();
    const numstat = await git(['diff', '--numstat', EMPTY_TREE, 'HEAD'], { cwd: dir });
    expect(numstat).toContain('-\t-\tassets/noise.dat');
    expect(numstat).toContain('-\t-\tassets/image.png');
    const size = await git(['cat-file', '-s', 'HEAD:assets/noise.dat'], { cwd: dir });
    expect(Number(size)).toBe(300 * 1024);
  });

  it('has symlinks committed as links, the dangling one too', async () => {
    const { dir } = await nastyRepos.symlinks();
    const stage = await git(['ls-files', '-s'], { cwd: dir });
    for (const link of ['link-to-file', 'link-to-dir', 'dangling', 'src/up-link']) {
      expect(stage).toMatch(new RegExp(`^120000 \\w+ 0\\t${link}$`, 'm'));
    }
    expect(await readlink(join(dir, 'dangling'))).toBe('does/not/exist');
  });

  it('has an empty repository with an unborn HEAD', async () => {
    const { dir } = await nastyRepos.empty();
    expect((await runGit(['rev-parse', '--verify', 'HEAD'], { cwd: dir })).code).not.toBe(0);
  });

  it('has a repository with trunk and no main', async () => {
    const { dir } = await nastyRepos.trunk();
    const branches = await git(['branch', '--format=%(refname:short)'], { cwd: dir });
    expect(branches.trim()).toBe('trunk');
  });

  it('has a submodule pinned to its library commit', async () => {
    const repo = await repoWithSubmodule();
    const entry = await git(['ls-tree', 'HEAD', repo.submodulePath], { cwd: repo.dir });
    expect(entry).toBe(`160000 commit ${repo.submoduleCommit}\t${repo.submodulePath}\n`);
    expect(await readFile(join(repo.dir, '.gitmodules'), 'utf8')).toContain(repo.submoduleDir);
  });

  it('has LFS pointers as plain files, with attributes', async () => {
    const { dir } = await nastyRepos.lfsPointers();
    const pointer = await git(['show', 'HEAD:data/sample.bin'], { cwd: dir });
    expect(pointer).toBe(lfsPointer(Buffer.from('sample data\n')));
    expect(pointer).toMatch(
      /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:[0-9a-f]{64}\nsize 12\n$/,
    );
    const attr = await git(['check-attr', 'filter', 'models/weights.bin'], { cwd: dir });
    expect(attr.trim()).toBe('models/weights.bin: filter: lfs');
  });
});

describe('makeLargeRepo', () => {
  it('builds files in nested directories and history of about the size asked', async () => {
    const repo = await makeLargeRepo({ files: 200, historyMB: 2, commits: 5 });
    expect(await trackedPaths(repo.dir)).toHaveLength(200);
    expect((await git(['rev-list', '--count', 'HEAD'], { cwd: repo.dir })).trim()).toBe('5');
    expect((await git(['rev-parse', 'HEAD'], { cwd: repo.dir })).trim()).toBe(repo.headCommit);
    expect(await git(['status', '--porcelain'], { cwd: repo.dir })).toBe('');
    // Random blobs do not compress: the history is about 2 MB, trees and indexes aside.
    expect(repo.sizeBytes).toBeGreaterThan(1.8 * 2 ** 20);
    expect(repo.sizeBytes).toBeLessThan(3 * 2 ** 20);
    const packs = await git(['count-objects', '-v'], { cwd: repo.dir });
    expect(packs).toMatch(/^packs: 1$/m);
  });
});
