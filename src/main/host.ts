import { join } from 'node:path';
import type { Handlers } from '../shared/rpc/server';
import { EventBus } from './services/events';
import { EngineRegistry } from './services/engines/engineRegistry';
import { EnginesService } from './services/engines/enginesService';
import { DockerSandboxRuntime } from './services/sandboxes/dockerSandboxRuntime';
import { RoutedRuntime } from './services/sandboxes/routedRuntime';
import { sandboxLabels } from './services/sandboxes/sandboxRuntime';
import { ActivityMirror } from './services/team/activityMirror';
import { TeamSessions } from './services/team/teamSessions';
import { workbenchIdentity } from './services/team/workbenchIdentity';
import { ActivityTable } from './storage/activityTable';
import { EnginesTable } from './storage/enginesTable';
import { BuildLogs } from './services/sessions/buildLogs';
import { SessionReconciler } from './services/sessions/sessionReconciler';
import { SessionsService } from './services/sessions/sessionsService';
import { TerminalsService } from './services/terminals/terminalsService';
import { createAgent } from './services/agent/createAgent';
import type { LocalPort } from './services/models/localDiscovery';
import { ModelsService } from './services/models/modelsService';
import { ModelProvidersTable } from './storage/modelProvidersTable';
import { ProjectsService } from './services/projects/projectsService';
import { BranchWatcher } from './services/repositories/branchWatcher';
import { RepositoriesService } from './services/repositories/repositoriesService';
import { PortsService } from './services/ports/portsService';
import { ReviewsService } from './services/reviews/reviewsService';
import { SandboxReader } from './services/reviews/sandboxReader';
import { seedRepositories } from './services/repositories/seeding';
import {
  branchesInUse,
  planSessionRepositories,
} from './services/repositories/sessionRepositoryPlan';
import { FileCredentialStore, type CredentialStore } from './services/settings/credentialStore';
import { SettingsService } from './services/settings/settingsService';
import { openDb } from './storage/db';
import { lockDataDir } from './storage/dataDirLock';
import { PortForwardsTable } from './storage/portForwardsTable';
import { ProjectsTable } from './storage/projectsTable';
import { ReviewCommentsTable } from './storage/reviewCommentsTable';
import { SessionRepositoriesTable } from './storage/sessionRepositoriesTable';
import { SessionsTable } from './storage/sessionsTable';
import { SettingsTable } from './storage/settingsTable';
import { TerminalsTable } from './storage/terminalsTable';
import { resourcesDir } from './paths';

export interface HostOptions {
  /** Where the database, logs and lock live. One workbench process per data directory. */
  dataDir: string;
  /** Docker endpoint; defaults to DOCKER_HOST or the local socket. */
  dockerHost?: string;
  /** Sandbox base image; defaults to berth-base:bookworm (scripts/build-base-image.sh). */
  baseImage?: string;
  /** Where git host tokens are kept; a file in the data directory unless the shell has better. */
  credentials?: (dataDir: string) => CredentialStore;
  /** Where Settings → Models looks for local servers (tests point it at a scripted one). */
  discoveryPorts?: LocalPort[];
  /** Waits between retries of a failed model call (tests make them short). */
  agentRetryDelaysMs?: readonly number[];
  /** Waits between checks of an unreachable engine (tests make them short). */
  engineRetryMs?: { local?: number; remote?: number };
  /** Between SSH keepalives to a remote engine; three unanswered drop the link (tests make it short). */
  sshKeepaliveMs?: number;
}

export interface Host {
  handlers: Handlers;
  events: EventBus;
  dataDir: string;
  /** Records where this workbench can be reached, for the message a second one prints. */
  describe(info: { url?: string }): void;
  dispose(): Promise<void>;
}

/**
 * The composition root: builds the core once, in dependency order, for any shell (Electron,
 * browser mode, CLI, tests). Throws DataDirInUseError when another workbench owns `dataDir`.
 */
