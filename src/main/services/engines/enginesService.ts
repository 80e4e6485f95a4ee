import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import type { z } from 'zod';
import {
  RpcError,
  type EngineList,
  type EngineStatus,
  type EnginesApi,
  type enginesInput,
} from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import type { EnginesTable, StoredEngine } from '../../storage/enginesTable';
import type { EventBus } from '../events';
import { expandHome } from './dockerClient';
import { formatEngineAddress, parseEngineAddress } from './engineAddress';
import { localEngineId, type EngineRegistry } from './engineRegistry';

type Input<K extends keyof typeof enginesInput> = z.infer<(typeof enginesInput)[K]>;

export interface EnginesServiceDeps {
  registry: EngineRegistry;
  table: EnginesTable;
  bus: EventBus;
  /** The engine the last session was created on. */
  lastUsed: () => string | undefined;
  /** Names of live sessions on an engine (an engine in use cannot be removed). */
  sessionsOn: (engineId: string) => string[];
}

/** The `engines` domain: the local engine and the remote ones, each with its health. */
export class EnginesService implements EnginesApi {
  private readonly stopForwarding: Disposer;

  constructor(private readonly deps: EnginesServiceDeps) {
    this.stopForwarding = deps.registry.onStatus((status) =>
      deps.bus.emit('engines.status', status),
    );
  }

  /** Starts the remote engines saved in the data directory. */
  startSaved(): void {
    for (const stored of this.deps.table.list()) {
      if (!this.deps.registry.has(stored.id)) this.deps.registry.add(stored);
    }
  }

  list(_input: Input<'list'>): Promise<EngineList> {
    const engines = this.deps.registry.list().map((engine) => engine.monitor.status);
    const last = this.deps.lastUsed();
    const lastUsed = last && this.deps.registry.has(last) ? last : localEngineId;
    return Promise.resolve({ engines, lastUsed });
  }

  status({ engineId }: Input<'status'>): Promise<EngineStatus> {
    return Promise.resolve(this.deps.registry.get(engineId ?? localEngineId).monitor.status);
  }

  reconnect({ engineId }: Input<'reconnect'>): Promise<EngineStatus> {
    return this.deps.registry.get(engineId ?? localEngineId).monitor.check();
  }

  add(input: Input<'add'>): Promise<EngineStatus> {
    const address = parseEngineAddress(input.address);
    const normalised = formatEngineAddress(address);
    const existing = this.deps.table.findByAddress(normalised);
    if (existing) {
      throw new RpcError('conflict', `${normalised} is already added, as ${existing.name}.`);
    }
    if (address.kind === 'tls' && !input.tls) {
      throw new RpcError(
        'invalid_input',
        'A tcp:// engine needs the CA, the client certificate and its key (the engine must run with --tlsverify).',
      );
    }
    if (address.kind === 'ssh' && input.tls) {
      throw new RpcError('invalid_input', 'TLS files are for tcp:// engines; ssh:// uses keys.');
    }
    if (input.identityFile) readable(input.identityFile, 'The key file');
    if (input.tls) {
      readable(input.tls.ca, 'The CA certificate');
      readable(input.tls.cert, 'The client certificate');
      readable(input.tls.key, 'The client key');
    }
    const stored: StoredEngine = {
      id: `e${randomBytes(6).toString('hex')}`,
      name: input.name ?? address.host,
      kind: address.kind,
      address: normalised,
      createdAt: new Date().toISOString(),
      ...(input.identityFile ? { identityFile: input.identityFile } : {}),
      ...(input.socketPath ? { socketPath: input.socketPath } : {}),
      ...(input.tls ? { tls: input.tls } : {}),
    };
    this.deps.table.insert(stored);
    const engine = this.deps.registry.add(stored);
    this.deps.bus.emit('engines.status', engine.monitor.status);
    return Promise.resolve(engine.monitor.status);
  }

  remove({ engineId }: Input<'remove'>): Promise<void> {
    if (engineId === localEngineId) {
      throw new RpcError('invalid_input', 'The local engine cannot be removed.');
    }
    this.deps.registry.get(engineId);
    const using = this.deps.sessionsOn(engineId);
    if (using.length > 0) {
      throw new RpcError(
        'conflict',
        `Sessions still run on this engine (${using.join(', ')}): delete them first.`,
      );
    }
    this.deps.registry.remove(engineId);
    this.deps.table.remove(engineId);
    this.deps.bus.emit('engines.removed', { engineId });
    return Promise.resolve();
  }

  trustHostKey({ engineId, fingerprint }: Input<'trustHostKey'>): Promise<EngineStatus> {
    const engine = this.deps.registry.get(engineId);
    const presented = engine.link?.presented;
    if (!engine.link || engine.monitor.status.state !== 'host_key_unknown' || !presented) {
      throw new RpcError('conflict', `${engine.name} has no new host key waiting to be accepted.`);
    }
    if (presented.fingerprint !== fingerprint) {
      throw new RpcError(
        'conflict',
        `${engine.name} now presents ${presented.fingerprint}, not ${fingerprint}: check the key again.`,
      );
    }
    this.deps.table.trustHostKey(engineId, presented);
    return engine.monitor.check();
  }

  /** Stops forwarding; the registry belongs to whoever made it. */
  dispose(): void {
    this.stopForwarding();
  }
}

function readable(path: string, what: string): void {
  try {
    accessSync(expandHome(path), constants.R_OK);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    throw new RpcError('invalid_input', `${what} ${path} cannot be read (${code}).`);
  }
}
