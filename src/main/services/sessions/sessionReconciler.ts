import type { EngineStatus } from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import type { ContainerEvent } from '../engines/engineMonitor';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { SessionsService } from './sessionsService';

/** The engines sessions run on, as the reconciler sees them. */
export interface ReconciledEngines {
  statuses(): EngineStatus[];
  runtime(engineId: string): SandboxRuntime;
  onStatus(listener: (status: EngineStatus) => void): Disposer;
  onContainerEvent(listener: (engineId: string, event: ContainerEvent) => void): Disposer;
}

/**
 * Keeps session status true to what the engine says, whatever happens outside Berth: a sandbox
 * killed or removed by hand, an engine lost and found again, a workbench that closed while a
 * session was being created. While its engine is away a running session shows as `connecting`
 * (SessionsService's view); when the engine answers again each of its sessions is checked
 * against its container. Nothing here throws into the caller: a failure leaves the session as
 * it was and the next event or reconnect tries again.
 */
export class SessionReconciler {
  private readonly disposers: Disposer[] = [];

  constructor(
    private readonly sessions: SessionsService,
    private readonly engines: ReconciledEngines,
  ) {}

  /** Call once at start-up. */
  start(): void {
    this.markInterrupted();
    this.disposers.push(this.engines.onStatus((status) => void this.onEngineStatus(status)));
    this.disposers.push(
      this.engines.onContainerEvent((engineId, event) => this.onContainerEvent(engineId, event)),
    );
    for (const status of this.engines.statuses()) void this.onEngineStatus(status);
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
  }

  /** Sessions left in `creating` by a workbench that closed mid-way. */
  private markInterrupted(): void {
    for (const session of this.sessions.live()) {
      if (session.status === 'creating' && !this.sessions.isProvisioning(session.id)) {
        this.sessions.update(session.id, {
          status: 'error',
          statusDetail:
            'Creation was interrupted when Berth closed. Start the session to try again.',
        });
      }
    }
  }

  private async onEngineStatus(status: EngineStatus): Promise<void> {
    if (status.state === 'connected') {
      await this.reconcileAll(status.id);
      return;
    }
    // Running sessions on it now show as connecting: tell the windows.
    for (const session of this.sessions.live()) {
      if (session.engineId === status.id && session.status === 'running') {
        this.sessions.touch(session.id);
      }
    }
  }

  /** Brings every live session on the engine in line with its container. */
  async reconcileAll(engineId: string): Promise<void> {
    for (const session of this.sessions.live()) {
      if (session.engineId !== engineId) continue;
      if (!session.containerId || session.status === 'creating') continue;
      if (this.sessions.expected.has(session.id)) continue;
      try {
        const info = await this.engines.runtime(engineId).inspect(session.containerId);
        if (info.state === 'running' && session.status !== 'running') {
          this.sessions.update(session.id, { status: 'running', statusDetail: null });
        } else if (info.state === 'running') {
          // Back from `connecting`.
          this.sessions.touch(session.id);
        } else if (info.state === 'stopped' && session.status === 'running') {
          this.sessions.update(session.id, {
            status: 'stopped',
            statusDetail: `The sandbox stopped outside Berth (exit code ${info.exitCode ?? 'unknown'}).`,
          });
        } else if (info.state === 'missing') {
          this.markRemoved(session.id);
        }
      } catch {
        // Engine went away mid-way; the next reconnect reconciles again.
      }
    }
  }

  private onContainerEvent(engineId: string, event: ContainerEvent): void {
    const id = event.sessionId;
    if (!id || this.sessions.expected.has(id)) return;
    const session = this.sessions.live().find((s) => s.id === id && s.engineId === engineId);
    if (!session || session.status === 'creating') return;
    if (event.action === 'destroy') {
      this.markRemoved(id);
    } else if (event.action === 'die' && session.status === 'running') {
      const code = event.exitCode ?? 'unknown';
      this.sessions.update(id, {
        status: event.exitCode === 0 ? 'stopped' : 'error',
        statusDetail: `The sandbox stopped outside Berth (exit code ${code}). Start the session to continue; its files are kept.`,
      });
    } else if (event.action === 'start' && session.status !== 'running') {
      this.sessions.update(id, { status: 'running', statusDetail: null });
    }
  }

  private markRemoved(id: string): void {
    if (this.sessions.stored(id).teammate) {
      // The owner deleted it: nothing is left to look at here.
      this.sessions.update(id, { status: 'deleted', statusDetail: null });
      return;
    }
    this.sessions.update(id, {
      status: 'error',
      statusDetail:
        'The sandbox container was removed outside Berth. Start the session to recreate it; files in /workspace are kept if its volume survived.',
    });
  }
}
