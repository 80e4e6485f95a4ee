import type { BranchState, Session } from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import type { SessionRepositoriesTable } from '../../storage/sessionRepositoriesTable';
import type { EventBus } from '../events';
import { branchStateScript } from '../git/sandboxScripts';
import { runInSandbox } from '../sandboxes/runInSandbox';
import type { ExecProcess, SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { branchStateArgs, parseBranchState, takeSnapshots } from './branchState';

// A watcher whose process ended while the session still runs starts again after this pause.
const restartMs = 2_000;

interface Watch {
  containerId: string;
  process?: ExecProcess;
  stopped: boolean;
}

/**
 * Keeps each running session's branch state (ahead, behind, changed files) live: one small
 * loop per session inside its sandbox prints the state whenever it changes, and every change
 * goes out as `repositories.state`.
 */
export class BranchWatcher {
  private readonly watches = new Map<string, Watch>();
  private readonly latest = new Map<string, BranchState[]>();
  private readonly unsubscribe: Disposer;

  constructor(
    private readonly deps: {
      runtime: SandboxRuntime;
      table: SessionRepositoriesTable;
      bus: EventBus;
      sessions: { live(): Pick<Session, 'id' | 'status' | 'containerId'>[] };
    },
  ) {
    this.unsubscribe = deps.bus.on('sessions.changed', (session) => this.onSession(session));
    for (const session of deps.sessions.live()) this.onSession(session);
  }

  /** The last state seen for a session, or null before the first. */
  current(sessionId: string): BranchState[] | null {
    return this.latest.get(sessionId) ?? null;
  }

  /** Reads the state now (one run of the script), and records it. */
  async readNow(sessionId: string, containerId: string): Promise<BranchState[]> {
    const repos = this.ready(sessionId);
    if (repos.length === 0) return [];
    const result = await runInSandbox(this.deps.runtime, containerId, {
      cmd: ['sh', '-c', branchStateScript, 'berth-branch-state', ...branchStateArgs(repos)],
      timeoutMs: 30_000,
    });
    const { snapshots } = takeSnapshots(result.stdout.toString('utf8'));
    const state = parseBranchState(snapshots[0] ?? []);
    this.publish(sessionId, state);
    return state;
  }

  dispose(): void {
    this.unsubscribe();
    for (const id of [...this.watches.keys()]) this.stop(id);
  }

  private ready(sessionId: string) {
    return this.deps.table.list(sessionId).filter((r) => r.seed === 'ready');
  }

  private onSession(session: Pick<Session, 'id' | 'status' | 'containerId'>): void {
    const running = session.status === 'running' && session.containerId !== undefined;
    const watch = this.watches.get(session.id);
    if (!running) {
      if (watch) this.stop(session.id);
      if (session.status === 'deleted') this.latest.delete(session.id);
      return;
    }
    if (watch && watch.containerId === session.containerId) return;
    if (watch) this.stop(session.id);
    if (this.ready(session.id).length === 0) return;
    const next: Watch = { containerId: session.containerId!, stopped: false };
    this.watches.set(session.id, next);
    void this.run(session.id, next);
  }

  private async run(sessionId: string, watch: Watch): Promise<void> {
    while (!watch.stopped) {
      try {
        const repos = this.ready(sessionId);
        watch.process = await this.deps.runtime.exec(watch.containerId, {
          cmd: ['sh', '-c', branchStateScript, 'berth-branch-watch', ...branchStateArgs(repos)],
          tty: false,
          env: { BERTH_WATCH: '1' },
          onStderr: () => {},
        });
        if (watch.stopped) break;
        let buffer = '';
        watch.process.stream.on('data', (chunk: Buffer) => {
          const { snapshots, rest } = takeSnapshots(buffer + chunk.toString('utf8'));
          buffer = rest;
          const last = snapshots.at(-1);
          if (last) this.publish(sessionId, parseBranchState(last));
        });
        await watch.process.wait();
      } catch {
        // The sandbox stopped or the engine went away: the session's status says why.
      }
      if (!watch.stopped) await new Promise((resolve) => setTimeout(resolve, restartMs));
    }
  }

  private stop(sessionId: string): void {
    const watch = this.watches.get(sessionId);
    if (!watch) return;
    watch.stopped = true;
    watch.process?.stream.destroy();
    this.watches.delete(sessionId);
  }

  private publish(sessionId: string, repositories: BranchState[]): void {
    this.latest.set(sessionId, repositories);
    this.deps.bus.emit('repositories.state', { sessionId, repositories }, sessionId);
  }
}
