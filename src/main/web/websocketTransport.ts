import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/rpc/protocol';
import { Listeners, type Transport } from '../../shared/rpc/transport';

export interface WebSocketTransportOptions {
  /**
   * Past this many bytes queued for a client that does not read, the socket is closed: a stuck
   * tab must not grow the workbench's memory without bound. 8 MiB is about two seconds of the
   * busiest terminal output we expect (≈4 MB/s), far more than a healthy tab ever holds.
   */
  maxBufferedBytes?: number;
  log?: (message: string) => void;
}

const malformed: ServerMessage = {
  t: 'error',
  error: { code: 'invalid_input', message: 'Malformed message: not JSON' },
};

/**
 * Adapts one `ws` socket to the RPC transport: one JSON text frame per message. Frames that are
 * binary or not JSON get a protocol error back and the connection stays open; the server checks
 * the shape of everything else.
 */
export function websocketTransport(
  socket: WebSocket,
  options: WebSocketTransportOptions = {},
): Transport<unknown, ServerMessage> {
  const maxBuffered = options.maxBufferedBytes ?? 8 * 1024 * 1024;
  const log = options.log ?? ((message: string) => console.error(message));
  const messages = new Listeners<[unknown]>();
  const closed = new Listeners<[]>();

  const send = (message: ServerMessage): void => {
    if (socket.readyState !== WebSocket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch (error) {
      // A handler returned something JSON cannot carry (a BigInt, a cycle): fail that call
      // instead of leaving the client waiting for ever.
      log(`rpc: cannot send a ${message.t} message: ${String(error)}`);
      if (message.t !== 'result') return;
      text = JSON.stringify({
        t: 'result',
        id: message.id,
        ok: false,
        error: { code: 'internal', message: 'The result could not be sent (not JSON).' },
      });
    }
    // Checked before sending, so one large result (a big file for the diff view) still goes
    // out; only a backlog that keeps growing past the limit means the client has stopped reading.
    if (socket.bufferedAmount > maxBuffered) {
      log(
        `rpc: closing a WebSocket client that is not reading (${socket.bufferedAmount} bytes ` +
          `queued, limit ${maxBuffered})`,
      );
      socket.terminate();
      return;
    }
    socket.send(text);
  };

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      send(malformed);
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(rawToString(data));
    } catch {
      send(malformed);
      return;
    }
    messages.emit(message);
  });
  // ws reports protocol violations (a frame over maxPayload, bad UTF-8) here and then closes
  // the socket; without a listener the error would end the process.
  socket.on('error', (error) => log(`rpc: WebSocket error: ${error.message}`));
  socket.on('close', () => {
    closed.emit();
    closed.clear();
    messages.clear();
  });

  return {
    send,
    onMessage: (listener) => messages.add(listener),
    onClose: (listener) => closed.add(listener),
    close: () => socket.close(1000),
  };
}

function rawToString(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
