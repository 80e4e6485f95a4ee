import type { ClientMessage, ServerMessage } from './protocol';

/**
 * The only thing the Electron preload exposes to the window (as `window.bridge`): one channel,
 * raw protocol messages, nothing else.
 */
export interface Bridge {
  send(message: ClientMessage): void;
  /** Returns a function that stops listening. */
  onMessage(listener: (message: ServerMessage) => void): () => void;
}

/** The one IPC channel the bridge uses in both directions. */
export const bridgeChannel = 'berth:rpc';
