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
import { openDb } from './storage/db';
import { lockDataDir } from './storage/dataDirLock';
import { SessionsTable } from './storage/sessionsTable';
import { TerminalsTable } from './storage/terminalsTable';
import { resourcesDir } from './paths';

export interface HostOptions {
  /** Where the database, logs and lock live. One workbench process per data directory. */
  dataDir: string;
  /** Docker endpoint; defaults to DOCKER_HOST or the local socket. */
  dockerHost?: string;
  /** Sandbox base image; defaults to berth-base:bookworm (scripts/build-base-image.sh). */
  baseImage?: string;
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
    const sessions = new SessionsService({
      table: new SessionsTable(db),
      runtime,
      bus,
      buildLogs: new BuildLogs(join(options.dataDir, 'logs')),
      engineId: 'local',
    });
    const terminals = new TerminalsService({
      table: new TerminalsTable(db),
      runtime,
      bus,
      sessions,
    });
    const reconciler = new SessionReconciler(sessions, runtime, monitor);
    reconciler.start();

    let disposed = false;
    return {
      handlers: { engines, sessions, terminals },
      events: bus,
      dataDir: options.dataDir,
      describe: (info) => lock.describe(info),
      async dispose() {
        if (disposed) return;
        disposed = true;
        reconciler.dispose();
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
