import type { EngineStatus } from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';

/** A container's life as the engine reports it on its event stream. */
export interface ContainerEvent {
  action: 'create' | 'start' | 'die' | 'stop' | 'kill' | 'oom' | 'destroy';
  containerId: string;
  /** From the `berth.session` label, when the container is a sandbox. */
  sessionId?: string;
  /** For `die`. */
  exitCode?: number;
}

/**
 * Watches one engine: its health (with retries while unreachable) and its container events.
 * Sessions use it to notice a sandbox killed or removed outside Berth and an engine lost
 * mid-session.
 */
export interface EngineMonitor {
  readonly status: EngineStatus;
  onStatus(listener: (status: EngineStatus) => void): Disposer;
  onContainerEvent(listener: (event: ContainerEvent) => void): Disposer;
  /** Checks now instead of at the next retry. */
  check(): Promise<EngineStatus>;
  dispose(): void;
}
