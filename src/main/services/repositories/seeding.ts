import { RpcError } from '../../../shared/contract';
import type {
  SessionRepositoriesTable,
  StoredSessionRepository,
} from '../../storage/sessionRepositoriesTable';
import { openHostRepo } from '../git/hostRepository';
import { mirrorBranch, updateMirror } from '../git/mirror';
import { cloneWarnings, treeWarnings } from '../git/repoWarnings';
import { finishSeedScript } from '../git/sandboxScripts';
import { listObjectStore, objectStoreArchive } from '../git/seedArchive';
import { runChecked } from '../sandboxes/runInSandbox';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { workspaceDir } from '../sandboxes/containerSpec';
import type { SettingsService } from '../settings/settingsService';

export interface SeedReporter {
  /** One progress line and the overall fraction (0..1). */
  progress(message: string, fraction: number): void;
  /** A line for the session's log. */
  log(line: string): void;
}

export interface SeedingDeps {
  runtime: SandboxRuntime;
  table: SessionRepositoriesTable;
  settings: SettingsService;
  dataDir: string;
}

const mb = (bytes: number): string =>
  bytes < 1e5 ? `${Math.max(1, Math.round(bytes / 1e3))} KB` : `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Copies a session's repositories into its sandbox: each repository's object store (packs as
 * they are) through the engine's archive API, then real git inside makes the working tree on
 * the session branch. No network in the sandbox, no credential in it, the same on any engine.
 * A repository that fails is marked with the reason and the others go on; the returned list
 * names the failures.
 */
export async function seedRepositories(
  deps: SeedingDeps,
  session: { id: string; branch: string },
  containerId: string,
  report: SeedReporter,
  signal: AbortSignal,
): Promise<string[]> {
  const repos = deps.table.list(session.id).filter((r) => r.seed !== 'ready');
  const failures: string[] = [];
  for (const [index, repo] of repos.entries()) {
    if (signal.aborted) return failures;
    const started = Date.now();
    const step = (message: string, within: number): void =>
      report.progress(
        `${message} (${index + 1} of ${repos.length})`,
        (index + Math.min(within, 1)) / repos.length,
      );
    deps.table.update(session.id, repo.name, { seed: 'seeding', seedDetail: null });
    try {
      await seedOne(deps, session, containerId, repo, step, report, signal);
      deps.table.update(session.id, repo.name, { seed: 'ready' });
      report.log(`${repo.name}: ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    } catch (error) {
      if (signal.aborted) return failures;
      const detail = error instanceof Error ? error.message : String(error);
      deps.table.update(session.id, repo.name, { seed: 'error', seedDetail: detail });
      report.log(`${repo.name}: error: ${detail}\n`);
      failures.push(`${repo.name}: ${detail}`);
    }
  }
  return failures;
}

async function seedOne(
  deps: SeedingDeps,
  session: { id: string; branch: string },
  containerId: string,
  repo: StoredSessionRepository,
  step: (message: string, within: number) => void,
  report: SeedReporter,
  signal: AbortSignal,
): Promise<void> {
  let gitdir: string;
  let baseCommit = repo.baseCommit;
  // Where each part sits in this repository's share of the bar. Writing the files takes most
  // of a local seed (2.8 of 3.9 s for 10k files); a URL adds the fetch into the mirror first.
  const span =
    repo.source.kind === 'url'
      ? { fetch: [0, 0.4], copy: [0.4, 0.6], checkout: [0.6, 1] }
      : { fetch: [0, 0], copy: [0, 0.3], checkout: [0.3, 1] };
  const at = (part: keyof typeof span, within: number): number =>
    span[part][0]! + (span[part][1]! - span[part][0]!) * Math.min(Math.max(within, 0), 1);
  if (repo.source.kind === 'url') {
    const url = repo.source.url;
    step(`Fetching ${url} into Berth's mirror`, 0);
    report.log(`${repo.name}: fetching ${url}\n`);
    let lastPhase = '';
    gitdir = await updateMirror(
      deps.dataDir,
      url,
      deps.settings.credentialsFor(url),
      (p) => {
        const fraction = p.total ? p.loaded / p.total : 0;
        step(
          `Fetching ${repo.name}: ${p.phase} ${p.loaded}${p.total ? ` of ${p.total}` : ''}`,
          at('fetch', fraction),
        );
        if (p.phase !== lastPhase) report.log(`${repo.name}: ${p.phase}\n`);
        lastPhase = p.phase;
      },
      repo.baseBranch ?? undefined,
    );
    if (repo.baseBranch) {
      baseCommit = await mirrorBranch(gitdir, repo.baseBranch);
      if (!baseCommit)
        throw new RpcError('not_found', `The remote has no branch "${repo.baseBranch}" any more.`);
    }
  } else {
    gitdir = openHostRepo(repo.source.path).gitdir;
  }
  deps.table.update(session.id, repo.name, { hostGitdir: gitdir, baseCommit });
  if (signal.aborted) return;

  const store = listObjectStore(gitdir);
  const what = `${store.packs} pack${store.packs === 1 ? '' : 's'} and ${store.looseObjects} loose object${store.looseObjects === 1 ? '' : 's'}`;
  report.log(
    `${repo.name}: copying ${what} (${mb(store.bytes)}) into ${workspaceDir}/${repo.name}\n`,
  );
  let last = 0;
  const archive = objectStoreArchive(repo.name, store, (sent) => {
    const now = Date.now();
    if (now - last < 200 && sent < store.bytes) return;
    last = now;
    step(
      `Copying ${repo.name} into the sandbox: ${mb(sent)} of ${mb(store.bytes)}`,
      at('copy', sent / Math.max(store.bytes, 1)),
    );
  });
  signal.addEventListener('abort', () => archive.destroy(), { once: true });
  // tar-stream's pack is a streamx Readable: it pipes into the request as a Node stream does.
  await deps.runtime.putArchive(
    containerId,
    workspaceDir,
    archive as unknown as NodeJS.ReadableStream,
  );
  if (signal.aborted) return;

  step(`Checking out ${session.branch} in ${repo.name}`, at('checkout', 0));
  const identity = deps.settings.identity();
  const out = await runChecked(
    deps.runtime,
    containerId,
    {
      cmd: [
        'sh',
        '-c',
        finishSeedScript,
        'berth-seed',
        `${workspaceDir}/${repo.name}`,
        session.branch,
        repo.baseBranch ?? '',
        baseCommit ?? '',
        identity.name || 'Berth user',
        identity.email || 'berth@localhost',
      ],
      timeoutMs: 600_000,
      onStderr: (text) => {
        const percent = [...text.matchAll(/Updating files:\s+(\d+)%/g)].at(-1)?.[1];
        if (percent === undefined) return;
        step(
          `Checking out ${session.branch} in ${repo.name}: ${percent}% of the files`,
          at('checkout', Number(percent) / 100),
        );
      },
    },
    `Checking out ${repo.name}`,
  );
  const [summary = '', ...files] = out.split('\n--berth-file ');
  const file = (name: string): string | null => {
    const found = files.find((f) => f.startsWith(`${name}\n`));
    return found === undefined ? null : found.slice(name.length + 1);
  };
  const warnings = [
    ...treeWarnings(file('.gitmodules'), file('.gitattributes')),
    ...cloneWarnings(gitdir),
  ];
  deps.table.update(session.id, repo.name, { warnings });
  for (const warning of warnings) report.log(`${repo.name}: note: ${warning}\n`);
  report.log(
    `${repo.name}: ${summary.trim()} on ${session.branch}${repo.baseBranch ? ` from ${repo.baseBranch}` : ''}\n`,
  );
}
