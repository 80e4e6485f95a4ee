import type {
  ListeningPort,
  PortForward,
  PortsState,
  SessionPorts as SessionPortsView,
} from '../../../shared/contract';
import type { PortForwardRow, PortForwardsTable } from '../../storage/portForwardsTable';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { ActiveForward } from './activeForward';
import { dialAddress, listeningPorts } from './procNet';
import type { RelayClient } from './relay/relayClient';
import { startRelay } from './relay/relayProcess';

/** Waits before starting a lost or failed relay again: 0.2 s, doubling to 5 s. */
const firstRetryMs = 200;
const maxRetryMs = 5_000;

export interface SessionPortsDeps {
  runtime: SandboxRuntime;
  table: PortForwardsTable;
  /** Something in the view changed (it is sent out, coalesced). */
  changed(): void;
  start?: typeof startRelay;
}

/** The local URL of a forward: under `localhost`, never browser mode's 127.0.0.1. */
export const forwardUrl = (localPort: number): string => `http://localhost:${localPort}/`;

/**
 * One session's ports: the relay in its sandbox while it runs (started again when lost), what
 * listens there, and the forwards the user asked for, each bound on the user's loopback while
 * its port listens and closed while it does not.
 */
export class SessionPorts {
  private state: PortsState = 'stopped';
  private error?: string;
  private listening: ListeningPort[] = [];
  private relay?: RelayClient;
  private containerId?: string;
  private generation = 0;
  private readonly active = new Map<number, ActiveForward>();
  private readonly binding = new Map<number, Promise<void>>();
  private readonly failures = new Map<number, string>();

  constructor(
    readonly sessionId: string,
    private readonly deps: SessionPortsDeps,
  ) {}

  /** The sandbox runs (again): watch it. */
  run(containerId: string): void {
    if (this.containerId === containerId && this.state !== 'stopped') return;
    this.halt('starting');
    this.containerId = containerId;
    void this.supervise(++this.generation, containerId);
  }

  /** The sandbox stopped (or the workbench is closing): everything closes, forwards are kept. */
  stop(): void {
    this.halt('stopped');
  }

  view(): SessionPortsView {
    const rows = this.deps.table.list(this.sessionId);
    const forwards: PortForward[] = rows.filter((r) => r.wanted).map((r) => this.forwardOf(r));
    return {
      sessionId: this.sessionId,
      state: this.state,
      ...(this.error ? { error: this.error } : {}),
      listening: this.listening,
      forwards,
      alwaysForward: rows.filter((r) => r.alwaysForward).map((r) => r.port),
    };
  }

  forwardOf(row: PortForwardRow): PortForward {
    const active = this.active.get(row.port);
    if (active) {
      return {
        port: row.port,
        status: 'active',
        localPort: active.localPort,
        url: forwardUrl(active.localPort),
        connections: active.connections,
        ...(active.lastError ? { error: active.lastError } : {}),
      };
    }
    const failure = this.failures.get(row.port);
    return {
      port: row.port,
      status: failure ? 'failed' : 'gone',
      ...(row.localPort ? { localPort: row.localPort } : {}),
      ...(failure ? { error: failure } : {}),
      connections: 0,
    };
  }

  /** Forwards a port; resolves once its listener is bound, or at once when it does not listen. */
  async forward(port: number): Promise<PortForward> {
    const row = this.row(port);
    this.deps.table.put({ ...row, wanted: true });
    this.failures.delete(port);
    await this.reconcile();
    return this.forwardOf(this.row(port));
  }

  stopForward(port: number): void {
    const row = this.row(port);
    this.deps.table.put({ ...row, wanted: false });
    this.failures.delete(port);
    void this.reconcile();
  }

  async setAlwaysForward(port: number, always: boolean): Promise<void> {
    const row = this.row(port);
    const listens = this.listening.some((p) => p.port === port);
    this.deps.table.put({
      ...row,
      alwaysForward: always,
      wanted: row.wanted || (always && listens),
    });
    await this.reconcile();
  }

  /** Forgets the session's forwards (it was deleted). */
  forget(): void {
    this.stop();
    for (const row of this.deps.table.list(this.sessionId)) {
      this.deps.table.put({ ...row, wanted: false, alwaysForward: false });
    }
  }

  private row(port: number): PortForwardRow {
    return (
      this.deps.table.list(this.sessionId).find((r) => r.port === port) ?? {
        sessionId: this.sessionId,
        port,
        wanted: false,
        alwaysForward: false,
      }
    );
  }

