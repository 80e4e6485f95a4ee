import type { z } from 'zod';
import type { EngineStatus, EnginesApi, enginesInput } from '../../../shared/contract';
import type { Disposer } from '../../../shared/rpc/transport';
import type { EventBus } from '../events';
import type { EngineMonitor } from './engineMonitor';

/** The `engines` domain of the contract: the local engine's state, pushed as it changes. */
export class EnginesService implements EnginesApi {
  private readonly stopForwarding: Disposer;

  constructor(
    private readonly monitor: EngineMonitor,
    bus: EventBus,
  ) {
    this.stopForwarding = monitor.onStatus((status) => bus.emit('engines.status', status));
  }

  status(_input: z.infer<typeof enginesInput.status>): Promise<EngineStatus> {
    return Promise.resolve(this.monitor.status);
  }

  reconnect(_input: z.infer<typeof enginesInput.reconnect>): Promise<EngineStatus> {
    return this.monitor.check();
  }

  /** Stops forwarding; the monitor itself belongs to whoever made it. */
  dispose(): void {
    this.stopForwarding();
  }
}
