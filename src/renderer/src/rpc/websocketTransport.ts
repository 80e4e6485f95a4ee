import type { ClientMessage, ServerMessage } from '../../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../../shared/rpc/transport';

/**
 * The browser shell's pipe: one JSON text frame per message. Messages sent while the socket is
 * still opening wait in order; the auth cookie rides along with the upgrade request.
 */
export function websocketTransport(url: string): Transport<ServerMessage, ClientMessage> {
  const socket = new WebSocket(url);
  const messages = new Listeners<[ServerMessage]>();
  const closed = new Listeners<[]>();
  let waiting: string[] = [];

  socket.addEventListener('open', () => {
    for (const text of waiting) socket.send(text);
    waiting = [];
  });
  socket.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (typeof event.data !== 'string') return;
    let message: ServerMessage;
    try {
      message = JSON.parse(event.data) as ServerMessage;
    } catch {
      console.warn('rpc: dropped a frame that is not JSON');
      return;
    }
    messages.emit(message);
  });
  socket.addEventListener('close', () => {
    waiting = [];
    closed.emit();
    closed.clear();
    messages.clear();
  });

  return {
    send(message) {
      const text = JSON.stringify(message);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else if (socket.readyState === WebSocket.CONNECTING) waiting.push(text);
    },
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closed.add(listener),
    close: () => socket.close(1000),
  };
}

/** The RPC endpoint of the server that served this page. */
export function rpcUrl(location: Location): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc`;
}
