import type { RpcErrorShape } from '../contract/errors';

/**
 * The wire protocol, the same over Electron IPC, WebSocket, a local socket and in memory.
 * Every message is one JSON-safe object; `id`s are chosen by the client and unique per connection.
 */
export type ClientMessage =
  | { t: 'call'; id: number; method: string; params: unknown }
  | { t: 'cancel'; id: number }
  /** Subscribe to one event, optionally only for one topic (a session id, a terminal id). */
  | { t: 'sub'; id: number; event: string; topic?: string }
  | { t: 'unsub'; id: number };

export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: RpcErrorShape }
  /** An event for subscription `sub`. */
  | { t: 'event'; sub: number; event: string; topic?: string; payload: unknown }
  /** A message the server could not read at all; the connection stays open. */
  | { t: 'error'; error: RpcErrorShape };

export type Message = ClientMessage | ServerMessage;
