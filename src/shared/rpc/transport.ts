import type { Message } from './protocol';

/** Releases what it holds when called; safe to call twice. */
export type Disposer = () => void;

/**
 * One bidirectional message pipe. Implementations: Electron IPC, WebSocket, local socket and
 * in memory. A transport carries already-parsed messages; each side parses and checks its input.
 */
export interface Transport<In = Message, Out = Message> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): Disposer;
  onClose(listener: () => void): Disposer;
  close(): void;
}

/** A small listener list, shared by the transports. */
export class Listeners<T extends unknown[]> {
  private readonly set = new Set<(...args: T) => void>();

  add(listener: (...args: T) => void): Disposer {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(...args: T): void {
    for (const listener of [...this.set]) listener(...args);
  }

  clear(): void {
    this.set.clear();
  }

  get size(): number {
    return this.set.size;
  }
}
