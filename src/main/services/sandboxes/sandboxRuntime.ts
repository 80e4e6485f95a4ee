import type { Duplex } from 'node:stream';

/**
 * What the rest of the core needs from the Docker engine to run sandboxes. The Docker
 * implementation lives beside this file; sessions and terminals depend only on this interface.
 */

/** Labels every sandbox carries so any workbench attached to the same engine can find it. */
export const sandboxLabels = {
  session: 'berth.session',
  sessionName: 'berth.session-name',
  project: 'berth.project',
  profile: 'berth.profile',
  workbench: 'berth.workbench',
  /** The owner's name (advisory: anyone with the engine's API can change a sandbox). */
  ownerName: 'berth.owner.name',
  branch: 'berth.branch',
} as const;

export interface SandboxSpec {
  sessionId: string;
  sessionName: string;
  image: string;
  /** Extra labels (`berth.project`, …); the session labels are added by the runtime. */
  labels?: Record<string, string>;
  /** Limits; defaults in the runtime: 4 GiB memory, 2 CPUs, 1024 pids. */
  memoryBytes?: number;
  nanoCpus?: number;
  pidsLimit?: number;
}

export type SandboxState = 'running' | 'stopped' | 'missing';

export interface SandboxInfo {
  containerId: string;
  state: SandboxState;
  /** Exit code and time when stopped; tells a crash from a clean stop. */
  exitCode?: number;
  /** OOMKilled etc., when the engine says so. */
  error?: string;
}

export interface ExecOptions {
  cmd: string[];
  tty: boolean;
  /** Defaults to the image's non-root user. */
  user?: string;
  workingDir?: string;
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
  /** Without a TTY: stderr goes here instead of being merged into `stream`. */
  onStderr?: (chunk: Buffer) => void;
}

/** A process running inside a sandbox. With a TTY, `stream` carries raw terminal bytes. */
export interface ExecProcess {
  /** stdin in, stdout (and stderr, merged when tty) out. */
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  /** Resolves with the exit code once the process has ended (null if the engine cannot tell). */
  wait(): Promise<number | null>;
}

export interface ImageBuildProgress {
  /** One line of build output. */
  line?: string;
  /** `Step 3/7` parsed into a fraction, when the engine reports steps. */
  fraction?: number;
}

export interface SandboxRuntime {
  /**
   * Makes sure the sandbox image for the default profile exists, building it if missing.
   * Returns the image reference. Progress lines arrive through `onProgress`.
   */
  ensureImage(
    onProgress: (progress: ImageBuildProgress) => void,
    signal?: AbortSignal,
  ): Promise<string>;
  /** Creates (not starts) the hardened sandbox container; returns its id. */
  create(spec: SandboxSpec, signal?: AbortSignal): Promise<string>;
  start(containerId: string): Promise<void>;
  /** Stops the container; its disk stays. */
  stop(containerId: string): Promise<void>;
  /** Removes the container and the session's workspace volume. Missing is not an error. */
  remove(containerId: string, sessionId: string): Promise<void>;
  inspect(containerId: string): Promise<SandboxInfo>;
  /** Runs a process in a running sandbox. */
  exec(containerId: string, options: ExecOptions): Promise<ExecProcess>;
  /**
   * Extracts a tar stream into the sandbox at `path` (an existing directory), through the
   * engine's archive API: no network inside the sandbox, works the same on a remote engine.
   */
  putArchive(containerId: string, path: string, tar: NodeJS.ReadableStream): Promise<void>;
}
