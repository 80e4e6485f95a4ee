import type Docker from 'dockerode';
import { endpointOf } from '../engines/dockerClient';
import { containerOptions, labelsFor, sandboxDefaults, workspaceVolume } from './containerSpec';
import { isMissing, isNoop, toRpcError } from './dockerErrors';
import { startExec } from './execProcess';
import { ImageBuilder } from './imageBuilder';
import type {
  ExecOptions,
  ExecProcess,
  ImageBuildProgress,
  SandboxInfo,
  SandboxRuntime,
  SandboxSpec,
} from './sandboxRuntime';

export interface DockerSandboxRuntimeOptions {
  /** The profile folder with its Dockerfile (resources/profiles/default). */
  profileDir: string;
  /** The image the profile builds on; berth-base:bookworm from scripts/build-base-image.sh. */
  baseImage?: string;
  /** Written to `berth.workbench` on every sandbox, so a workbench can tell its own apart. */
  workbenchId?: string;
  /** How the engine is named in error messages; read from the client when not given. */
  endpoint?: string;
  /** An engine to copy the base image from when this one lacks it (remote engines). */
  baseSource?: Docker;
}

/** Seconds `stop` waits for the sandbox to exit on SIGTERM before the engine kills it. */
const stopTimeoutSeconds = 3;

const gone = 'The sandbox container is gone (removed outside Berth?); recreate the session.';

/** Sandboxes as Docker containers: one hardened container and one workspace volume per session. */
export class DockerSandboxRuntime implements SandboxRuntime {
  private readonly images: ImageBuilder;
  private readonly endpoint: string;
  private readonly workbenchId: string | undefined;
  private engineCpus: Promise<number> | undefined;

  constructor(
    private readonly docker: Docker,
    options: DockerSandboxRuntimeOptions,
  ) {
    this.endpoint = options.endpoint ?? endpointOf(docker);
    this.workbenchId = options.workbenchId;
    this.images = new ImageBuilder(docker, {
      profileDir: options.profileDir,
      baseImage: options.baseImage ?? 'berth-base:bookworm',
      endpoint: this.endpoint,
      ...(options.baseSource ? { baseSource: options.baseSource } : {}),
    });
  }

  ensureImage(
    onProgress: (progress: ImageBuildProgress) => void,
    signal?: AbortSignal,
  ): Promise<string> {
    return this.images.ensure(onProgress, signal);
  }

  async create(spec: SandboxSpec, signal?: AbortSignal): Promise<string> {
    const doing = `Creating the sandbox of session ${spec.sessionName}`;
    try {
      // Made first and labelled, so a leftover volume can be traced to its session.
      await this.docker.createVolume({
        Name: workspaceVolume(spec.sessionId),
        Labels: labelsFor(spec, this.workbenchId),
        ...(signal ? { abortSignal: signal } : {}),
      });
      const options = containerOptions(await this.fitToEngine(spec), this.workbenchId);
      const container = await this.docker.createContainer(
        signal ? { ...options, abortSignal: signal } : options,
      );
      return container.id;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw toRpcError(error, this.endpoint, doing, {
        notFound: `The sandbox image ${spec.image} is missing; build it again.`,
        conflict: 'A sandbox with this name already exists on the engine; remove it or reuse it.',
      });
    }
  }

  /**
   * The engine refuses a CPU limit above its own CPU count (a 1-CPU VM and the 2-CPU default):
   * cap it there. Asked once per runtime; the count of a running engine does not change.
   */
  private async fitToEngine(spec: SandboxSpec): Promise<SandboxSpec> {
    this.engineCpus ??= this.docker.info().then(
      (info: { NCPU?: number }) => info.NCPU ?? Number.POSITIVE_INFINITY,
      () => Number.POSITIVE_INFINITY,
    );
    const cpus = await this.engineCpus;
    const wanted = spec.nanoCpus ?? sandboxDefaults.nanoCpus;
    return wanted > cpus * 1e9 ? { ...spec, nanoCpus: cpus * 1e9 } : spec;
  }

  async start(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).start();
    } catch (error) {
      if (isNoop(error)) return;
      throw toRpcError(error, this.endpoint, 'Starting the sandbox', { notFound: gone });
    }
  }

  async stop(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).stop({ t: stopTimeoutSeconds });
    } catch (error) {
      if (isNoop(error)) return;
      throw toRpcError(error, this.endpoint, 'Stopping the sandbox', { notFound: gone });
    }
  }

  async remove(containerId: string, sessionId: string): Promise<void> {
    // A session whose create failed has no container id yet; its volume may still exist.
    if (containerId !== '') {
      try {
        await this.docker.getContainer(containerId).remove({ force: true, v: true });
      } catch (error) {
        if (!isMissing(error)) throw toRpcError(error, this.endpoint, 'Removing the sandbox');
      }
    }
    try {
      await this.docker.getVolume(workspaceVolume(sessionId)).remove();
    } catch (error) {
      if (!isMissing(error))
        throw toRpcError(error, this.endpoint, 'Removing the sandbox workspace volume');
    }
  }

  async inspect(containerId: string): Promise<SandboxInfo> {
    if (containerId === '') return { containerId, state: 'missing' };
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.docker.getContainer(containerId).inspect();
    } catch (error) {
      if (isMissing(error)) return { containerId, state: 'missing' };
      throw toRpcError(error, this.endpoint, 'Inspecting the sandbox');
    }
    const state = info.State;
    if (state.Running) return { containerId: info.Id, state: 'running' };
    const result: SandboxInfo = {
      containerId: info.Id,
      state: 'stopped',
      exitCode: state.ExitCode,
    };
    if (state.OOMKilled) result.error = 'OOMKilled: the sandbox used more memory than its limit.';
    else if (state.Error) result.error = state.Error;
    return result;
  }

  exec(containerId: string, options: ExecOptions): Promise<ExecProcess> {
    return startExec(this.docker.getContainer(containerId), options, this.endpoint);
  }

  async putArchive(containerId: string, path: string, tar: NodeJS.ReadableStream): Promise<void> {
    try {
      const response = await this.docker.getContainer(containerId).putArchive(tar, { path });
      // dockerode hands back the response stream; drain it so the connection is released.
      if (response && typeof (response as NodeJS.ReadableStream).resume === 'function') {
        (response as NodeJS.ReadableStream).resume();
      }
    } catch (error) {
      throw toRpcError(error, this.endpoint, 'Copying files into the sandbox', {
        notFound: gone,
      });
    }
  }
}
