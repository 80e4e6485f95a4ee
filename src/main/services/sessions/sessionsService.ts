import { randomBytes } from 'node:crypto';
import {
  RpcError,
  type BuildLog,
  type Session,
  type SessionProgress,
  type SessionsApi,
} from '../../../shared/contract';
import type { z } from 'zod';
import type { SessionRepositoriesTable } from '../../storage/sessionRepositoriesTable';
import type { SessionPatch, SessionsTable, StoredSession } from '../../storage/sessionsTable';
import type { sessionsInput } from '../../../shared/contract';
import { workspaceDir } from '../sandboxes/containerSpec';
import type { SessionPlan, PlanInput } from '../repositories/sessionRepositoryPlan';
import type { EventBus } from '../events';
import type { SandboxRuntime } from '../sandboxes/sandboxRuntime';
import type { BuildLogs } from './buildLogs';
import { Provisioning, type SeedStep } from './provisioning';

export interface SessionsServiceDeps {
  table: SessionsTable;
  runtime: SandboxRuntime;
  bus: EventBus;
  buildLogs: BuildLogs;
  engineId: string;
  repositories: SessionRepositoriesTable;
  /** Decides a new session's repositories from its project (checks branches, bases). */
  plan(projectId: string, input: PlanInput): Promise<SessionPlan>;
  seed: SeedStep;
}

/**
 * Sessions: their records, their lifecycle (creating → running ⇄ stopped, error, deleted) and
 * the sandbox behind each. Long work (building the image, creating the container) runs in the
 * background with progress in `sessions.changed` events.
 */
export class SessionsService implements SessionsApi {
  private readonly progress = new Map<string, SessionProgress>();
  private readonly provisioning: Provisioning;
  /** Sessions whose container Berth itself is stopping or removing: their events are expected. */
  readonly expected = new Set<string>();

  constructor(private readonly deps: SessionsServiceDeps) {
    this.provisioning = new Provisioning({
      runtime: deps.runtime,
      bus: deps.bus,
      buildLogs: deps.buildLogs,
      setProgress: (id, progress) => this.setProgress(id, progress),
      update: (id, patch) => this.update(id, patch),
      image: (id) => this.deps.table.get(id)?.image,
      seed: deps.seed,
    });
  }

  async list(input: { includeDeleted?: boolean }): Promise<Session[]> {
    return this.deps.table.list(input.includeDeleted).map((s) => this.view(s));
  }

  async get(input: { id: string }): Promise<Session> {
    return this.view(this.require(input.id));
  }

  async create(input: z.infer<typeof sessionsInput.create>): Promise<Session> {
    const name = input.name;
    if (this.deps.table.findLiveByName(name)) {
      throw new RpcError(
        'conflict',
        `A session named "${name}" already exists. Pick another name.`,
        {
          field: 'name',
        },
      );
    }
    const plan = input.projectId ? await this.deps.plan(input.projectId, input) : undefined;
    const now = new Date().toISOString();
    const session: StoredSession = {
      id: randomBytes(6).toString('hex'),
      name,
      status: 'creating',
      engineId: this.deps.engineId,
      createdAt: now,
      updatedAt: now,
    };
    if (input.projectId) session.projectId = input.projectId;
    if (input.task?.trim()) session.task = input.task;
    if (plan) {
      session.branch = plan.branch;
      session.primaryRepository = plan.primaryRepository;
    }
    this.deps.table.insert(session);
    if (plan) this.deps.repositories.insert(session.id, plan.repositories);
    this.progress.set(session.id, { phase: 'queued', message: 'Preparing the sandbox…' });
    this.emit(session.id);
    this.provisioning.run(session);
    return this.view(session);
  }

  async start(input: { id: string }): Promise<Session> {
    const session = this.require(input.id);
    if (session.status === 'running') return this.view(session);
    if (session.status === 'creating') {
      throw new RpcError('conflict', `Session "${session.name}" is still being created.`);
    }
    const info = session.containerId ? await this.deps.runtime.inspect(session.containerId) : null;
    if (!info || info.state === 'missing') {
      // The container is gone (never made, or removed outside Berth): make it again. Its
      // workspace volume, if it survived, is mounted again, so files in /workspace are kept.
      this.update(session.id, { status: 'creating', statusDetail: null });
      this.progress.set(session.id, { phase: 'queued', message: 'Recreating the sandbox…' });
      this.emit(session.id);
      this.provisioning.run(this.require(session.id));
      return this.view(this.require(session.id));
    }
    if (this.deps.repositories.list(session.id).some((r) => r.seed !== 'ready')) {
      // Seeding was interrupted (Berth closed mid-way): start the sandbox and finish it.
      this.update(session.id, { status: 'creating', statusDetail: null });
      this.progress.set(session.id, { phase: 'starting', message: 'Starting the sandbox…' });
      this.emit(session.id);
      this.provisioning.run(this.require(session.id), info.containerId);
      return this.view(this.require(session.id));
    }
    await this.deps.runtime.start(info.containerId);
    return this.view(this.update(session.id, { status: 'running', statusDetail: null }));
  }

