import { Listeners, type Transport } from './transport';
import type { ClientMessage, ServerMessage } from './protocol';

/**
 * Two connected in-memory transports. Every message goes through a JSON round trip, as it would
 * on a real pipe, so tests catch values that are not JSON-safe. Delivery is asynchronous.
 */
export function createMemoryPair(): {
  client: Transport<ServerMessage, ClientMessage>;
  server: Transport<ClientMessage, ServerMessage>;
} {
  const toClient = new Listeners<[ServerMessage]>();
  const toServer = new Listeners<[ClientMessage]>();
  const closed = new Listeners<[]>();
  let open = true;

  const close = (): void => {
    if (!open) return;
    open = false;
    queueMicrotask(() => closed.emit());
  };
  const deliver = <T>(listeners: Listeners<[T]>, message: T): void => {
    if (!open) return;
    const copy = JSON.parse(JSON.stringify(message)) as T;
    queueMicrotask(() => open && listeners.emit(copy));
  };

  return {
    client: {
      send: (message) => deliver(toServer, message),
      onMessage: (listener) => toClient.add(listener),
      onClose: (listener) => closed.add(listener),
      close,
    },
    server: {
      send: (message) => deliver(toClient, message),
      onMessage: (listener) => toServer.add(listener),
      onClose: (listener) => closed.add(listener),
      close,
    },
  };
}
