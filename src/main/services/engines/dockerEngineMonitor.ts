import type Docker from 'dockerode';
import type { EngineStatus } from '../../../shared/contract';
import { Listeners, type Disposer } from '../../../shared/rpc/transport';
import { eventTimeNano, toContainerEvent } from './containerEvents';
import {
  classifyEngineError,
  engineTimeoutMs,
  lostConnection,
  waitsForUser,
  type EngineProblem,
} from './engineErrors';
import type { ContainerEvent, EngineMonitor } from './engineMonitor';
import { readJsonLines } from './jsonLines';

export interface DockerEngineMonitorOptions {
  /** How long to wait between checks while the engine is unreachable; 2 s by default. */
  retryMs?: number;
  /** Which engine this is; the local engine by default. */
  identity?: Pick<EngineStatus, 'id' | 'name' | 'kind'>;
  /**
   * A remote engine's own connection (SSH): connected before every check; its loss is the
   * engine's loss. Retries then back off from `retryMs` to 30 s, with jitter.
   */
  link?: EngineLink;
}

/** What the monitor needs from a remote engine's connection. */
export interface EngineLink {
  connect(): Promise<void>;
  onDown(listener: () => void): Disposer;
}

type Connection = Pick<EngineStatus, 'state' | 'version' | 'message' | 'hint' | 'hostKey'> & {
  latencyMs?: number;
};

const maxBackoffMs = 30_000;

interface EventFollow {
  controller: AbortController;
  stream?: NodeJS.ReadableStream;
}

/**
 * Watches one Docker engine. The event stream doubles as the liveness signal: while it is open
 * the engine is connected; when it ends the monitor reports the engine lost and pings it every
 * `retryMs` until it answers, then follows events again from where it left off.
 */
export class DockerEngineMonitor implements EngineMonitor {
  private current: EngineStatus;
  private readonly statusListeners = new Listeners<[EngineStatus]>();
  private readonly eventListeners = new Set<(event: ContainerEvent) => void>();
  private readonly retryMs: number;
  private checking: Promise<EngineStatus> | undefined;
  private readonly link: EngineLink | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private follow: EventFollow | undefined;
  /** The newest event seen (engine clock), so a re-follow replays only what was missed. */
  private lastEventNano = 0;
  /**
   * When events were first followed (local clock): where a replay starts if no event came
   * before the connection was lost. Only used for `since`, never to drop events, so a remote
   * engine's clock skew can at worst repeat an event, not hide one.
   */
  private firstFollowNano = 0;
  private disposed = false;
  private failures = 0;
  private readonly stopWatchingLink: Disposer | undefined;

  constructor(
    private readonly docker: Docker,
    private readonly endpoint: string,
    options: DockerEngineMonitorOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 2_000;
    this.link = options.link;
    this.stopWatchingLink = options.link?.onDown(() => {
      this.stopFollowing();
      this.lose(lostConnection(this.endpoint));
    });
    this.current = {
      id: 'local',
      name: 'Local',
      kind: 'local',
      ...options.identity,
      endpoint,
      state: 'connecting',
      checkedAt: new Date().toISOString(),
    };
    void this.check();
  }

  get status(): EngineStatus {
    return this.current;
  }

  onStatus(listener: (status: EngineStatus) => void): Disposer {
    return this.statusListeners.add(listener);
  }

  onContainerEvent(listener: (event: ContainerEvent) => void): Disposer {
    this.eventListeners.add(listener);
    return () => {
      this.eventListeners.delete(listener);
    };
  }

  check(): Promise<EngineStatus> {
    if (this.disposed) return Promise.resolve(this.current);
    this.checking ??= this.ping().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  dispose(): void {
    this.disposed = true;
    this.stopWatchingLink?.();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.stopFollowing();
    this.statusListeners.clear();
    this.eventListeners.clear();
  }

  private async ping(): Promise<EngineStatus> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    try {
      await this.link?.connect();
      const version = await engineVersion(this.docker, AbortSignal.timeout(engineTimeoutMs));
      const started = performance.now();
      await ping(this.docker, AbortSignal.timeout(engineTimeoutMs));
      const latencyMs = Math.round((performance.now() - started) * 10) / 10;
      // Connected means events flow too: open the stream before saying so, so nothing a caller
      // does right after `connected` goes unseen.
      await this.followEvents();
      this.failures = 0;
      this.update({ state: 'connected', version, latencyMs });
    } catch (error) {
      this.lose(classifyEngineError(error, this.endpoint));
    }
    return this.current;
  }

