import { randomBytes } from 'node:crypto';
import {
  RpcError,
  type BuildLog,
  type Session,
  type SessionProgress,
  type SessionsApi,
  type SharedSession,
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

/** What sessions need from the engines they run on. */
export interface SessionEngines {
  /** The runtime of an engine; `not_found` for an unknown one. */
  runtime(engineId: string): SandboxRuntime;
  /** Why an engine is not connected now, or undefined when it is. */
  problem(engineId: string): string | undefined;
  /** The engine a session goes on when the user picks none (the last used). */
  lastUsed(): string;
  /** Remembers the engine of the newest session. */
  use(engineId: string): void;
  /** Labels a new sandbox carries besides the session's own: its owner, its branch. */
  labels(session: StoredSession): Record<string, string>;
}

/** Teammates' sessions on shared engines (see TeamSessions). */
export interface SessionsTeam {
  shared(input: z.infer<typeof sessionsInput.shared>): Promise<SharedSession[]>;
  attach(input: z.infer<typeof sessionsInput.attach>): Promise<StoredSession>;
}

export interface SessionsServiceDeps {
  table: SessionsTable;
  engines: SessionEngines;
  team?: SessionsTeam;
  bus: EventBus;
  buildLogs: BuildLogs;
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
      runtime: (session) => deps.engines.runtime(session.engineId),
      labels: (session) => deps.engines.labels(session),
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
    const engineId = input.engineId ?? this.deps.engines.lastUsed();
    this.deps.engines.runtime(engineId);
    const plan = input.projectId ? await this.deps.plan(input.projectId, input) : undefined;
    const now = new Date().toISOString();
    const session: StoredSession = {
      id: randomBytes(6).toString('hex'),
      name,
      status: 'creating',
      engineId,
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
    this.deps.engines.use(engineId);
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
    const runtime = this.runtimeOf(session);
    const info = session.containerId ? await runtime.inspect(session.containerId) : null;
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
    await runtime.start(info.containerId);
    return this.view(this.update(session.id, { status: 'running', statusDetail: null }));
  }

  async stop(input: z.infer<typeof sessionsInput.stop>): Promise<Session> {
    const session = this.require(input.id);
    confirmOwner(session, input.confirmOwner, 'stop');
    if (session.status === 'creating') {
      throw new RpcError(
        'conflict',
        `Session "${session.name}" is still being created: delete it to cancel.`,
      );
    }
    if (session.status === 'stopped' || !session.containerId) return this.view(session);
    this.expected.add(session.id);
    try {
      await this.runtimeOf(session).stop(session.containerId);
    } finally {
      this.expected.delete(session.id);
    }
    return this.view(this.update(session.id, { status: 'stopped', statusDetail: null }));
  }

  async delete(input: z.infer<typeof sessionsInput.delete>): Promise<Session> {
    const session = this.require(input.id);
    confirmOwner(session, input.confirmOwner, 'delete');
    this.expected.add(session.id);
    try {
      // Cancel creation first and wait for it to settle, so no container appears after removal.
      await this.provisioning.cancel(session.id);
      const current = this.require(session.id);
      await this.runtimeOf(current).remove(
        current.containerId ?? `berth-${current.id}`,
        current.id,
      );
    } finally {
      this.expected.delete(session.id);
    }
    this.progress.delete(session.id);
    return this.view(this.update(session.id, { status: 'deleted', statusDetail: null }));
  }

  shared(input: z.infer<typeof sessionsInput.shared>): Promise<SharedSession[]> {
    return this.team().shared(input);
  }

  async attach(input: z.infer<typeof sessionsInput.attach>): Promise<Session> {
    const session = await this.team().attach(input);
    this.emit(session.id);
    return this.view(session);
  }

  async detach(input: z.infer<typeof sessionsInput.detach>): Promise<Session> {
    const session = this.require(input.id);
    if (!session.teammate) {
      throw new RpcError(
        'invalid_input',
        `"${session.name}" is your own session: stop or delete it instead.`,
      );
    }
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

  /** Whether a running session's engine is out of reach now (the session shows `connecting`). */
  unreachable(sessionId: string): boolean {
    const session = this.deps.table.get(sessionId);
    return (
      session?.status === 'running' && this.deps.engines.problem(session.engineId) !== undefined
    );
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

  private runtimeOf(session: StoredSession): SandboxRuntime {
    return this.deps.engines.runtime(session.engineId);
  }

  private team(): SessionsTeam {
    if (!this.deps.team) throw new RpcError('unavailable', 'Shared engines are not set up here.');
    return this.deps.team;
  }

  /**
   * The session as windows see it: a running session whose engine is not connected now is
   * `connecting` (its sandbox still runs there; Berth reconnects by itself).
   */
  private view(stored: StoredSession): Session {
    const progress = stored.status === 'creating' ? this.progress.get(stored.id) : undefined;
    const repositories = this.deps.repositories
      .list(stored.id)
      .map(({ sessionId: _s, hostGitdir: _h, ...repo }) => repo);
    const problem =
      stored.status === 'running' ? this.deps.engines.problem(stored.engineId) : undefined;
    const session: Session = problem
      ? { ...stored, status: 'connecting', statusDetail: `${problem} Reconnecting…`, repositories }
      : { ...stored, repositories };
    return progress ? { ...session, progress } : session;
  }

  private emit(id: string): void {
    const session = this.deps.table.get(id);
    if (session) this.deps.bus.emit('sessions.changed', this.view(session), id);
  }
}

/** A teammate's session is stopped or deleted only with its owner's name typed back. */
function confirmOwner(session: StoredSession, typed: string | undefined, what: string): void {
  const owner = session.teammate?.name;
  if (owner === undefined || typed?.trim() === owner) return;
  throw new RpcError(
    'permission_denied',
    `"${session.name}" is ${owner}'s session: type their name to ${what} it from this workbench.`,
    { owner },
  );
}
