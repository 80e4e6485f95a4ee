import { execFile } from 'node:child_process';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { HomeResult, Project } from '../src/shared/contract';
import { startHost, type HostHarness } from '../src/main/testing/hostHarness';
import {
  git,
  largeRepoPath,
  makeLargeRepo,
  removeTempRepos,
  runGit,
  sizeOf,
  tempDir,
  type LargeRepo,
} from '../src/main/testing/repoFactory';
import { sessionReaches } from './support/hostEvents';
import {
  createPlainContainer,
  removeContainer,
  removeLeftoverBaselines,
} from './support/rawDocker';
import { compare, publish, type Comparison } from './support/report';
import { dockerCli, execIn } from './support/sandboxExec';
import { SessionLogLines } from './support/sessionLogLines';
import { summarize } from './support/stats';

// Issue 5, projects and repositories. One large repository (10k files, ~100 MB of incompressible
// history in 10 commits, src/main/testing/repoFactory.ts makeLargeRepo) and one in-process host
// (real Docker, real SQLite) serve both benchmarks:
// 1. Seeding: a new session of a project on that repository, from the host's object store to a
//    checked-out session branch in /workspace/large. Baseline: `docker cp` of the same checked-out
//    tree (no .git) into a started plain container of the same image, what a user would do.
// 2. Bring home: one sandbox commit rewriting 10 files (10 directories), fetched by
//    repositories.bringHome into the user's clone. Baseline: `git fetch` of the same commit by
//    the git CLI over the same exec channel (ext::docker exec -i … git upload-pack) into a bare
//    clone of the same repository, so the same objects travel.
// Reports only: the machines are shared and noisy, so no timing is asserted. A seed that is not
// right (dirty status, wrong file count, wrong commit) fails the run instead of looking fast.

const seedRuns = 5;
const homeRuns = 7;
const files = 10_000;
const repoName = 'large';
const workdir = `/workspace/${repoName}`;
/** Seeding ~100 MB takes seconds; two minutes means something is broken. */
const stepTimeoutMs = 120_000;
/** The first session builds the sandbox image: minutes on a fresh machine. */
const buildTimeoutMs = 540_000;
const execFileAsync = promisify(execFile);

interface BerthSeed {
  createToRunning: number;
  /** The "copying … into /workspace/large" log line → the running event. */
  copyToRunning: number;
  /** The seeding step's own clock: "large: ready in X s" (0.1 s steps). */
  readyIn: number;
  /** Host-side checks before the copying line: readyIn − (copying line → ready line). */
  beforeCopy: number;
  /** The copying line → the checkout script's first write (.git/config), on the wall clock. */
  upload: number;
  /** .git/config → .git/index written by `git reset --hard`, both in the sandbox. */
  checkout: number;
}

interface RawSeed {
  start: number;
  cp: number;
  total: number;
}

interface HomeSample {
  berth: number;
  raw: number;
  berthMoved: HomeResult;
  rawMoved: string;
}

/** Wall-clock ms of files' mtimes in a container (same kernel clock as the host's Date.now()). */
async function mtimes(containerId: string, paths: string[]): Promise<number[]> {
  const out = await execIn(containerId, `stat -c %.9Y ${paths.join(' ')}`);
  return out
    .trim()
    .split('\n')
    .map((s) => Number(s) * 1000);
}

/** Fails the run when a seeded or copied tree is not the repository's. */
async function checkTree(containerId: string, head: string | null): Promise<void> {
  const count = `find ${workdir} -path ${workdir}/.git -prune -o -type f -print | wc -l`;
  const script = head
    ? `cd ${workdir} && git status --porcelain | wc -l && ${count} && git ls-files | wc -l && git rev-parse HEAD`
    : `echo 0 && ${count} && echo ${files} && echo -`;
  const [dirty, found, tracked, commit] = (await execIn(containerId, script)).trim().split('\n');
  const expected = ['0', String(files), String(files), head ?? '-'];
  if ([dirty, found, tracked, commit].join(' ') !== expected.join(' ')) {
    throw new Error(
      `${workdir} in ${containerId.slice(0, 12)} is not the repository: changed ${dirty}, files ${found}, tracked ${tracked}, HEAD ${commit} (want ${expected.join(' ')})`,
    );
  }
}

