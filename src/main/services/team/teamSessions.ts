import type Docker from 'dockerode';
import type { z } from 'zod';
import {
  RpcError,
  type ActivityEvent,
  type SessionOwner,
  type SharedSession,
  type sessionsInput,
} from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import type { ActivityTable } from '../../storage/activityTable';
import type { SessionRepositoriesTable } from '../../storage/sessionRepositoriesTable';
import type { SessionsTable, StoredSession } from '../../storage/sessionsTable';
import type { EventBus } from '../events';
import { runInSandbox } from '../sandboxes/runInSandbox';
import { sandboxLabels, type SandboxRuntime } from '../sandboxes/sandboxRuntime';
import { activityFile, sessionFile, type MirroredSession } from './activityMirror';

/** The engines teammates share, as this module sees them. */
export interface TeamEngines {
  /** Connected engines: where teammates' sandboxes can be listed. */
  connected(): { id: string; docker: Docker }[];
  get(id: string): { docker: Docker; runtime: SandboxRuntime };
  onContainerEvent(listener: (engineId: string, event: { sessionId?: string }) => void): Disposer;
}

export interface TeamSessionsDeps {
  engines: TeamEngines;
  table: SessionsTable;
  repositories: SessionRepositoriesTable;
  activity: ActivityTable;
  bus: EventBus;
  /** This workbench. */
  me: () => SessionOwner;
}

type Input<K extends keyof typeof sessionsInput> = z.infer<(typeof sessionsInput)[K]>;

/**
 * Teammates' sessions on shared engines: found by their sandboxes' labels, attached read-only
 * (a local record with `teammate` set), their activity followed from the copy the owner keeps
 * in the sandbox. Ownership is advisory: Docker has no per-user rights.
 */
