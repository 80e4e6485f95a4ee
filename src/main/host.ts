import { join } from 'node:path';
import type { Handlers } from '../shared/rpc/server';
import { EventBus } from './services/events';
import { createDockerClient } from './services/engines/dockerClient';
import { DockerEngineMonitor } from './services/engines/dockerEngineMonitor';
import { EnginesService } from './services/engines/enginesService';
import { DockerSandboxRuntime } from './services/sandboxes/dockerSandboxRuntime';
import { BuildLogs } from './services/sessions/buildLogs';
import { SessionReconciler } from './services/sessions/sessionReconciler';
import { SessionsService } from './services/sessions/sessionsService';
import { TerminalsService } from './services/terminals/terminalsService';
import { ProjectsService } from './services/projects/projectsService';
import { BranchWatcher } from './services/repositories/branchWatcher';
import { RepositoriesService } from './services/repositories/repositoriesService';
import { seedRepositories } from './services/repositories/seeding';
import {
  branchesInUse,
  planSessionRepositories,
} from './services/repositories/sessionRepositoryPlan';
import { FileCredentialStore, type CredentialStore } from './services/settings/credentialStore';
import { SettingsService } from './services/settings/settingsService';
import { openDb } from './storage/db';
import { lockDataDir } from './storage/dataDirLock';
import { ProjectsTable } from './storage/projectsTable';
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
    const { docker, endpoint } = createDockerClient(options.dockerHost);
    const monitor = new DockerEngineMonitor(docker, endpoint);
    const runtime = new DockerSandboxRuntime(docker, {
      profileDir: join(resourcesDir(), 'profiles', 'default'),
      ...(options.baseImage ? { baseImage: options.baseImage } : {}),
    });
    const engines = new EnginesService(monitor, bus);
    const settings = new SettingsService({
      table: new SettingsTable(db),
      credentials: (options.credentials ?? ((dir) => new FileCredentialStore(dir)))(
        options.dataDir,
      ),
      bus,
    });
    const projectsTable = new ProjectsTable(db);
    const projects = new ProjectsService({ table: projectsTable, settings, bus });
    const sessionRepos = new SessionRepositoriesTable(db);
    const sessionsTable = new SessionsTable(db);
    const sessions = new SessionsService({
      table: sessionsTable,
      runtime,
      bus,
      buildLogs: new BuildLogs(join(options.dataDir, 'logs')),
      engineId: 'local',
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
    const watcher = new BranchWatcher({ runtime, table: sessionRepos, bus, sessions });
    const repositories = new RepositoriesService({
      sessions,
      table: sessionRepos,
      runtime,
      settings,
      watcher,
    });
    const reconciler = new SessionReconciler(sessions, runtime, monitor);
    reconciler.start();

    let disposed = false;
    return {
      handlers: { engines, projects, repositories, sessions, settings, terminals },
      events: bus,
      dataDir: options.dataDir,
      describe: (info) => lock.describe(info),
      async dispose() {
        if (disposed) return;
        disposed = true;
        reconciler.dispose();
        watcher.dispose();
        engines.dispose();
        await terminals.dispose();
        await sessions.dispose();
        monitor.dispose();
        db.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
