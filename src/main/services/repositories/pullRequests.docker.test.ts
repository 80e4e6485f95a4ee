import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project, Session } from '../../../shared/contract';
import { startForge, type ForgeStandIn } from '../../testing/forgeStandIn';
import { startGitRemote, type GitRemote } from '../../testing/gitHttpRemote';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { authArgs, git as gitCli } from '../../testing/repoFactory';
import { sandboxSh as sh } from '../../testing/sandboxShell';

// URL repositories (Berth's mirror), pushing from the host to a real smart-HTTP remote behind
// basic auth, and pull requests through the GitHub stand-in: the real engine, real git.
const token = 'tok-a17c3e9d';
// Async on purpose: the git remote serves from this same process, so a blocking git would wait
// on a server that cannot answer.
const git = async (dir: string, ...args: string[]): Promise<string> =>
  (await gitCli([...authArgs({ username: 'ada', token }), '-C', dir, ...args])).trim();

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: { code: string; message: string }) => e,
  );

describe('URL repositories and pull requests', () => {
  let h: HostHarness;
  let remote: GitRemote;
  let forge: ForgeStandIn;
  let work: string;
  let url: string;
  let bare: string;
  let host: string;
  let project: Project;
  let session: Session;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'berth-pr-'));
    remote = await startGitRemote({ username: 'ada', token });
    const repo = await remote.createBareRepo('acme/widgets');
    url = repo.url;
    bare = repo.dir;
    host = new URL(url).host;
    const seed = join(work, 'seed');
    await gitCli(['-c', 'init.defaultBranch=main', 'init', '-q', seed]);
    writeFileSync(join(seed, 'README.md'), '# Widgets\n');
    await git(seed, 'add', '-A');
    await git(seed, 'commit', '-qm', 'First commit');
    await git(seed, 'push', '-q', url, 'main');
    forge = await startForge({ token, repos: { 'acme/widgets': bare } });
    h = await startHost({ dataDir: join(work, 'data') });
  });

  afterAll(async () => {
    if (session) await h.client.api.sessions.delete({ id: session.id }).catch(() => {});
    await h?.close();
    await forge?.close();
    await remote?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('says a URL needs credentials until a token is set, then lists its branches', async () => {
    const source = { kind: 'url' as const, url };
    expect(await failure(h.client.api.projects.inspectRepository({ source }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(new RegExp(`needs credentials: add a token for ${host}`)),
    });
    await h.client.api.settings.setGitHost({
      host,
      username: 'ada',
      token: 'wrong',
      apiUrl: forge.url,
    });
    expect(await failure(h.client.api.projects.inspectRepository({ source }))).toMatchObject({
      code: 'permission_denied',
      message: expect.stringMatching(/refused the token/),
    });
    await h.client.api.settings.setGitHost({ host, token });
    expect(await h.client.api.projects.inspectRepository({ source })).toMatchObject({
      name: 'widgets',
      branches: ['main'],
      defaultBranch: 'main',
    });
    const closed = `http://127.0.0.1:1/nothing.git`;
    expect(
      await failure(
        h.client.api.projects.inspectRepository({ source: { kind: 'url', url: closed } }),
      ),
    ).toMatchObject({
      message: expect.stringMatching(/does not answer/),
    });
  });

  it('seeds a URL repository through a mirror in the data directory', async () => {
    project = await h.client.api.projects.create({
      name: 'Remote widgets',
      repositories: [{ source: { kind: 'url', url } }],
    });
    session = await h.client.api.sessions.create({
      name: 'Add docs',
      projectId: project.id,
      task: 'Write the docs',
    });
    session = await h.waitForStatus(session.id, 'running');
    expect(session.statusDetail).toBeUndefined();
    expect(
      await sh(
        session.containerId!,
        'cd /workspace/widgets && git branch --show-current && git log --format=%s',
      ),
    ).toBe('berth/add-docs\nFirst commit');
    // No credential of any kind reached the sandbox.
    expect(
      await sh(
        session.containerId!,
        `grep -rs ${token} /workspace /home /etc /tmp; env | grep -c ${token}`,
      ),
    ).toBe('0');
  });

  it('pushes from the host and opens a pull request against the base branch', async () => {
    await sh(
      session.containerId!,
      'cd /workspace/widgets && echo "Docs" > DOCS.md && git add -A && git commit -qm "Write the docs"',
    );
    const draft = await h.client.api.repositories.pullRequestDraft({
      sessionId: session.id,
      repository: 'widgets',
    });
    expect(draft).toMatchObject({
      title: 'Write the docs',
      base: 'main',
      branch: 'berth/add-docs',
    });
    const pull = await h.client.api.repositories.createPullRequest({
      sessionId: session.id,
      repository: 'widgets',
      title: draft.title,
      body: draft.body,
    });
    const head = await sh(session.containerId!, 'cd /workspace/widgets && git rev-parse HEAD');
    expect(pull).toMatchObject({ number: 1, state: 'open', base: 'main', pushedCommit: head });
    expect(
      (await gitCli(['--git-dir', bare, 'rev-parse', 'refs/heads/berth/add-docs'])).trim(),
    ).toBe(head);
    const request = forge.requests.find((r) => r.method === 'POST');
    expect(request?.body).toMatchObject({
      base: 'main',
      head: 'berth/add-docs',
      title: 'Write the docs',
    });
    expect(request?.headers.authorization).toMatch(new RegExp(`^(token|Bearer) ${token}$`));
    expect(
      (await h.client.api.sessions.get({ id: session.id })).repositories[0]?.pullRequest,
    ).toMatchObject({ number: 1, url: pull.url });
  });

  it('updates the pull request with Push, and reads its state from the forge', async () => {
    await sh(
      session.containerId!,
      'cd /workspace/widgets && echo more >> DOCS.md && git commit -qam "More docs"',
    );
    const pushed = await h.client.api.repositories.push({
      sessionId: session.id,
      repository: 'widgets',
    });
    const head = await sh(session.containerId!, 'cd /workspace/widgets && git rev-parse HEAD');
    expect(pushed.pushedCommit).toBe(head);
    forge.setState('acme/widgets', 1, 'merged');
    expect(
      await h.client.api.repositories.refreshPullRequest({
        sessionId: session.id,
        repository: 'widgets',
      }),
    ).toMatchObject({ state: 'merged' });
  });

  it('refuses a non-fast-forward push and a protected branch with the reason', async () => {
    const other = join(work, 'other');
    await git(work, 'clone', '-q', url, other);
    await git(other, 'checkout', '-q', 'berth/add-docs');
    writeFileSync(join(other, 'theirs.txt'), 'someone else\n');
    await git(other, 'add', '-A');
    await git(other, 'commit', '-qm', 'Their commit');
    await git(other, 'push', '-q', 'origin', 'berth/add-docs');
    await sh(
      session.containerId!,
      'cd /workspace/widgets && echo x >> DOCS.md && git commit -qam "Mine"',
    );
    expect(
      await failure(
        h.client.api.repositories.push({ sessionId: session.id, repository: 'widgets' }),
      ),
    ).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/not a fast-forward/),
    });
    await git(other, 'push', '-q', '--delete', 'origin', 'berth/add-docs');
    await remote.protectBranch('acme/widgets', 'berth/*', 'berth/* branches are protected here');
    expect(
      await failure(
        h.client.api.repositories.push({ sessionId: session.id, repository: 'widgets' }),
      ),
    ).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/remote: berth\/\* branches are protected here/),
    });
  });
});