export class TeamSessions {
  private readonly follows = new Map<string, { stop(): void }>();
  private readonly disposers: Disposer[] = [];
  private readonly sharedTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: TeamSessionsDeps) {
    this.disposers.push(
      deps.engines.onContainerEvent((engineId, event) => {
        if (event.sessionId) this.sharedChanged(engineId);
      }),
      deps.bus.on('sessions.changed', (session) => {
        if (!session.teammate) return;
        if (session.status === 'running' && session.containerId) {
          this.follow(session.id, session.engineId, session.containerId);
        } else {
          this.unfollow(session.id);
        }
      }),
    );
  }

  /** Follows the attached sessions already running (after a restart of the workbench). */
  start(): void {
    for (const session of this.deps.table.list()) {
      if (session.teammate && session.status === 'running' && session.containerId) {
        this.follow(session.id, session.engineId, session.containerId);
      }
    }
  }

  async shared({ engineId }: Input<'shared'>): Promise<SharedSession[]> {
    const engines = this.deps.engines
      .connected()
      .filter((engine) => engineId === undefined || engine.id === engineId);
    const lists = await Promise.all(
      engines.map(async (engine) => {
        const containers = await engine.docker.listContainers({
          all: true,
          filters: { label: [sandboxLabels.session, sandboxLabels.workbench] },
        });
        return containers
          .map((container) => this.toShared(engine.id, container))
          .filter((s): s is SharedSession => s !== undefined);
      }),
    );
    return lists.flat().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async attach({ engineId, sessionId }: Input<'attach'>): Promise<StoredSession> {
    const found = (await this.shared({ engineId })).find((s) => s.sessionId === sessionId);
    if (!found) {
      throw new RpcError(
        'not_found',
        `No teammate's session ${sessionId} on this engine (it may be yours, or deleted).`,
      );
    }
    const engine = this.deps.engines.get(engineId);
    const [container] = await engine.docker.listContainers({
      all: true,
      filters: { label: [`${sandboxLabels.session}=${sessionId}`] },
    });
    const containerId = container!.Id;
    const described =
      found.status === 'running' ? await readDescription(engine.runtime, containerId) : undefined;
    const existing = this.deps.table.get(sessionId);
    const status = found.status;
    if (existing) {
      if (!existing.teammate) {
        throw new RpcError('conflict', `Session ${sessionId} is already one of yours here.`);
      }
      return this.deps.table.update(sessionId, { status, containerId, statusDetail: null });
    }
    const now = new Date().toISOString();
    const session: StoredSession = {
      id: sessionId,
      name: this.freeName(found.name, found.owner.name),
      status,
      engineId,
      containerId,
      teammate: found.owner,
      createdAt: found.createdAt,
      updatedAt: now,
    };
    if (found.branch) session.branch = found.branch;
    if (described?.primaryRepository) session.primaryRepository = described.primaryRepository;
    this.deps.table.insert(session);
    if (described?.repositories.length) {
      this.deps.repositories.insert(
        sessionId,
        described.repositories.map((repo) => ({ ...repo, hostGitdir: null })),
      );
    }
    return session;
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    for (const id of [...this.follows.keys()]) this.unfollow(id);
    for (const timer of this.sharedTimers.values()) clearTimeout(timer);
  }

  private toShared(engineId: string, container: Docker.ContainerInfo): SharedSession | undefined {
    const labels = container.Labels;
    const workbenchId = labels[sandboxLabels.workbench];
    const sessionId = labels[sandboxLabels.session];
    if (!workbenchId || !sessionId || workbenchId === this.deps.me().workbenchId) return undefined;
    const attached = this.deps.table.get(sessionId);
    const shared: SharedSession = {
      engineId,
      sessionId,
      name: labels[sandboxLabels.sessionName] ?? sessionId,
      owner: { name: labels[sandboxLabels.ownerName] ?? 'someone', workbenchId },
      status: container.State === 'running' ? 'running' : 'stopped',
      createdAt: new Date(container.Created * 1000).toISOString(),
      attached: attached !== undefined && attached.status !== 'deleted',
    };
    const branch = labels[sandboxLabels.branch];
    if (branch) shared.branch = branch;
    return shared;
  }

  /** The teammate's session name, or with the owner's name when one of mine has it. */
  private freeName(name: string, owner: string): string {
    if (!this.deps.table.findLiveByName(name)) return name;
    return `${name} (${owner})`.slice(0, 64);
  }

  private sharedChanged(engineId: string): void {
    if (this.sharedTimers.has(engineId)) return;
    const timer = setTimeout(() => {
      this.sharedTimers.delete(engineId);
      this.deps.bus.emit('sessions.sharedChanged', { engineId });
    }, 200);
    timer.unref();
    this.sharedTimers.set(engineId, timer);
  }

  /** Reads the owner's copy of the activity log as it grows, into this workbench's log. */
  private follow(sessionId: string, engineId: string, containerId: string): void {
    if (this.follows.has(sessionId)) return;
    let stopped = false;
    let stream: NodeJS.ReadWriteStream | undefined;
    this.follows.set(sessionId, {
      stop: () => {
        stopped = true;
        (stream as { destroy?: () => void } | undefined)?.destroy?.();
      },
    });
    const runtime = this.deps.engines.get(engineId).runtime;
    void (async () => {
      const exec = await runtime.exec(containerId, {
        cmd: ['tail', '-n', '+1', '-F', activityFile],
        tty: false,
        onStderr: () => undefined,
      });
      stream = exec.stream;
      if (stopped) exec.stream.destroy();
      let rest = '';
      exec.stream.on('data', (chunk: Buffer) => {
        rest += chunk.toString('utf8');
        const lines = rest.split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) this.receive(sessionId, line);
      });
      exec.stream.on('close', () => {
        if (this.follows.get(sessionId) && !stopped) this.follows.delete(sessionId);
      });
    })().catch(() => {
      this.follows.delete(sessionId);
    });
  }

  private receive(sessionId: string, line: string): void {
    let event: ActivityEvent;
    try {
      event = JSON.parse(line) as ActivityEvent;
    } catch {
      return;
    }
    if (event.sessionId !== sessionId || typeof event.seq !== 'number') return;
    if (this.deps.activity.copy(event)) this.deps.bus.emit('agent.activity', event, sessionId);
  }

  private unfollow(sessionId: string): void {
    this.follows.get(sessionId)?.stop();
    this.follows.delete(sessionId);
  }
}

async function readDescription(
  runtime: SandboxRuntime,
  containerId: string,
): Promise<MirroredSession | undefined> {
  const result = await runInSandbox(runtime, containerId, { cmd: ['cat', sessionFile] });
  if (result.code !== 0) return undefined;
  try {
    return JSON.parse(result.stdout.toString()) as MirroredSession;
  } catch {
    return undefined;
  }
}