  private async followEvents(): Promise<void> {
    if (this.follow || this.disposed) return;
    const follow: EventFollow = { controller: new AbortController() };
    this.follow = follow;
    const options: Docker.GetEventsOptions & { abortSignal: AbortSignal } = {
      filters: { type: ['container'] },
      abortSignal: follow.controller.signal,
    };
    const sinceNano = this.lastEventNano || this.firstFollowNano;
    if (sinceNano > 0) options.since = sinceNano / 1e9;
    else this.firstFollowNano = Date.now() * 1e6;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.getEvents(options);
    } catch (error) {
      if (this.follow === follow) this.follow = undefined;
      throw error;
    }
    follow.stream = stream;
    if (this.follow !== follow) {
      destroy(stream);
      return;
    }
    readJsonLines(stream, (raw) => this.receive(raw));
    const ended = (error?: unknown): void => {
      if (this.follow !== follow) return;
      this.follow = undefined;
      destroy(stream);
      this.lose(
        error === undefined
          ? lostConnection(this.endpoint)
          : classifyEngineError(error, this.endpoint),
      );
    };
    stream.on('end', () => ended());
    stream.on('close', () => ended());
    stream.on('error', (error: unknown) => ended(error));
  }

  private receive(raw: unknown): void {
    const time = eventTimeNano(raw);
    // After a re-follow with `since`, the engine repeats events up to the last one already seen.
    if (time > 0 && time <= this.lastEventNano) return;
    if (time > this.lastEventNano) this.lastEventNano = time;
    const event = toContainerEvent(raw);
    if (!event) return;
    for (const listener of [...this.eventListeners]) {
      // One listener's bug must not stop the stream every other listener relies on.
      try {
        listener(event);
      } catch (error) {
        console.error('A container event listener failed:', error);
      }
    }
  }

  private lose(problem: EngineProblem): void {
    if (this.disposed) return;
    this.stopFollowing();
    this.update(problem);
    // A key to accept or a refused login waits for the user; Reconnect checks again.
    if (waitsForUser.has(problem.state)) return;
    if (this.retryTimer === undefined) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        void this.check();
      }, this.retryDelay());
      // A monitor alone must not keep a CLI process alive.
      this.retryTimer.unref();
    }
  }

  /** Fixed for the local engine; 0.5 s doubling to 30 s with ±20% jitter for a remote one. */
  private retryDelay(): number {
    if (!this.link) return this.retryMs;
    const base = Math.min(maxBackoffMs, this.retryMs * 2 ** Math.min(this.failures++, 10));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  private stopFollowing(): void {
    const follow = this.follow;
    this.follow = undefined;
    if (!follow) return;
    follow.controller.abort();
    if (follow.stream) destroy(follow.stream);
  }

  /** Records the check; tells listeners only when what the user sees changed. */
  private update(next: Connection): void {
    if (this.disposed) return;
    const previous = this.current;
    const status: EngineStatus = {
      id: previous.id,
      name: previous.name,
      kind: previous.kind,
      endpoint: this.endpoint,
      state: next.state,
      checkedAt: new Date().toISOString(),
    };
    if (next.version !== undefined) status.version = next.version;
    if (next.message !== undefined) status.message = next.message;
    if (next.hint !== undefined) status.hint = next.hint;
    if (next.hostKey !== undefined) status.hostKey = next.hostKey;
    if (next.latencyMs !== undefined) status.latencyMs = next.latencyMs;
    this.current = status;
    const changed =
      previous.state !== status.state ||
      previous.hostKey?.fingerprint !== status.hostKey?.fingerprint ||
      previous.version !== status.version ||
      previous.message !== status.message ||
      previous.hint !== status.hint;
    if (changed) this.statusListeners.emit(status);
  }
}

/** `docker version`, bounded by `signal` (dockerode's types omit its options argument). */
async function engineVersion(docker: Docker, signal: AbortSignal): Promise<string> {
  const version = docker.version as unknown as (options: {
    abortSignal: AbortSignal;
  }) => Promise<Docker.DockerVersion>;
  const answer = await version.call(docker, { abortSignal: signal });
  return answer.Version;
}

/** `/_ping`, bounded by `signal` (dockerode's types omit its options argument). */
async function ping(docker: Docker, signal: AbortSignal): Promise<void> {
  const call = docker.ping as unknown as (options: {
    abortSignal: AbortSignal;
  }) => Promise<unknown>;
  await call.call(docker, { abortSignal: signal });
}

function destroy(stream: NodeJS.ReadableStream): void {
  const destroyable = stream as NodeJS.ReadableStream & { destroy?: () => void };
  destroyable.destroy?.();
}
