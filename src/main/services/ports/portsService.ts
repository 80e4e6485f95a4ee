import type {
  PortForward,
  PortsApi,
  Session,
  SessionPorts as SessionPortsView,
} from '../../../shared/contract';
import { RpcError } from '../../../shared/contract/errors';
import type { Disposer } from '../../../shared/rpc/transport';
import type { PortForwardsTable } from '../../storage/portForwardsTable';
import type { EventBus } from '../events';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { startRelay } from './relay/relayProcess';
import { SessionPorts } from './sessionPorts';

/** Changes of one session go out at most this often (connection counts change a lot). */
const emitEveryMs = 100;

type SessionLike = Pick<Session, 'id' | 'status' | 'containerId'>;

/**
 * Processes and ports: for each running session, what listens in its sandbox and the forwards
 * of those ports to the user's loopback, through one relay per sandbox over the Docker API.
 */
export class PortsService implements PortsApi {
  private readonly sessions = new Map<string, SessionPorts>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly unsubscribe: Disposer;

  constructor(
    private readonly deps: {
      runtime: SandboxRuntime;
      table: PortForwardsTable;
      bus: EventBus;
      sessions: { live(): SessionLike[]; exists(id: string): boolean };
      start?: typeof startRelay;
    },
  ) {
    this.unsubscribe = deps.bus.on('sessions.changed', (session) => this.onSession(session));
    for (const session of deps.sessions.live()) this.onSession(session);
  }

  async list({ sessionId }: { sessionId: string }): Promise<SessionPortsView> {
    return this.of(sessionId).view();
  }

  async forward({ sessionId, port }: { sessionId: string; port: number }): Promise<PortForward> {
    return this.of(sessionId).forward(port);
  }

  async stop({ sessionId, port }: { sessionId: string; port: number }): Promise<SessionPortsView> {
    const ports = this.of(sessionId);
    ports.stopForward(port);
    return ports.view();
  }

  async setAlwaysForward(input: {
    sessionId: string;
    port: number;
    always: boolean;
  }): Promise<SessionPortsView> {
    const ports = this.of(input.sessionId);
    await ports.setAlwaysForward(input.port, input.always);
    return ports.view();
  }

  dispose(): void {
    this.unsubscribe();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const ports of this.sessions.values()) ports.stop();
    this.sessions.clear();
  }

  private of(sessionId: string): SessionPorts {
    const known = this.sessions.get(sessionId);
    if (known) return known;
    if (!this.deps.sessions.exists(sessionId)) {
      throw new RpcError('not_found', `There is no session ${sessionId}.`);
    }
    const ports = new SessionPorts(sessionId, {
      runtime: this.deps.runtime,
      table: this.deps.table,
      changed: () => this.changed(sessionId),
      ...(this.deps.start ? { start: this.deps.start } : {}),
    });
    this.sessions.set(sessionId, ports);
    return ports;
  }

  private onSession(session: SessionLike): void {
    if (session.status === 'deleted') {
      this.sessions.get(session.id)?.forget();
      this.sessions.delete(session.id);
      return;
    }
    const running = session.status === 'running' && session.containerId !== undefined;
    if (running) this.of(session.id).run(session.containerId!);
    else this.sessions.get(session.id)?.stop();
  }

  private changed(sessionId: string): void {
    if (this.timers.has(sessionId)) return;
    this.timers.set(
      sessionId,
      setTimeout(() => {
        this.timers.delete(sessionId);
        const ports = this.sessions.get(sessionId);
        if (ports) this.deps.bus.emit('ports.changed', ports.view(), sessionId);
      }, emitEveryMs),
    );
  }
}
