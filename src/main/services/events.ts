import type { EventName, EventPayload } from '../../shared/contract';
import type { EventSource } from '../../shared/rpc';
import type { Disposer } from '../../shared/rpc/transport';

type Listener = (payload: unknown, topic: string | undefined) => void;

/**
 * The host's one event bus: services emit, the RPC server forwards to subscribed windows.
 * A subscription without a topic receives every topic of its event.
 */
export class EventBus implements EventSource {
  private readonly listeners = new Map<
    EventName,
    Set<{ topic: string | undefined; fn: Listener }>
  >();

  emit<N extends EventName>(event: N, payload: EventPayload<N>, topic?: string): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const entry of [...set]) {
      if (entry.topic === undefined || entry.topic === topic) entry.fn(payload, topic);
    }
  }

  subscribe(event: EventName, topic: string | undefined, fn: Listener): Disposer {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const entry = { topic, fn };
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  }

  /** Typed convenience for services listening to each other. */
  on<N extends EventName>(
    event: N,
    fn: (payload: EventPayload<N>) => void,
    topic?: string,
  ): Disposer {
    return this.subscribe(event, topic, (payload) => fn(payload as EventPayload<N>));
  }

  /** Whether any window listens to this event for this topic (flow control needs a reader). */
  hasSubscribers(event: EventName, topic?: string): boolean {
    const set = this.listeners.get(event);
    if (!set) return false;
    for (const entry of set) if (entry.topic === undefined || entry.topic === topic) return true;
    return false;
  }
}
