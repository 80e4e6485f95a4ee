import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BranchState, Project, Session } from '../../../shared/contract';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { sandboxSh as sh } from '../../testing/sandboxShell';

// Projects, seeding, branch state and bringing a branch home against the real engine, real git
// and a real SQLite file.
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};
const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-C', dir, ...args], { env: gitEnv, encoding: 'utf8' }).trim();

/** Everything about a clone a user would notice changing. */
function cloneSnapshot(dir: string) {
  return {
    head: git(dir, 'rev-parse', 'HEAD'),
    branch: git(dir, 'symbolic-ref', 'HEAD'),
    status: git(dir, 'status', '--porcelain=v1', '--untracked-files=all'),
    refs: git(dir, 'for-each-ref', '--format=%(refname) %(objectname)'),
  };
}

describe('repositories in a session on the real engine', () => {
  let h: HostHarness;
  let work: string;
  let clone: string;
  let project: Project;
  let session: Session;
  const cleanup: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'berth-repos-'));
    clone = join(work, 'widgets');
    execFileSync('git', ['-c', 'init.defaultBranch=main', 'init', '-q', clone]);
    writeFileSync(join(clone, 'README.md'), '# Widgets\n');
    git(clone, 'add', '-A');
    git(clone, 'commit', '-qm', 'First commit');
    writeFileSync(join(clone, 'app.py'), 'print("hi")\n');
    git(clone, 'add', '-A');
    git(clone, 'commit', '-qm', 'Add the app');
    git(clone, 'branch', 'feature');
    writeFileSync(join(clone, 'notes.txt'), 'an untracked file the user has\n');
    h = await startHost({ dataDir: join(work, 'data') });
    await h.client.api.settings.setGitIdentity({ name: 'Ada Lovelace', email: 'ada@example.com' });
  });

  afterAll(async () => {
    for (const id of cleanup) await h.client.api.sessions.delete({ id }).catch(() => {});
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('creates a project from a local clone and lists its branches', async () => {
    const inspection = await h.client.api.projects.inspectRepository({
      source: { kind: 'path', path: clone },
    });
    expect(inspection).toMatchObject({
      name: 'widgets',
      defaultBranch: 'main',
      branches: ['main', 'feature'],
    });
    project = await h.client.api.projects.create({
      name: 'Widgets',
      repositories: [{ source: { kind: 'path', path: clone } }],
    });
    expect(project.repositories).toMatchObject([{ name: 'widgets', baseBranch: 'main' }]);
  });

  it('refuses bad projects with the field that is wrong', async () => {
    const attempt = (input: Parameters<typeof h.client.api.projects.create>[0]) =>
      h.client.api.projects.create(input).then(
        () => null,
        (e: { code: string; message: string; data?: { field?: string } }) => e,
      );
    expect(
      await attempt({ name: 'x', repositories: [{ source: { kind: 'path', path: work } }] }),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/not a git repository/),
      data: { field: 'repositories.0.source' },
    });
    expect(
      await attempt({
        name: 'y',
        repositories: [{ source: { kind: 'path', path: clone }, baseBranch: 'nope' }],
      }),
    ).toMatchObject({
      data: { field: 'repositories.0.baseBranch' },
      message: expect.stringMatching(/no branch "nope".*main, feature/),
    });
    expect(
      await attempt({
        name: 'z',
        repositories: [
          { source: { kind: 'path', path: clone } },
          { source: { kind: 'path', path: `${clone}/` } },
        ],
      }),
    ).toMatchObject({ code: 'conflict', data: { field: 'repositories.1.source' } });
    expect(
      await attempt({ name: 'WIDGETS', repositories: [{ source: { kind: 'path', path: clone } }] }),
    ).toMatchObject({
      code: 'conflict',
      data: { field: 'name' },
    });
  });

  it('seeds the repository on the session branch, with history and the user as author', async () => {
    session = await h.client.api.sessions.create({
      name: 'Fix signup',
      projectId: project.id,
      task: 'Fix the login form',
    });
    cleanup.push(session.id);
    expect(session).toMatchObject({
      branch: 'berth/fix-signup',
      primaryRepository: 'widgets',
      task: 'Fix the login form',
    });
    session = await h.waitForStatus(session.id, 'running');
    expect(session.statusDetail).toBeUndefined();
    expect(session.repositories).toMatchObject([
      {
        name: 'widgets',
        seed: 'ready',
        baseBranch: 'main',
        baseCommit: git(clone, 'rev-parse', 'main'),
      },
    ]);
    const cid = session.containerId!;
    expect(await sh(cid, 'cd /workspace/widgets && git branch --show-current')).toBe(
      'berth/fix-signup',
    );
    expect(await sh(cid, 'cd /workspace/widgets && git log --format=%s main')).toBe(
      'Add the app\nFirst commit',
    );
    expect(await sh(cid, 'cd /workspace/widgets && git status --porcelain && cat app.py')).toBe(
      'print("hi")',
    );
    expect(
      await sh(cid, 'cd /workspace/widgets && git config user.name && git config user.email'),
    ).toBe('Ada Lovelace\nada@example.com');
    expect(
      await sh(cid, 'stat -c %U /workspace/widgets/app.py /workspace/widgets/.git/objects'),
    ).toBe('berth\nberth');
    // The sandbox knows no remote: nothing in it can reach the user's forge.
    expect(await sh(cid, 'cd /workspace/widgets && git remote')).toBe('');
  });

  it('reports the branch state and follows changes made in the sandbox', async () => {
    const states: BranchState[][] = [];
    const off = h.client.on('repositories.state', (e) => states.push(e.repositories), session.id);
    expect(await h.client.api.repositories.state({ sessionId: session.id })).toMatchObject([
      { repository: 'widgets', branch: 'berth/fix-signup', ahead: 0, behind: 0, changedFiles: 0 },
    ]);
    await sh(session.containerId!, 'cd /workspace/widgets && echo fixed > login.py');
    await expect.poll(() => states.at(-1)?.[0]?.changedFiles, { timeout: 15_000 }).toBe(1);
    await sh(
      session.containerId!,
      'cd /workspace/widgets && git add -A && git commit -qm "Fix the login form"',
    );
    await expect
      .poll(() => states.at(-1)?.[0], { timeout: 15_000 })
      .toMatchObject({ ahead: 1, changedFiles: 0 });
    off();
  });

  it('brings the branch home without touching anything else in the clone', async () => {
    const before = cloneSnapshot(clone);
    const first = await h.client.api.repositories.bringHome({
      sessionId: session.id,
      repository: 'widgets',
    });
    const sandboxHead = await sh(
      session.containerId!,
      'cd /workspace/widgets && git rev-parse HEAD',
    );
    expect(first).toMatchObject({
      branch: 'berth/fix-signup',
      commit: sandboxHead,
      destination: clone,
    });
    expect(git(clone, 'rev-parse', 'refs/heads/berth/fix-signup')).toBe(sandboxHead);
    expect(git(clone, 'log', '--format=%s', '-1', 'berth/fix-signup')).toBe('Fix the login form');
    git(clone, 'fsck', '--no-progress');
    const after = cloneSnapshot(clone);
    expect(after.head).toBe(before.head);
    expect(after.branch).toBe(before.branch);
    expect(after.status).toBe(before.status);
    expect(after.refs.split('\n').filter((r) => !before.refs.includes(r))).toEqual([
      `refs/heads/berth/fix-signup ${sandboxHead}`,
    ]);

    // Incremental: one more small commit sends a few objects, not the history.
    await sh(
      session.containerId!,
      'cd /workspace/widgets && echo more >> login.py && git commit -qam "Second fix"',
    );
    const second = await h.client.api.repositories.bringHome({
      sessionId: session.id,
      repository: 'widgets',
    });
    expect(second.objects).toBeGreaterThan(0);
    expect(second.objects).toBeLessThanOrEqual(3);
    expect(git(clone, 'log', '--format=%s', '-1', 'berth/fix-signup')).toBe('Second fix');
  });

  it('refuses a session branch that already exists, with a free name to use', async () => {
    const error = await h.client.api.sessions
      .create({ name: 'Another', projectId: project.id, branch: 'feature' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({
      code: 'conflict',
      data: { field: 'branch', suggestion: 'feature-2' },
    });
    const taken = await h.client.api.sessions
      .create({ name: 'Fix signup again', projectId: project.id, branch: 'berth/fix-signup' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(taken).toMatchObject({ code: 'conflict', data: { suggestion: 'berth/fix-signup-2' } });
  });
});
