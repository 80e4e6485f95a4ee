import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import iso from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitRemote, type BareRepo, type GitRemote } from './gitHttpRemote';
import {
  authArgs,
  cloneWithOrigin,
  commitAll,
  git,
  makeRepo,
  removeTempRepos,
  runGit,
  trackedPaths,
  writeFiles,
} from './repoFactory';

const auth = { username: 'ada', token: 'tok-5f0e2c' };
const branchOf = (repo: BareRepo, branch: string) =>
  git(['--git-dir', repo.dir, 'rev-parse', '--verify', '-q', `refs/heads/${branch}`]).then(
    (out) => out.trim(),
    () => undefined,
  );

describe('git HTTP remote', () => {
  let remote: GitRemote;
  let repo: BareRepo;
  let seed: Awaited<ReturnType<typeof makeRepo>>;

  beforeAll(async () => {
    remote = await startGitRemote(auth);
    repo = await remote.createBareRepo('acme/widgets');
    seed = await makeRepo({ files: { 'README.md': '# Widgets\n', 'src/a.ts': 'export {};\n' } });
  });

  afterAll(async () => {
    await remote?.close();
    await removeTempRepos();
  });

  it('takes a push and serves a clone, with every request authenticated', async () => {
    expect(repo.url).toBe(`http://127.0.0.1:${remote.port}/acme/widgets.git`);
    await git([...authArgs(auth), 'push', '-q', repo.url, 'main'], { cwd: seed.dir });
    expect(await branchOf(repo, 'main')).toBe(seed.head);
    const { dir } = await cloneWithOrigin(repo.url, auth);
    expect(await trackedPaths(dir)).toEqual(['NOTES.md', 'README.md', 'src/a.ts']);
    const push = remote.requests.find((r) => r.path === '/acme/widgets.git/git-receive-pack');
    expect(push).toMatchObject({ method: 'POST', authOk: true, status: 200 });
    // git 2.39 speaks protocol v2 for fetches, through the Git-Protocol header.
    const fetch = remote.requests.find((r) => r.path === '/acme/widgets.git/git-upload-pack');
    expect(fetch?.headers['git-protocol']).toBe('version=2');
    expect(remote.requests.every((r) => r.authOk && r.status === 200)).toBe(true);
  });

  it('answers 401 with a Basic challenge without credentials or with a wrong token', async () => {
    const bare = await fetch(`${repo.url}/info/refs?service=git-upload-pack`);
    expect(bare.status).toBe(401);
    expect(bare.headers.get('www-authenticate')).toBe('Basic realm="berth-test"');
    const wrong = await runGit([...authArgs({ ...auth, token: 'nope' }), 'ls-remote', repo.url]);
    expect(wrong.code).not.toBe(0);
    // With the header refused, git would ask for a username; tests have no terminal.
    expect(wrong.stderr).toMatch(/could not read Username|Authentication failed/);
    expect(remote.requests.at(-1)).toMatchObject({ authOk: false, status: 401 });
    const otherUser = await runGit([
      ...authArgs({ ...auth, username: 'eve' }),
      'ls-remote',
      repo.url,
    ]);
    expect(otherUser.code).not.toBe(0);
  });

  it('lets git answer the challenge with credentials from the URL', async () => {
    const withUser = repo.url.replace('//', `//${auth.username}:${auth.token}@`);
    const before = remote.requests.length;
    const refs = await git(['ls-remote', withUser]);
    expect(refs).toContain(`${seed.head}\trefs/heads/main`);
    const asked = remote.requests.slice(before).map((r) => r.status);
    expect(asked[0]).toBe(401);
    expect(asked.at(-1)).toBe(200);
  });

  it('refuses a push to a protected branch with the hook message, and only there', async () => {
    await remote.protectBranch('acme/widgets', 'release/*', "Release branches can't take pushes");
    const refused = await runGit(
      [...authArgs(auth), 'push', '--porcelain', repo.url, 'main:release/1.0'],
      {
        cwd: seed.dir,
      },
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("remote: Release branches can't take pushes");
    expect(refused.stdout).toMatch(
      /^!\trefs\/heads\/main:refs\/heads\/release\/1\.0\t\[remote rejected\] \(pre-receive hook declined\)$/m,
    );
    expect(await branchOf(repo, 'release/1.0')).toBeUndefined();
    await git([...authArgs(auth), 'push', '-q', repo.url, 'main:feature/x'], { cwd: seed.dir });
    expect(await branchOf(repo, 'feature/x')).toBe(seed.head);
  });

  it('rejects a non-fast-forward push and takes a forced one', async () => {
    const ours = await cloneWithOrigin(repo.url, auth);
    const theirs = await cloneWithOrigin(repo.url, auth);
    await writeFiles(theirs.dir, { 'theirs.txt': 'theirs\n' });
    const theirCommit = await commitAll(theirs.dir, 'Their commit', 10);
    await git([...authArgs(auth), 'push', '-q', 'origin', 'main'], { cwd: theirs.dir });
    await writeFiles(ours.dir, { 'ours.txt': 'ours\n' });
    const ourCommit = await commitAll(ours.dir, 'Our commit', 11);
    const stale = await runGit([...authArgs(auth), 'push', 'origin', 'main'], { cwd: ours.dir });
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toMatch(/\[rejected\].*\(fetch first\)/);
    await git([...authArgs(auth), 'fetch', '-q', 'origin'], { cwd: ours.dir });
    const behind = await runGit([...authArgs(auth), 'push', 'origin', 'main'], { cwd: ours.dir });
    expect(behind.stderr).toMatch(/\[rejected\].*\(non-fast-forward\)/);
    expect(await branchOf(repo, 'main')).toBe(theirCommit);
    // Like GitHub without branch protection, the server itself takes a force push.
    await git([...authArgs(auth), 'push', '-q', '-f', 'origin', 'main'], { cwd: ours.dir });
    expect(await branchOf(repo, 'main')).toBe(ourCommit);
  });

  it('streams a chunked push and inflates a gzipped fetch', async () => {
    const big = await remote.createBareRepo('big', { defaultBranch: 'trunk' });
    expect((await git(['--git-dir', big.dir, 'symbolic-ref', 'HEAD'])).trim()).toBe(
      'refs/heads/trunk',
    );
    // Past http.postBuffer (1 MB) git sends the pack chunked, with no Content-Length.
    const files = { 'noise.dat': randomBytes(3 * 2 ** 20) };
    const local = await makeRepo({ branch: 'trunk', files, commits: [] });
    // Fifty branches on fifty commits make a clone's want lines pass 1 KB, which git gzips.
    const branches: string[] = [];
    for (let i = 0; i < 50; i++) {
      const args = ['commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', `topic ${i}`];
      const commit = (await git(args, { cwd: local.dir })).trim();
      branches.push(`${commit}:refs/heads/topic-${i}`);
    }
    await git([...authArgs(auth), 'push', '-q', big.url, 'trunk', ...branches], { cwd: local.dir });
    const upload = remote.requests.filter((r) => r.path === '/big.git/git-receive-pack').at(-1);
    expect(upload?.headers['transfer-encoding']).toBe('chunked');
    const before = remote.requests.length;
    const { dir } = await cloneWithOrigin(big.url, auth);
    expect(await git(['branch', '-r'], { cwd: dir })).toContain('origin/topic-49');
    expect(await trackedPaths(dir)).toEqual(['noise.dat']);
    const posts = remote.requests.slice(before).filter((r) => r.method === 'POST');
    expect(posts.some((r) => r.headers['content-encoding'] === 'gzip')).toBe(true);
    expect(posts.every((r) => r.status === 200)).toBe(true);
  });

  it('serves isomorphic-git (protocol v1, onAuth) and tells it why a push was refused', async () => {
    const onAuth = () => ({ username: auth.username, password: auth.token });
    const lib = await remote.createBareRepo('acme/lib');
    const pushed = await iso.push({ fs, http, dir: seed.dir, url: lib.url, ref: 'main', onAuth });
    expect(pushed.refs['refs/heads/main']).toMatchObject({ ok: true });
    await remote.protectBranch('acme/lib', 'main', 'main is protected');
    const messages: string[] = [];
    const refused = await iso
      .push({
        fs,
        http,
        dir: seed.dir,
        url: lib.url,
        ref: 'main',
        remoteRef: 'main',
        force: true,
        onAuth,
        onMessage: (m) => void messages.push(m),
      })
      .catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(String(refused)).toContain('pre-receive hook declined');
    // isomorphic-git hands over the side-band text without git's "remote: " prefix.
    expect(messages.join('')).toContain('main is protected');
  });
});
