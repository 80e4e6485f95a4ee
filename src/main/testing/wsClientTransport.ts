import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../shared/rpc/transport';

/**
 * A Node WebSocket client pipe for tests: what the browser's transport does, plus the headers
 * (auth cookie, Origin) a browser would send by itself.
 */
export function wsClientTransport(
  url: string,
  headers: Record<string, string>,
): Transport<ServerMessage, ClientMessage> {
  const ws = new WebSocket(url, { headers });
  const messages = new Listeners<[ServerMessage]>();
  const closed = new Listeners<[]>();
  let waiting: string[] = [];
  ws.on('open', () => {
    for (const text of waiting) ws.send(text);
    waiting = [];
  });
  ws.on('message', (data) => messages.emit(JSON.parse(String(data)) as ServerMessage));
  ws.on('error', () => ws.terminate());
  ws.on('close', () => closed.emit());
  return {
    send(message) {
      const text = JSON.stringify(message);
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
      else if (ws.readyState === WebSocket.CONNECTING) waiting.push(text);
    },
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closed.add(listener),
    close: () => ws.close(),
  };
}
