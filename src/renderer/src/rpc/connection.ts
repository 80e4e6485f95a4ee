import { createClient, type ClientApi, type RpcClient } from '../../../shared/rpc/client';
import type { Bridge } from '../../../shared/rpc/bridge';
import { bridgeTransport } from './bridgeTransport';
import { rpcUrl, websocketTransport } from './websocketTransport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    bridge?: Bridge;
  }
}

let client: RpcClient | undefined;

/**
 * Connects once, at boot: the preload bridge under Electron, else a WebSocket to the server that
 * served the page. Nothing else in the renderer knows which shell it runs in.
 */
export function connect(): RpcClient {
  if (client) return client;
  const bridge = window.bridge;
  client = createClient({
    connect: bridge
      ? () => bridgeTransport(bridge)
      : () => websocketTransport(rpcUrl(window.location)),
    reconnect: true,
  });
  return client;
}

/** The client made by `connect()`. */
export function rpc(): RpcClient {
  if (!client) throw new Error('rpc() called before connect()');
  return client;
}

/** The typed contract: `api().sessions.list({})`. */
export function api(): ClientApi {
  return rpc().api;
}
