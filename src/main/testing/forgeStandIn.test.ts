import { Octokit } from '@octokit/rest';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForge, type ForgeStandIn } from './forgeStandIn';
import { commitAll, git, makeRepo, removeTempRepos, tempDir, writeFiles } from './repoFactory';

const token = 'ghp_standin123';
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const repo = { owner: 'acme', repo: 'widgets' };

/** What Octokit threw: its status and GitHub's JSON. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: { status?: number; response?: { data?: unknown } }) => ({
      status: e.status,
      data: e.response?.data,
    }),
  );

describe('GitHub stand-in', () => {
  let forge: ForgeStandIn;
  let octokit: Octokit;
  let work: string;
  let bare: string;
  const push = (...refs: string[]) => git(['push', '-q', bare, ...refs], { cwd: work });

  beforeAll(async () => {
    const seed = await makeRepo();
    work = seed.dir;
    bare = join(await tempDir('forge'), 'widgets.git');
    await git(['init', '-q', '--bare', bare]);
    await git(['switch', '-q', '-c', 'feature'], { cwd: work });
    await writeFiles(work, { 'feature.txt': 'feature\n' });
    await commitAll(work, 'Add the feature', 5);
    await push('main', 'feature', 'main:refs/heads/level-with-main');
    forge = await startForge({ token, repos: { 'acme/widgets': bare } });
    octokit = new Octokit({ auth: token, baseUrl: forge.url, log: quiet });
  });

  afterAll(async () => {
    await forge?.close();
    await removeTempRepos();
  });

  it('opens a pull request shaped like GitHub’s', async () => {
    const sha = (await git(['rev-parse', 'feature'], { cwd: work })).trim();
    const created = await octokit.rest.pulls.create({
      ...repo,
      head: 'feature',
      base: 'main',
      title: 'Add the feature',
      body: 'Why it matters.',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      number: 1,
      html_url: `${forge.url}/acme/widgets/pull/1`,
      url: `${forge.url}/repos/acme/widgets/pulls/1`,
      state: 'open',
      title: 'Add the feature',
      body: 'Why it matters.',
      merged: false,
      merged_at: null,
      head: { ref: 'feature', sha, label: 'acme:feature' },
      base: { ref: 'main' },
      user: { login: 'berth-test' },
    });
    const request = forge.requests.find((r) => r.method === 'POST');
    expect(request).toMatchObject({
      path: '/repos/acme/widgets/pulls',
      body: { head: 'feature', base: 'main', title: 'Add the feature' },
    });
    expect(request?.headers.authorization).toBe(`token ${token}`);
  });

  it('reads a pull request whose head follows its branch until it is merged', async () => {
    await writeFiles(work, { 'feature.txt': 'feature, improved\n' });
    const newer = await commitAll(work, 'Improve the feature', 6);
    await push('feature');
    const read = await octokit.rest.pulls.get({ ...repo, pull_number: 1 });
    expect(read.data).toMatchObject({ number: 1, state: 'open', head: { sha: newer } });
    forge.setState('acme/widgets', 1, 'merged');
    await writeFiles(work, { 'after.txt': 'after the merge\n' });
    await commitAll(work, 'After the merge', 7);
    await push('feature');
    const merged = await octokit.rest.pulls.get({ ...repo, pull_number: 1 });
    expect(merged.data).toMatchObject({ state: 'closed', merged: true, head: { sha: newer } });
    expect(merged.data.merged_at).toEqual(expect.any(String));
    forge.setState('acme/widgets', 1, 'closed');
    expect((await octokit.rest.pulls.get({ ...repo, pull_number: 1 })).data).toMatchObject({
      state: 'closed',
      merged: false,
    });
  });

  it('answers 401 Bad credentials to a wrong token and takes a Bearer one', async () => {
    const wrong = new Octokit({ auth: 'nope', baseUrl: forge.url, log: quiet });
    expect(await failure(wrong.rest.pulls.get({ ...repo, pull_number: 1 }))).toMatchObject({
      status: 401,
      data: { message: 'Bad credentials' },
    });
    const anonymous = await fetch(`${forge.url}/repos/acme/widgets/pulls/1`);
    expect(anonymous.status).toBe(401);
    const bearer = await fetch(`${forge.url}/repos/acme/widgets/pulls/1`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('answers 404 Not Found for an unknown repository or pull request', async () => {
    const pull = { head: 'feature', base: 'main', title: 'x' };
    expect(
      await failure(octokit.rest.pulls.create({ owner: 'acme', repo: 'nothing', ...pull })),
    ).toMatchObject({ status: 404, data: { message: 'Not Found' } });
    expect(await failure(octokit.rest.pulls.get({ ...repo, pull_number: 99 }))).toMatchObject({
      status: 404,
    });
  });

  it('answers 422 Validation Failed the way GitHub does', async () => {
    const open = (head: string, base = 'main') =>
      failure(octokit.rest.pulls.create({ ...repo, head, base, title: 'Try' }));
    const invalid = (field: string) => ({
      status: 422,
      data: {
        message: 'Validation Failed',
        errors: [{ resource: 'PullRequest', code: 'invalid', field }],
      },
    });
    expect(await open('no-such-branch')).toMatchObject(invalid('head'));
    expect(await open('feature', 'no-such-base')).toMatchObject(invalid('base'));
    expect(await open('level-with-main')).toMatchObject({
      status: 422,
      data: {
        errors: [{ code: 'custom', message: 'No commits between main and level-with-main' }],
      },
    });
    forge.setState('acme/widgets', 1, 'open');
    expect(await open('acme:feature')).toMatchObject({
      status: 422,
      data: { errors: [{ message: 'A pull request already exists for acme:feature.' }] },
    });
  });

  it('numbers pull requests in order and lists them by head', async () => {
    await git(['switch', '-q', '-c', 'second', 'main'], { cwd: work });
    await writeFiles(work, { 'second.txt': 'second\n' });
    await commitAll(work, 'Second change', 8);
    await push('second');
    const second = await octokit.rest.pulls.create({
      ...repo,
      head: 'second',
      base: 'main',
      title: 'Second',
    });
    expect(second.data.number).toBe(2);
    const listed = await octokit.rest.pulls.list({ ...repo, head: 'acme:second' });
    expect(listed.data.map((p) => p.number)).toEqual([2]);
  });
});
