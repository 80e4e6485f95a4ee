import type Docker from 'dockerode';
import type { EngineKind, EngineStatus } from '../../../shared/contract';
import { RpcError } from '../../../shared/contract';
import { Listeners, type Disposer } from '../../../shared/rpc/transport';
import type { StoredEngine } from '../../storage/enginesTable';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import {
  createDialClient,
  createDockerClient,
  createTlsClient,
  type DockerClient,
} from './dockerClient';
import { DockerEngineMonitor } from './dockerEngineMonitor';
import { parseEngineAddress } from './engineAddress';
import type { ContainerEvent } from './engineMonitor';
import { SshLink } from './sshLink';

export const localEngineId = 'local';

/** One engine the workbench uses: its client, its health and the sandboxes on it. */
export interface Engine {
  id: string;
  name: string;
  kind: EngineKind;
  docker: Docker;
  endpoint: string;
  monitor: DockerEngineMonitor;
  runtime: SandboxRuntime;
  /** The SSH connection, for SSH engines. */
  link?: SshLink;
}

export interface EngineRegistryDeps {
  /** DOCKER_HOST syntax for the local engine; DOCKER_HOST or the default socket when absent. */
  localDockerHost?: string;
  /** The sandbox runtime on an engine; `baseSource` is the local engine for remote ones. */
  runtimeFor: (client: DockerClient, baseSource: Docker | undefined) => SandboxRuntime;
  /** The SSH host key the user accepted for an engine. */
  trustedKey: (engineId: string) => StoredEngine['hostKey'];
  /** Waits between checks of an unreachable engine (local: fixed; remote: the first backoff). */
  retryMs?: { local?: number; remote?: number };
  /** Between SSH keepalives (SshLink's default when absent). */
  sshKeepaliveMs?: number;
}

/**
 * Every engine the workbench knows: the local one, always, and the remote ones the user added.
 * Listeners subscribe once and hear every engine's status and container events, including
 * engines added later.
 */
export class EngineRegistry {
  private readonly engines = new Map<string, Engine>();
  private readonly unsubscribe = new Map<string, Disposer[]>();
  private readonly statusListeners = new Listeners<[EngineStatus]>();
  private readonly eventListeners = new Listeners<[string, ContainerEvent]>();

  constructor(private readonly deps: EngineRegistryDeps) {
    const client = createDockerClient(deps.localDockerHost);
    this.attach({
      id: localEngineId,
      name: 'Local',
      kind: 'local',
      docker: client.docker,
      endpoint: client.endpoint,
      monitor: new DockerEngineMonitor(client.docker, client.endpoint, {
        ...(deps.retryMs?.local ? { retryMs: deps.retryMs.local } : {}),
      }),
      runtime: deps.runtimeFor(client, undefined),
    });
  }

  get local(): Engine {
    return this.engines.get(localEngineId)!;
  }

  list(): Engine[] {
    return [...this.engines.values()];
  }

  has(id: string): boolean {
    return this.engines.has(id);
  }

  /** `not_found` for an engine that was never added or was removed. */
  get(id: string): Engine {
    const engine = this.engines.get(id);
    if (!engine) {
      throw new RpcError('not_found', `No engine ${id}: it was removed, or never added here.`);
    }
    return engine;
  }

  /** Starts using a remote engine (connecting in the background). */
  add(stored: StoredEngine): Engine {
    const address = parseEngineAddress(stored.address);
    let client: DockerClient;
    let link: SshLink | undefined;
    if (address.kind === 'ssh') {
      link = new SshLink({
        username: address.username,
        host: address.host,
        port: address.port,
        socketPath: stored.socketPath ?? '/var/run/docker.sock',
        ...(stored.identityFile ? { identityFile: stored.identityFile } : {}),
        trustedKey: () => this.deps.trustedKey(stored.id),
        ...(this.deps.sshKeepaliveMs ? { keepaliveMs: this.deps.sshKeepaliveMs } : {}),
      });
      const sshLink = link;
      client = createDialClient(stored.address, () => sshLink.channel());
    } else {
      if (!stored.tls) throw new RpcError('invalid_input', 'A tcp:// engine needs its TLS files.');
      client = createTlsClient(address, stored.tls);
    }
    const engine: Engine = {
      id: stored.id,
      name: stored.name,
      kind: stored.kind,
      docker: client.docker,
      endpoint: client.endpoint,
      monitor: new DockerEngineMonitor(client.docker, client.endpoint, {
        retryMs: this.deps.retryMs?.remote ?? 500,
        identity: { id: stored.id, name: stored.name, kind: stored.kind },
        ...(link ? { link } : {}),
      }),
      runtime: this.deps.runtimeFor(client, this.local.docker),
      ...(link ? { link } : {}),
    };
    this.attach(engine);
    return engine;
  }

  remove(id: string): void {
    const engine = this.engines.get(id);
    if (!engine || id === localEngineId) return;
    for (const dispose of this.unsubscribe.get(id) ?? []) dispose();
    this.unsubscribe.delete(id);
    this.engines.delete(id);
    engine.monitor.dispose();
    engine.link?.close();
  }

  onStatus(listener: (status: EngineStatus) => void): Disposer {
    return this.statusListeners.add(listener);
  }

  onContainerEvent(listener: (engineId: string, event: ContainerEvent) => void): Disposer {
    return this.eventListeners.add(listener);
  }

  dispose(): void {
    for (const id of [...this.engines.keys()]) this.remove(id);
    const local = this.engines.get(localEngineId);
    for (const dispose of this.unsubscribe.get(localEngineId) ?? []) dispose();
    local?.monitor.dispose();
    this.statusListeners.clear();
    this.eventListeners.clear();
  }

  private attach(engine: Engine): void {
    this.engines.set(engine.id, engine);
    this.unsubscribe.set(engine.id, [
      engine.monitor.onStatus((status) => this.statusListeners.emit(status)),
      engine.monitor.onContainerEvent((event) => this.eventListeners.emit(engine.id, event)),
    ]);
  }
}
