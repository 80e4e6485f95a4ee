import type { Bridge } from '../../../shared/rpc/bridge';
import type { ClientMessage, ServerMessage } from '../../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../../shared/rpc/transport';

/**
 * The Electron shell's pipe: the preload bridge on one IPC channel. IPC does not drop while the
 * window lives, so this transport only closes when the client closes it.
 */
export function bridgeTransport(bridge: Bridge): Transport<ServerMessage, ClientMessage> {
  const closed = new Listeners<[]>();
  const stops: Array<() => void> = [];
  return {
    send: (message) => bridge.send(message),
    onMessage(listener) {
      const stop = bridge.onMessage(listener);
      stops.push(stop);
      return stop;
    },
    onClose: (listener) => closed.add(listener),
    close() {
      for (const stop of stops.splice(0)) stop();
      closed.emit();
      closed.clear();
    },
  };
}
