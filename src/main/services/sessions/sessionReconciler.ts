import type { EngineStatus } from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import type { ContainerEvent, EngineMonitor } from '../engines/engineMonitor';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { SessionsService } from './sessionsService';

/**
 * Keeps session status true to what the engine says, whatever happens outside Berth: a sandbox
 * killed or removed by hand, the engine lost and found again, a workbench that closed while a
 * session was being created. Nothing here throws into the caller: a failure leaves the session
 * as it was and the next event or reconnect tries again.
 */
export class SessionReconciler {
  private readonly disposers: Disposer[] = [];
  private wasConnected = false;
  /** Sessions put in error only because the engine went away: they recover with it. */
  private readonly lostWithEngine = new Set<string>();

  constructor(
    private readonly sessions: SessionsService,
    private readonly runtime: SandboxRuntime,
    private readonly monitor: EngineMonitor,
  ) {}

  /** Call once at start-up. */
  start(): void {
    this.markInterrupted();
    this.disposers.push(this.monitor.onStatus((status) => void this.onEngineStatus(status)));
    this.disposers.push(this.monitor.onContainerEvent((event) => this.onContainerEvent(event)));
    void this.onEngineStatus(this.monitor.status);
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
    const connected = status.state === 'connected';
    if (connected) {
      this.wasConnected = true;
      await this.reconcileAll();
      return;
    }
    if (!this.wasConnected || status.state === 'connecting') return;
    for (const session of this.sessions.live()) {
      if (session.status !== 'running') continue;
      this.lostWithEngine.add(session.id);
      this.sessions.update(session.id, {
        status: 'error',
        statusDetail: `${status.message ?? 'The Docker engine does not answer.'} Berth reconnects by itself.`,
      });
    }
  }

  /** Brings every live session in line with its container. */
  async reconcileAll(): Promise<void> {
    for (const session of this.sessions.live()) {
      if (!session.containerId || session.status === 'creating') continue;
      if (this.sessions.expected.has(session.id)) continue;
      const lostWithEngine = this.lostWithEngine.delete(session.id);
      try {
        const info = await this.runtime.inspect(session.containerId);
        if (info.state === 'running' && session.status !== 'running') {
          this.sessions.update(session.id, { status: 'running', statusDetail: null });
        } else if (info.state === 'stopped' && session.status === 'running') {
          this.sessions.update(session.id, {
            status: 'stopped',
            statusDetail: `The sandbox stopped outside Berth (exit code ${info.exitCode ?? 'unknown'}).`,
          });
        } else if (info.state === 'stopped' && session.status === 'error' && lostWithEngine) {
          this.sessions.update(session.id, { status: 'stopped', statusDetail: null });
        } else if (info.state === 'missing') {
          this.markRemoved(session.id);
        }
      } catch {
        // Engine went away mid-way; the next reconnect reconciles again.
        if (lostWithEngine) this.lostWithEngine.add(session.id);
      }
    }
  }

  private onContainerEvent(event: ContainerEvent): void {
    const id = event.sessionId;
    if (!id || this.sessions.expected.has(id)) return;
    const session = this.sessions.live().find((s) => s.id === id);
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
    this.sessions.update(id, {
      status: 'error',
      statusDetail:
        'The sandbox container was removed outside Berth. Start the session to recreate it; files in /workspace are kept if its volume survived.',
    });
  }
}
