import { z } from 'zod';

/** How the workbench sees a Docker engine right now. */
export type EngineState = 'connecting' | 'connected' | 'unreachable' | 'permission_denied';

export interface EngineStatus {
  /** `local` for the engine at DOCKER_HOST or the default socket. */
  id: string;
  /** Where the engine is reached, e.g. `unix:///var/run/docker.sock`. */
  endpoint: string;
  state: EngineState;
  /** Engine version when connected, e.g. `20.10.24`. */
  version?: string;
  /** What is wrong, in one sentence, when not connected. */
  message?: string;
  /** What the user can do about it. */
  hint?: string;
  /** ISO time of the last check. */
  checkedAt: string;
}

export const enginesInput = {
  status: z.object({}).strict(),
  reconnect: z.object({}).strict(),
};

export interface EnginesApi {
  /** The current state of the local engine. */
  status(input: z.infer<typeof enginesInput.status>): Promise<EngineStatus>;
  /** Checks the engine again now instead of waiting for the next retry; returns the new state. */
  reconnect(input: z.infer<typeof enginesInput.reconnect>): Promise<EngineStatus>;
}

export interface EnginesEvents {
  /** The engine's state changed (connected, lost, permission denied, …). */
  status: EngineStatus;
}