describe('repositories: seeding a large repository, bringing a commit home', () => {
  let h: HostHarness;
  let repo: LargeRepo;
  let tree: string;
  let project: Project;
  let image: string;
  let log: SessionLogLines;
  const sessions: string[] = [];
  const berthSeeds: BerthSeed[] = [];
  const emptyStarts: number[] = [];
  const rawSeeds: RawSeed[] = [];
  const homes: HomeSample[] = [];
  const sizes = { packMB: 0, treeMB: 0 };
  const firstPacks = { berth: 0, raw: 0 };
  const suffix = Date.now().toString(36);

  /** A session made as a window makes it; resolves once running, with its container id. */
  async function newSession(
    name: string,
    projectId?: string,
    timeoutMs = stepTimeoutMs,
  ): Promise<{ id: string; t0: number; t1: number; containerId: string; branch: string }> {
    const running = sessionReaches(h.client, name, 'running', timeoutMs);
    const t0 = performance.now();
    const session = await h.client.api.sessions.create({
      name,
      ...(projectId ? { projectId } : {}),
    });
    sessions.push(session.id);
    const t1 = await running;
    const ready = await h.client.api.sessions.get({ id: session.id });
    const seeds = ready.repositories.filter((r) => r.seed !== 'ready');
    if (!ready.containerId || seeds.length > 0) {
      throw new Error(`session ${name} is not ready: ${ready.statusDetail ?? 'no container'}`);
    }
    return { id: session.id, t0, t1, containerId: ready.containerId, branch: ready.branch ?? '' };
  }

  async function deleteSession(id: string): Promise<void> {
    await h.client.api.sessions.delete({ id });
    sessions.splice(sessions.indexOf(id), 1);
  }

  async function berthSeed(name: string): Promise<BerthSeed> {
    const s = await newSession(name, project.id);
    try {
      const copying = log.find(s.id, new RegExp(`^${repoName}: copying `));
      const ready = log.find(s.id, new RegExp(`^${repoName}: ready in ([0-9.]+) s`));
      const [config, index] = await mtimes(s.containerId, [
        `${workdir}/.git/config`,
        `${workdir}/.git/index`,
      ]);
      await checkTree(s.containerId, repo.headCommit);
      return {
        createToRunning: s.t1 - s.t0,
        copyToRunning: s.t1 - copying.at,
        readyIn: Number(ready.match[1]) * 1000,
        beforeCopy: Number(ready.match[1]) * 1000 - (ready.at - copying.at),
        upload: config! - copying.wall,
        checkout: index! - config!,
      };
    } finally {
      await deleteSession(s.id);
    }
  }

  async function emptyStart(name: string): Promise<number> {
    const s = await newSession(name);
    await deleteSession(s.id);
    return s.t1 - s.t0;
  }

  async function rawSeed(): Promise<RawSeed> {
    const t0 = performance.now();
    const container = await createPlainContainer(image);
    try {
      await container.start();
      const t1 = performance.now();
      await dockerCli(['cp', tree, `${container.id}:${workdir}`]);
      const t2 = performance.now();
      await checkTree(container.id, null);
      return { start: t1 - t0, cp: t2 - t1, total: t2 - t0 };
    } finally {
      await removeContainer(container.id);
    }
  }

  beforeAll(async () => {
    await removeLeftoverBaselines();
    repo = await makeLargeRepo({ files, historyMB: 100 });
    tree = join(await tempDir('bench-tree'), repoName);
    // The checked-out tree without .git, as a user's clone has it on disk.
    await mkdir(tree);
    await execFileAsync('sh', ['-c', 'git -C "$0" archive HEAD | tar -x -C "$1"', repo.dir, tree]);
    sizes.packMB = repo.sizeBytes / 1e6;
    h = await startHost();
    log = new SessionLogLines(h.client);
    // The first session builds the sandbox image (minutes on a fresh machine): not measured.
    const warm = await newSession(`bench warm-up ${suffix}`, undefined, buildTimeoutMs);
    const ready = await h.client.api.sessions.get({ id: warm.id });
    if (!ready.image) throw new Error('a running session reports no image');
    image = ready.image;
    await deleteSession(warm.id);
    project = await h.client.api.projects.create({
      name: `bench large ${suffix}`,
      repositories: [{ name: repoName, source: { kind: 'path', path: repo.dir } }],
    });
    // Both sides start warm (page cache, engine): one unmeasured run each.
    await berthSeed(`bench seed warm-up ${suffix}`);
    await rawSeed();
  });

  afterAll(async () => {
    log?.dispose();
    for (const id of sessions) await h?.client.api.sessions.delete({ id }).catch(() => {});
    if (project) await h.client.api.projects.delete({ id: project.id }).catch(() => {});
    await h?.close();
    await removeTempRepos();
    publishSeeding();
    publishHome();
  });

  function publishSeeding(): void {
    // A failed run publishes nothing: half a series would read as a result.
    if (berthSeeds.length !== seedRuns || rawSeeds.length !== seedRuns) return;
    if (emptyStarts.length !== seedRuns) return;
    const pick = <T>(series: T[], key: keyof T) => series.map((t) => t[key] as number);
    const median = (samples: number[]) => summarize(samples).median;
    const cp = pick(rawSeeds, 'cp');
    const bySubtraction = median(pick(berthSeeds, 'createToRunning')) - median(emptyStarts);
    const comparisons: Comparison[] = [
      compare('seed: whole step ("ready in", 0.1 s)', 'ms', pick(berthSeeds, 'readyIn'), cp),
      compare('seed: copy starts → running (events)', 'ms', pick(berthSeeds, 'copyToRunning'), cp),
      compare(
        'create → running, with the repo',
        'ms',
        pick(berthSeeds, 'createToRunning'),
        pick(rawSeeds, 'total'),
      ),
      compare('create → running, no repo', 'ms', emptyStarts, pick(rawSeeds, 'start')),
    ];
    publish({
      key: 'repositorySeeding',
      title: `Seeding ${files} files, ${sizes.packMB.toFixed(0)} MB of history into a new sandbox`,
      baseline: `docker CLI: docker cp <checked-out tree, no .git, ${sizes.treeMB.toFixed(0)} MB> <plain ${image} container, started>:${workdir}`,
      comparisons,
      notes: [
        'Berth: a session of a project on a local clone; seeding sends .git/objects as they are (one pack) through the engine archive API, then git init + reset --hard in the sandbox. The baseline copies only the work tree, no history.',
        'Row 1 is the seeding step on its own clock, logged as "large: ready in X s": host checks, copy, checkout. Row 2 times events: the log line "large: copying …" to the running event, so it leaves out the host checks. Rows 3–4 are whole session creations against plain create + start (+ cp).',
        `Seeding by subtraction (median create → running with the repo − without): ${bySubtraction.toFixed(0)} ms, ${(bySubtraction / median(cp)).toFixed(2)}× docker cp.`,
        `Where seeding goes (medians): host checks before the copy ~${median(pick(berthSeeds, 'beforeCopy')).toFixed(0)} ms (row 1 − copying line → ready line), archive upload ${median(pick(berthSeeds, 'upload')).toFixed(0)} ms (copying line → the checkout script's first write, wall clock), checkout ${median(pick(berthSeeds, 'checkout')).toFixed(0)} ms (.git/config → .git/index mtimes in the sandbox).`,
        'Every Berth seed is checked: status clean, 10k files, HEAD = the repository head; every copy: 10k files. Runs alternate Berth with repo, Berth without, baseline.',
      ],
    });
  }

  function publishHome(): void {
    if (homes.length !== homeRuns) return;
    const moved = homes.map(
      (s) => `${s.berthMoved.objects} objects/${(s.berthMoved.bytes / 1024).toFixed(0)} KiB`,
    );
    publish({
      key: 'bringHome',
      title: 'Bring home 1 commit touching 10 files of the large repository',
      baseline: `git fetch "ext::docker exec -i <container> git %s ${workdir}" <session branch>:refs/heads/<tmp> into a bare clone of the same repository`,
      comparisons: [
        compare(
          'bring home 1 commit, 10 files',
          'ms',
          homes.map((s) => s.berth),
          homes.map((s) => s.raw),
        ),
      ],
      notes: [
        'Berth: repositories.bringHome over the RPC client: one docker exec resolves the branch and runs upload-pack --stateless-rpc with the base and last-home commits as haves, the pack indexed by isomorphic-git, the ref written.',
        'Baseline: one git CLI process (protocol v0 over one docker exec, haves from its own refs), from spawn to exit; git unpacks fewer than 100 objects loose (fetch.unpackLimit default).',
        `Each run is a new sandbox commit rewriting 10 random 5.5 KiB files in 10 directories; order alternates. Objects per run: Berth ${[...new Set(moved)].join(', ')}; git CLI ${[...new Set(homes.map((s) => s.rawMoved))].join(', ')} (remote: Total).`,
        `Pack bytes of the unmeasured first run: Berth ${(firstPacks.berth / 1024).toFixed(1)} KiB, git CLI ${(firstPacks.raw / 1024).toFixed(1)} KiB (GIT_TRACE_PACKFILE).`,
      ],
    });
  }

  it(`seeding: ${seedRuns} alternating runs of Berth with the repo, without, and docker cp`, async () => {
    sizes.treeMB = (await sizeOf(tree)) / 1e6;
    for (let run = 0; run < seedRuns; run += 1) {
      berthSeeds.push(await berthSeed(`bench seed ${suffix} ${run}`));
      emptyStarts.push(await emptyStart(`bench empty ${suffix} ${run}`));
      rawSeeds.push(await rawSeed());
    }
  });

  it(`bring home: ${homeRuns} runs of Berth and git fetch over docker exec, alternating first`, async () => {
    const s = await newSession(`bench home ${suffix}`, project.id);
    const bare = join(await tempDir('bench-fetch'), 'clone.git');
    await git(['clone', '-q', '--bare', repo.dir, bare]);

    /** A new commit in the sandbox rewriting 10 files, one in each of 10 modules. */
    const commit = async (run: number): Promise<string> => {
      const paths = Array.from({ length: 10 }, (_, k) => largeRepoPath(k * 1000 + 7 * run + 3));
      const writes = paths.map((p) => `head -c 5632 /dev/urandom > ${p}`).join(' && ');
      const script = `cd ${workdir} && ${writes} && git commit -qam 'bench change ${run}' && git rev-parse HEAD`;
      return (await execIn(s.containerId, script)).trim();
    };
    const berth = async (head: string): Promise<[number, HomeResult]> => {
      const t0 = performance.now();
      const result = await h.client.api.repositories.bringHome({
        sessionId: s.id,
        repository: repoName,
      });
      const t1 = performance.now();
      if (result.commit !== head || result.objects === 0) {
        throw new Error(
          `bringHome brought ${result.commit} (${result.objects} objects), not ${head}`,
        );
      }
      return [t1 - t0, result];
    };
    const raw = async (
      head: string,
      env: Record<string, string> = {},
    ): Promise<[number, string]> => {
      const remote = `ext::docker exec -i ${s.containerId} git %s ${workdir}`;
      const args = ['-c', 'protocol.ext.allow=always', 'fetch', '--progress', remote];
      const refspec = `refs/heads/${s.branch}:refs/heads/bench-home`;
      const t0 = performance.now();
      const result = await runGit([...args, refspec], { cwd: bare, env });
      const t1 = performance.now();
      if (result.code !== 0) throw new Error(`git fetch exited ${result.code}: ${result.stderr}`);
      const fetched = (await git(['rev-parse', 'refs/heads/bench-home'], { cwd: bare })).trim();
      if (fetched !== head) throw new Error(`git fetch brought ${fetched}, not ${head}`);
      // upload-pack's own count; git prints no local progress for a pack this small.
      const total = /remote: Total (\d+)/.exec(result.stderr);
      return [t1 - t0, total ? `${total[1]} objects` : 'no "remote: Total" line'];
    };

    // Unmeasured first run on each side; git's received pack is traced to a file (not timed)
    // to compare its size with Berth's.
    const first = await commit(homeRuns);
    const [, berthFirst] = await berth(first);
    const traced = join(bare, 'bench-trace.pack');
    await raw(first, { GIT_TRACE_PACKFILE: traced });
    firstPacks.berth = berthFirst.bytes;
    firstPacks.raw = (await stat(traced).catch(() => ({ size: 0 }))).size;
    for (let run = 0; run < homeRuns; run += 1) {
      const head = await commit(run);
      const sample: Partial<HomeSample> = {};
      const sides = [
        async () => ([sample.berth, sample.berthMoved] = await berth(head)),
        async () => ([sample.raw, sample.rawMoved] = await raw(head)),
      ];
      for (const side of run % 2 === 0 ? sides : sides.reverse()) await side();
      homes.push(sample as HomeSample);
    }
  });
});