  private halt(state: PortsState): void {
    this.generation++;
    this.state = state;
    this.error = undefined;
    this.relay?.close();
    this.relay = undefined;
    if (state === 'stopped') this.containerId = undefined;
    this.setListening([]);
    this.deps.changed();
  }

  private async supervise(generation: number, containerId: string): Promise<void> {
    let delay = firstRetryMs;
    while (generation === this.generation) {
      let lost: Promise<void>;
      try {
        let onLost!: () => void;
        lost = new Promise((resolve) => (onLost = resolve));
        const relay = await (this.deps.start ?? startRelay)(this.deps.runtime, containerId, {
          onPorts: (report) => {
            if (generation === this.generation) this.setListening(listeningPorts(report));
          },
          onClose: () => onLost(),
        });
        if (generation !== this.generation) {
          relay.close();
          return;
        }
        this.relay = relay;
        this.state = 'watching';
        this.error = undefined;
        delay = firstRetryMs;
        this.deps.changed();
        // Its first report can come before it is set: forwards of ports that listen then,
        // and do not change (a server that ran on while the link was down), open now.
        void this.reconcile();
        await lost;
      } catch (error) {
        if (generation !== this.generation) return;
        this.state = 'unavailable';
        this.error = (error as Error).message;
        this.deps.changed();
      }
      if (generation !== this.generation) return;
      // Lost while the session still runs: show nothing listening until it is back.
      this.relay = undefined;
      if (this.state === 'watching') this.state = 'starting';
      this.setListening([]);
      this.deps.changed();
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, maxRetryMs);
    }
  }

  private setListening(ports: ListeningPort[]): void {
    const before = new Set(this.listening.map((p) => p.port));
    this.listening = ports;
    // "Always forward" ports are forwarded each time they start listening.
    for (const row of this.deps.table.list(this.sessionId)) {
      if (row.alwaysForward && !row.wanted && !before.has(row.port) && this.listens(row.port)) {
        this.deps.table.put({ ...row, wanted: true });
      }
    }
    this.deps.changed();
    void this.reconcile();
  }

  private listens(port: number): ListeningPort | undefined {
    return this.listening.find((p) => p.port === port);
  }

  /** Binds the forwards whose ports listen, closes the others. */
  private async reconcile(): Promise<void> {
    const rows = this.deps.table.list(this.sessionId);
    const wanted = new Map(rows.filter((r) => r.wanted).map((r) => [r.port, r]));
    for (const [port, forward] of this.active) {
      if (!wanted.has(port) || !this.relay || !this.listens(port)) {
        forward.close();
        this.active.delete(port);
        this.deps.changed();
      }
    }
    const binds: Promise<void>[] = [];
    for (const row of wanted.values()) {
      if (this.active.has(row.port) || !this.relay || !this.listens(row.port)) continue;
      binds.push(this.bind(row));
    }
    await Promise.all(binds);
  }

  private bind(row: PortForwardRow): Promise<void> {
    const pending = this.binding.get(row.port);
    if (pending) return pending;
    const generation = this.generation;
    let discarded = false;
    const work = (async () => {
      try {
        const forward = await ActiveForward.open(
          [row.localPort, row.port],
          () => this.dial(row.port),
          () => this.deps.changed(),
        );
        const still = this.deps.table.list(this.sessionId).find((r) => r.port === row.port);
        if (generation !== this.generation || !still?.wanted || !this.listens(row.port)) {
          forward.close();
          discarded = true;
          return;
        }
        this.active.set(row.port, forward);
        this.failures.delete(row.port);
        this.deps.table.put({ ...still, localPort: forward.localPort });
      } catch (error) {
        this.failures.set(
          row.port,
          `Could not listen on this computer: ${(error as Error).message}`,
        );
      } finally {
        this.binding.delete(row.port);
        this.deps.changed();
        // Things changed while it bound (a relay lost and back, a port that stopped and
        // started listening): reconciles that came meanwhile joined this bind, so look again.
        if (discarded) void this.reconcile();
      }
    })();
    this.binding.set(row.port, work);
    return work;
  }

  private async dial(port: number) {
    const relay = this.relay;
    const listening = this.listens(port);
    const host = listening && dialAddress(listening.addresses);
    if (!relay || !host) throw new Error(`Port ${port} does not listen in the sandbox now.`);
    try {
      return await relay.open(host, port);
    } catch (error) {
      const address = host.includes(':') ? `[${host}]` : host;
      throw new Error(
        `The sandbox refused a connection to ${address}:${port} (${(error as Error).message}).`,
        { cause: error },
      );
    }
  }
}