export async function createHost(options: HostOptions): Promise<Host> {
  const lock = lockDataDir(options.dataDir);
  try {
    const db = openDb(options.dataDir);
    const bus = new EventBus();
    const settingsTable = new SettingsTable(db);
    const credentials = (options.credentials ?? ((dir) => new FileCredentialStore(dir)))(
      options.dataDir,
    );
    const settings = new SettingsService({ table: settingsTable, credentials, bus });
    const owner = workbenchIdentity(settingsTable, () => settings.identity().name);
    const enginesTable = new EnginesTable(db);
    const registry = new EngineRegistry({
      ...(options.dockerHost !== undefined ? { localDockerHost: options.dockerHost } : {}),
      runtimeFor: (client, baseSource) =>
        new DockerSandboxRuntime(client.docker, {
          profileDir: join(resourcesDir(), 'profiles', 'default'),
          endpoint: client.endpoint,
          workbenchId: owner().workbenchId,
          ...(options.baseImage ? { baseImage: options.baseImage } : {}),
          ...(baseSource ? { baseSource } : {}),
        }),
      trustedKey: (engineId) => enginesTable.get(engineId)?.hostKey,
      ...(options.engineRetryMs ? { retryMs: options.engineRetryMs } : {}),
      ...(options.sshKeepaliveMs ? { sshKeepaliveMs: options.sshKeepaliveMs } : {}),
    });
    const models = new ModelsService({
      table: new ModelProvidersTable(db),
      settings: settingsTable,
      credentials,
      bus,
      ...(options.discoveryPorts ? { discoveryPorts: options.discoveryPorts } : {}),
    });
    const projectsTable = new ProjectsTable(db);
    const projects = new ProjectsService({ table: projectsTable, settings, bus });
    const sessionRepos = new SessionRepositoriesTable(db);
    const sessionsTable = new SessionsTable(db);
    // Code that works on an existing sandbox reaches it on whichever engine it is.
    const runtime = new RoutedRuntime((containerId) => {
      const engineId = sessionsTable.findByContainer(containerId)?.engineId;
      return engineId && registry.has(engineId)
        ? registry.get(engineId).runtime
        : registry.local.runtime;
    }, registry.local.runtime);
    const engines = new EnginesService({
      registry,
      table: enginesTable,
      bus,
      lastUsed: () => settingsTable.get<string>('lastEngineId'),
      sessionsOn: (engineId) =>
        sessionsTable
          .list()
          .filter((s) => s.engineId === engineId)
          .map((s) => s.name),
    });
    engines.startSaved();
    const activityTable = new ActivityTable(db);
    const team = new TeamSessions({
      engines: {
        connected: () =>
          registry.list().filter((engine) => engine.monitor.status.state === 'connected'),
        get: (id) => registry.get(id),
        onContainerEvent: (listener) => registry.onContainerEvent(listener),
      },
      table: sessionsTable,
      repositories: sessionRepos,
      activity: activityTable,
      bus,
      me: owner,
    });
    const sessions = new SessionsService({
      table: sessionsTable,
      team,
      engines: {
        runtime: (engineId) => registry.get(engineId).runtime,
        problem: (engineId) => {
          if (!registry.has(engineId)) return `The engine of this session was removed.`;
          const status = registry.get(engineId).monitor.status;
          if (status.state === 'connected') return undefined;
          return status.message ?? `Connecting to ${status.name}…`;
        },
        lastUsed: () => {
          const last = settingsTable.get<string>('lastEngineId');
          return last && registry.has(last) ? last : registry.local.id;
        },
        use: (engineId) => settingsTable.set('lastEngineId', engineId),
        labels: (session) => ({
          [sandboxLabels.ownerName]: owner().name,
          ...(session.branch ? { [sandboxLabels.branch]: session.branch } : {}),
        }),
      },
      bus,
      buildLogs: new BuildLogs(join(options.dataDir, 'logs')),
      repositories: sessionRepos,
      plan: (projectId, input) =>
        planSessionRepositories(
          projects.require(projectId),
          input,
          settings,
          options.dataDir,
          (source) => branchesInUse(sessionsTable, sessionRepos, source),
        ),
      seed: (session, containerId, report, signal) =>
        seedRepositories(
          { runtime, table: sessionRepos, settings, dataDir: options.dataDir },
          { id: session.id, branch: session.branch ?? '' },
          containerId,
          report,
          signal,
        ),
    });
    const terminals = new TerminalsService({
      table: new TerminalsTable(db),
      runtime,
      bus,
      sessions,
    });
    const ports = new PortsService({
      runtime,
      table: new PortForwardsTable(db),
      bus,
      sessions,
    });
    const watcher = new BranchWatcher({ runtime, table: sessionRepos, bus, sessions });
    const reviews = new ReviewsService({
      reader: new SandboxReader(runtime),
      comments: new ReviewCommentsTable(db),
      repositories: sessionRepos,
      bus,
      sessions: {
        exists: (id) => sessions.exists(id),
        runningContainer: (id) => {
          const session = sessionsTable.get(id);
          return session?.status === 'running' ? session.containerId : undefined;
        },
      },
    });
    const agent = await createAgent({
      db,
      bus,
      runtime,
      models,
      sessionExists: (id) => sessions.exists(id),
      teammateOf: (id) => sessionsTable.get(id)?.teammate?.name,
      review: reviews,
      workplace: {
        containerOf: (id) => sessions.containerOf(id),
        workingDirOf: (id) => sessions.workingDirOf(id),
        unreachable: (id) => sessions.unreachable(id),
        branchOf: (id) => {
          const session = sessions.stored(id);
          const repos = sessionRepos.list(id);
          const primary = repos.find((r) => r.name === session.primaryRepository);
          return {
            ...(session.branch ? { branch: session.branch } : {}),
            ...(primary?.baseBranch ? { baseBranch: primary.baseBranch } : {}),
            repositories: repos.filter((r) => r.seed === 'ready').map((r) => r.name),
          };
        },
      },
      ...(options.agentRetryDelaysMs ? { retryDelaysMs: options.agentRetryDelaysMs } : {}),
    });
    const offSessions = bus.on('sessions.changed', (session) => agent.onSessionChanged(session));
    // A task whose sandbox became ready while Berth was down starts now.
    for (const session of await sessions.list({})) agent.onSessionChanged(session);
    const repositories = new RepositoriesService({
      sessions,
      table: sessionRepos,
      runtime,
      settings,
      watcher,
      writePullRequest: (sessionId, work) =>
        agent.writePullRequest(sessionId, {
          ...work,
          ...(sessions.stored(sessionId).task ? { task: sessions.stored(sessionId).task } : {}),
        }),
    });
    const mirror = new ActivityMirror({
      bus,
      runtime,
      ownContainer: (id) => {
        const session = sessionsTable.get(id);
        if (!session || session.teammate || session.status !== 'running') return undefined;
        return session.containerId;
      },
      eventsAfter: (id, seq) => activityTable.after(id, seq),
      describe: (id) => {
        const session = sessionsTable.get(id);
        if (!session) return undefined;
        return {
          name: session.name,
          ...(session.branch ? { branch: session.branch } : {}),
          ...(session.primaryRepository ? { primaryRepository: session.primaryRepository } : {}),
          repositories: sessionRepos
            .list(id)
            .map(({ sessionId: _s, hostGitdir: _h, ...repo }) => repo),
        };
      },
    });
    team.start();
    const reconciler = new SessionReconciler(sessions, {
      statuses: () => registry.list().map((engine) => engine.monitor.status),
      runtime: (engineId) => registry.get(engineId).runtime,
      onStatus: (listener) => registry.onStatus(listener),
      onContainerEvent: (listener) => registry.onContainerEvent(listener),
    });
    reconciler.start();

    let disposed = false;
    return {
      handlers: {
        agent,
        engines,
        models,
        ports,
        projects,
        repositories,
        reviews,
        sessions,
        settings,
        terminals,
      },
      events: bus,
      dataDir: options.dataDir,
      describe: (info) => lock.describe(info),
      async dispose() {
        if (disposed) return;
        disposed = true;
        reconciler.dispose();
        mirror.dispose();
        team.dispose();
        offSessions();
        await agent.dispose();
        watcher.dispose();
        ports.dispose();
        engines.dispose();
        await terminals.dispose();
        await sessions.dispose();
        registry.dispose();
        db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