  async stop(input: { id: string }): Promise<Session> {
    const session = this.require(input.id);
    if (session.status === 'creating') {
      throw new RpcError(
        'conflict',
        `Session "${session.name}" is still being created: delete it to cancel.`,
      );
    }
    if (session.status === 'stopped' || !session.containerId) return this.view(session);
    this.expected.add(session.id);
    try {
      await this.deps.runtime.stop(session.containerId);
    } finally {
      this.expected.delete(session.id);
    }
    return this.view(this.update(session.id, { status: 'stopped', statusDetail: null }));
  }

  async delete(input: { id: string }): Promise<Session> {
    const session = this.require(input.id);
    this.expected.add(session.id);
    try {
      // Cancel creation first and wait for it to settle, so no container appears after removal.
      await this.provisioning.cancel(session.id);
      const current = this.require(session.id);
      await this.deps.runtime.remove(current.containerId ?? `berth-${current.id}`, current.id);
    } finally {
      this.expected.delete(session.id);
    }
    this.progress.delete(session.id);
    return this.view(this.update(session.id, { status: 'deleted', statusDetail: null }));
  }

  async buildLog(input: { id: string }): Promise<BuildLog> {
    this.require(input.id);
    return this.deps.buildLogs.get(input.id);
  }

  /** The container of a running session; terminals use it. */
  containerOf(sessionId: string): string {
    const session = this.require(sessionId);
    if (session.status !== 'running' || !session.containerId) {
      throw new RpcError(
        'conflict',
        `Session "${session.name}" is ${session.status}: start it to use terminals.`,
      );
    }
    return session.containerId;
  }

  /** Where new terminals start: the primary repository once it is checked out, else /workspace. */
  workingDirOf(sessionId: string): string {
    const session = this.require(sessionId);
    const primary = session.primaryRepository
      ? this.deps.repositories.get(sessionId, session.primaryRepository)
      : undefined;
    return primary?.seed === 'ready' ? `${workspaceDir}/${primary.name}` : workspaceDir;
  }

  /** A live session's stored record; `not_found` otherwise. */
  stored(sessionId: string): StoredSession {
    return this.require(sessionId);
  }

  /** Tells every window the session changed (its repositories' state, say). */
  touch(sessionId: string): void {
    this.emit(sessionId);
  }

  exists(sessionId: string): boolean {
    const session = this.deps.table.get(sessionId);
    return session !== undefined && session.status !== 'deleted';
  }

  /** Live sessions (not deleted), straight from storage. */
  live(): StoredSession[] {
    return this.deps.table.list(false);
  }

  isProvisioning(sessionId: string): boolean {
    return this.provisioning.isRunning(sessionId);
  }

  /** Persists a change and tells every window. */
  update(id: string, patch: SessionPatch): StoredSession {
    const session = this.deps.table.update(id, patch);
    if (session.status !== 'creating') this.progress.delete(id);
    this.emit(id);
    return session;
  }

  async dispose(): Promise<void> {
    await this.provisioning.cancelAll();
  }

  private setProgress(id: string, progress: SessionProgress): void {
    this.progress.set(id, progress);
    this.emit(id);
  }

  private require(id: string): StoredSession {
    const session = this.deps.table.get(id);
    if (!session || session.status === 'deleted') {
      throw new RpcError('not_found', `No session with id "${id}".`);
    }
    return session;
  }

  private view(session: StoredSession): Session {
    const progress = session.status === 'creating' ? this.progress.get(session.id) : undefined;
    const repositories = this.deps.repositories
      .list(session.id)
      .map(({ sessionId: _s, hostGitdir: _h, ...repo }) => repo);
    return progress ? { ...session, repositories, progress } : { ...session, repositories };
  }

  private emit(id: string): void {
    const session = this.deps.table.get(id);
    if (session) this.deps.bus.emit('sessions.changed', this.view(session), id);
  }
}
