import type {
  ExecOptions,
  ExecProcess,
  ImageBuildProgress,
  SandboxInfo,
  SandboxRuntime,
  SandboxSpec,
} from './sandboxRuntime';

/**
 * The runtime for code that works on a sandbox it already has (terminals, ports, git, the
 * agent's tools, reviews): each call goes to the engine the container is on, found by
 * `engineOf`. Making sandboxes needs an engine chosen first, so `ensureImage` and `create` go
 * to `fallback` (the local engine); sessions call the chosen engine's runtime for those.
 */
export class RoutedRuntime implements SandboxRuntime {
  constructor(
    private readonly engineOf: (containerId: string) => SandboxRuntime,
    private readonly fallback: SandboxRuntime,
  ) {}

  ensureImage(
    onProgress: (progress: ImageBuildProgress) => void,
    signal?: AbortSignal,
  ): Promise<string> {
    return this.fallback.ensureImage(onProgress, signal);
  }

  create(spec: SandboxSpec, signal?: AbortSignal): Promise<string> {
    return this.fallback.create(spec, signal);
  }

  start(containerId: string): Promise<void> {
    return this.engineOf(containerId).start(containerId);
  }

  stop(containerId: string): Promise<void> {
    return this.engineOf(containerId).stop(containerId);
  }

  remove(containerId: string, sessionId: string): Promise<void> {
    return this.engineOf(containerId).remove(containerId, sessionId);
  }

  inspect(containerId: string): Promise<SandboxInfo> {
    return this.engineOf(containerId).inspect(containerId);
  }

  exec(containerId: string, options: ExecOptions): Promise<ExecProcess> {
    return this.engineOf(containerId).exec(containerId, options);
  }

  putArchive(containerId: string, path: string, tar: NodeJS.ReadableStream): Promise<void> {
    return this.engineOf(containerId).putArchive(containerId, path, tar);
  }
}
