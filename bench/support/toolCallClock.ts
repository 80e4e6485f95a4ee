import { performance } from 'node:perf_hooks';
import type { ActivityEvent, AgentStatus } from '../../src/shared/contract';
import type { EventBus } from '../../src/main/services/events';

/** One tool call's moments on the host's clock (performance.now()), from the loop's own events. */
export interface ToolCallTimes {
  toolCallId: string;
  tool: string;
  /** `tool.call` was committed and emitted (the model's step is over). */
  called: number;
  /** `tool.started` was committed: the policy said yes, the command is about to run. */
  started?: number;
  /** `tool.result` was committed and emitted. */
  result?: number;
  event?: Extract<ActivityEvent, { kind: 'tool.result' }>;
}

/**
 * Times every tool call of a session in-process, on the host's event bus. The agent's store
 * emits `agent.activity` right after each event's transaction commits, so `called → result`
 * is the loop's whole handling of a call — policy, two synced writes, the sandbox exec — and
 * none of the model's time.
 */
export class ToolCallClock {
  readonly calls = new Map<string, ToolCallTimes>();
  private readonly offs: (() => void)[];
  private readonly waiters = new Set<{
    statuses: AgentStatus[];
    done(status: AgentStatus): void;
  }>();

  constructor(bus: EventBus, sessionId: string) {
    this.offs = [
      bus.on(
        'agent.activity',
        (event) => {
          const at = performance.now();
          if (event.kind === 'tool.call') {
            const { toolCallId, tool } = event.data;
            this.calls.set(toolCallId, { toolCallId, tool, called: at });
          } else if (event.kind === 'tool.started') {
            const times = this.calls.get(event.data.toolCallId);
            if (times) times.started = at;
          } else if (event.kind === 'tool.result') {
            const times = this.calls.get(event.data.toolCallId);
            if (times) Object.assign(times, { result: at, event });
          }
        },
        sessionId,
      ),
      bus.on(
        'agent.state',
        (state) => {
          for (const waiter of this.waiters) {
            if (waiter.statuses.includes(state.status)) {
              this.waiters.delete(waiter);
              waiter.done(state.status);
            }
          }
        },
        sessionId,
      ),
    ];
  }

  /** Resolves when the agent reports one of `statuses`; register before the call that causes it. */
  reaches(statuses: AgentStatus[], timeoutMs: number): Promise<AgentStatus> {
    return new Promise((resolve, reject) => {
      const waiter = {
        statuses,
        done: (status: AgentStatus) => {
          clearTimeout(timer);
          resolve(status);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`the agent did not become ${statuses.join('/')} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.calls.clear();
  }

  dispose(): void {
    for (const off of this.offs) off();
  }
}
