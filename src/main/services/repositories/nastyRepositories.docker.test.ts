import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../shared/contract';
import { startHost, type HostHarness } from '../../testing/hostHarness';
import { nastyRepos, removeTempRepos, type NastyRepo } from '../../testing/repoFactory';
import { sandboxRun as run } from '../../testing/sandboxShell';

// Repositories that break naive code, all in one session on the real engine: each is either
// checked out exactly (the same tracked paths, bytes and links as on the host) or carries a
// clear message; none hangs.

const nulList = (bytes: Buffer): string[] =>
  bytes
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '')
    .sort();

describe('nasty repositories, seeded into one sandbox', () => {
  let h: HostHarness;
  let session: Session;
  const repos = {} as Record<keyof typeof nastyRepos, NastyRepo>;

  beforeAll(async () => {
    for (const [name, make] of Object.entries(nastyRepos)) {
      repos[name as keyof typeof nastyRepos] = await make();
    }
    h = await startHost();
    const project = await h.client.api.projects.create({
      name: 'Nasty',
      repositories: Object.entries(repos).map(([name, repo]) => ({
        name,
        source: { kind: 'path' as const, path: repo.dir },
      })),
    });
    expect(project.repositories.find((r) => r.name === 'trunk')?.baseBranch).toBe('trunk');
    expect(project.repositories.find((r) => r.name === 'empty')?.baseBranch).toBeNull();
    const created = await h.client.api.sessions.create({ name: 'nasty', projectId: project.id });
    session = await h.waitForStatus(created.id, 'running', 300_000);
  });

  afterAll(async () => {
    if (session) await h.client.api.sessions.delete({ id: session.id }).catch(() => {});
    await h?.close();
    await removeTempRepos();
  });

  it('checks every repository out on the session branch with a clean status', () => {
    expect(session.statusDetail).toBeUndefined();
    expect(session.repositories.map((r) => [r.name, r.seed])).toEqual(
      Object.keys(nastyRepos).map((name) => [name, 'ready']),
    );
  });

  it.each([
    'spaces',
    'unicode',
    'controlCharacters',
    'longPath',
    'binaries',
    'symlinks',
    'trunk',
    'lfsPointers',
    'submodule',
  ] as const)('%s: the same tracked paths, nothing modified', async (name) => {
    const dir = `/workspace/${name}`;
    const tracked = nulList(await run(session.containerId!, `cd ${dir} && git ls-files -z`));
    expect(tracked).toEqual([...repos[name].paths].sort());
    expect(
      (await run(session.containerId!, `cd ${dir} && git status --porcelain`)).toString(),
    ).toBe('');
    expect(
      (await run(session.containerId!, `cd ${dir} && git branch --show-current`)).toString().trim(),
    ).toBe('berth/nasty');
  });

  it('keeps binary bytes and symlinks exactly', async () => {
    const host = readFileSync(join(repos.binaries.dir, 'assets/noise.dat'));
    const inside = await run(session.containerId!, 'cat /workspace/binaries/assets/noise.dat');
    expect(inside.equals(host)).toBe(true);
    const links = await run(
      session.containerId!,
      'cd /workspace/symlinks && readlink link-to-file link-to-dir dangling src/up-link && cat link-to-file',
    );
    expect(links.toString()).toBe('README.md\nsrc\ndoes/not/exist\n../README.md\ntarget\n');
  });

  it('starts an empty repository on the session branch with no commits', async () => {
    const out = await run(
      session.containerId!,
      'cd /workspace/empty && git symbolic-ref HEAD && git rev-parse -q --verify HEAD || echo unborn',
    );
    expect(out.toString()).toBe('refs/heads/berth/nasty\nunborn\n');
    const state = await h.client.api.repositories.state({ sessionId: session.id });
    expect(state.find((s) => s.repository === 'empty')).toMatchObject({
      head: null,
      ahead: 0,
      changedFiles: 0,
    });
  });

  it('says plainly what is not copied: submodules and LFS objects', () => {
    const warnings = (name: string) =>
      session.repositories.find((r) => r.name === name)?.warnings.join(' ');
    expect(warnings('submodule')).toMatch(/submodules \(vendor\/library\).*folders stay empty/);
    expect(warnings('lfsPointers')).toMatch(/Git LFS.*pointer files/);
    expect(warnings('spaces')).toBe('');
  });

  it('brings a commit with a nasty file name home to an empty repository', async () => {
    await run(
      session.containerId!,
      "cd /workspace/empty && printf 'x' > $'new\\nline.txt' && git add -A && git commit -qm first",
    );
    const home = await h.client.api.repositories.bringHome({
      sessionId: session.id,
      repository: 'empty',
    });
    const names = execFileSync(
      'git',
      ['-C', repos.empty.dir, 'ls-tree', '-z', '--name-only', 'berth/nasty'],
      { encoding: 'utf8' },
    );
    expect(names.split('\0').filter(Boolean)).toEqual(['new\nline.txt']);
    expect(
      execFileSync('git', ['-C', repos.empty.dir, 'rev-parse', 'berth/nasty'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe(home.commit);
  });
});
